import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { householdPc4Areas, householdPostcodeLetters, householdSurnames, splitSurname, syntheticHousehold } from '../../src/modules/signals/generate.ts';

/**
 * Many cases at once for the queue's bench and browser test: set-based SQL (generate_series), not the import, so
 * that 100,000 cases take seconds. Dordrecht (GM0505), one import row per creditor, each case with its resident and
 * one signal (Trivire, rent), every fourth case a second one (VGZ, health insurance). Case `n` (1-based) lives at
 * `queueCaseAddress(n)`, has BSN `queueCaseBsn(n)` and reference `Q-<n>`: household n of generate.ts.
 */
const pc4s = householdPc4Areas.map(([pc4]) => pc4);
const letters = householdPostcodeLetters;

/** Postcode and house number of case n: household n of the generated files (generate.ts). */
export function queueCaseAddress(n: number): { postcode: string; houseNumber: number } {
  const { postcode, houseNumber } = syntheticHousehold(n);
  return { postcode, houseNumber };
}
/** Not a BSN a file could hold (no eleven test): `9` and the case number, so every case has its own. */
export const queueCaseBsn = (n: number) => `9${String(n).padStart(8, '0')}`;
/** The surname as people write it (`van den Berg`). */
export const queueCaseSurname = (n: number) => householdSurnames[(n - 1) % householdSurnames.length]!;

/** Ids are md5 hashes shaped as version-4 UUIDs (the API checks the form). */
export async function seedQueueCases(db: Database, count: number, options: { today?: string } = {}): Promise<void> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const pc4List = sql.raw(`array[${pc4s.map((p) => `'${p}'`).join(',')}]`);
  const areaList = sql.raw(`array[${householdPc4Areas.map(([, a]) => `'${a}'`).join(',')}]`);
  // The same households as syntheticHousehold(n), computed by the database for every case at once.
  const names = householdSurnames.map(splitSurname);
  const prefixList = sql.raw(`array[${names.map(([p]) => `'${p}'`).join(',')}]`);
  const surnameList = sql.raw(`array[${names.map(([, s]) => `'${s}'`).join(',')}]`);
  const n = pc4s.length;
  const l = letters.length;
  await db.audited(systemActor('seed-queue'), { action: 'create', objectType: 'signal_case', details: { seeded: count } }, async (tx) => {
    await tx.execute(sql`
      insert into signal_imports (id, creditor_organisation_id, municipality_code, channel, file_name, rows, accepted, created_at)
      select overlay(overlay(md5('queue-import-' || o.code) placing '4' from 13) placing '8' from 17)::uuid, o.id, 'GM0505', 'cli', 'werkvoorraad.csv', ${count}, ${count}, now()
      from organisations o where o.code in ('TRIVIRE', 'VGZ')`);
    await tx.execute(sql`
      create temporary table queue_seed on commit drop as
      select g, overlay(overlay(md5('queue-case-' || g) placing '4' from 13) placing '8' from 17)::uuid as case_id, overlay(overlay(md5('queue-person-' || g) placing '4' from 13) placing '8' from 17)::uuid as person_id,
        (${pc4List})[1 + (g - 1) % ${n}] || substr(${letters}, 1 + ((g - 1) / ${n}) % ${l}, 1) || substr(${letters}, 1 + ((g - 1) / ${n * l}) % ${l}, 1) as postcode,
        1 + (g - 1) / ${n * l * l} as house_number,
        (${areaList})[1 + (g - 1) % ${n}] as area_code,
        nullif((${prefixList})[1 + (g - 1) % ${names.length}], '') as prefix, (${surnameList})[1 + (g - 1) % ${names.length}] as surname,
        '9' || lpad(g::text, 8, '0') as bsn,
        ${today}::date - (1 + (g::bigint * 7919) % 200)::int as first_date,
        (10000 + (g::bigint * 104729) % 400000)::int as amount
      from generate_series(1, ${count}) g`);
    await tx.execute(sql`
      insert into persons (id, municipality_code, bsn, initials, prefix, surname, street, house_number, postcode, city, created_at, updated_at)
      select person_id, 'GM0505', bsn, chr(65 + g % 26) || '.', prefix, surname, 'Voorstraat', house_number::text, postcode, 'Dordrecht', now(), now()
      from queue_seed`);
    await tx.execute(sql`
      insert into signal_cases (id, municipality_code, household_key, area_code, person_id, status, urgent, total_cents, signal_count,
        first_signal_date, last_signal_date, due_date, created_at, updated_at)
      select case_id, 'GM0505', postcode || '|' || house_number || '|', area_code, person_id,
        (array['awaiting_letter', 'letter_sent', 'in_contact', 'below_threshold'])[1 + g % 4], g % 20 = 0,
        amount + case when g % 4 = 0 then 7500 else 0 end, case when g % 4 = 0 then 2 else 1 end,
        first_date, first_date + (g % 30), case when g % 3 = 0 then ${today}::date + (g % 21) end, now(), now()
      from queue_seed`);
    await tx.execute(sql`
      insert into signals (import_id, creditor_organisation_id, municipality_code, reference, signal_date, creditor_type, amount_cents,
        bsn, initials, prefix, surname, street, house_number, postcode, city, household_key, status, case_id)
      select overlay(overlay(md5('queue-import-' || o.code) placing '4' from 13) placing '8' from 17)::uuid, o.id, 'GM0505', 'Q-' || s.g || case when o.code = 'VGZ' then '-Z' else '' end,
        case when o.code = 'VGZ' then s.first_date + (s.g % 30) else s.first_date end,
        case when o.code = 'VGZ' then 'health_insurance' else 'rent' end, case when o.code = 'VGZ' then 7500 else s.amount end,
        s.bsn, chr(65 + s.g % 26) || '.', s.prefix, s.surname, 'Voorstraat', s.house_number, s.postcode, 'Dordrecht',
        s.postcode || '|' || s.house_number || '|', 'taken_up', s.case_id
      from queue_seed s join organisations o on o.code = 'TRIVIRE' or (o.code = 'VGZ' and s.g % 4 = 0)`);
  });
  await db.audited(systemActor('seed-queue'), { action: 'update', objectType: 'signal_case', details: { analyzed: true } }, async (tx) => {
    for (const table of ['persons', 'signal_cases', 'signals']) await tx.execute(sql.raw(`analyze ${table}`));
  });
}
