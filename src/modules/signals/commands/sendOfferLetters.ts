import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { persons } from '../../../platform/schema.ts';
import { renderOfferLetters, type OfferLetter } from '../letter.ts';
import { signalCases, signals } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const letterColumns = {
  id: signalCases.id,
  personId: signalCases.personId,
  initials: persons.initials,
  prefix: persons.prefix,
  surname: persons.surname,
  street: persons.street,
  houseNumber: persons.houseNumber,
  houseNumberSuffix: persons.houseNumberSuffix,
  postcode: persons.postcode,
  city: persons.city,
  creditorTypes: sql<string[]>`(select array_agg(distinct s.creditor_type order by s.creditor_type) from signals s where s.case_id = ${signalCases.id})`,
};

/**
 * The day's offer letters in one PDF: every case above the threshold that still awaits its letter (created on
 * or before `date`). The cases move to "letter sent" with a due date for the first contact. Audited as a print.
 */
export async function sendOfferLetters(
  db: Database,
  actor: Actor,
  input: { municipalityCode: string; date?: string; settings: SignalSettings; compress?: boolean },
): Promise<{ count: number; pdf: Buffer; date: string }> {
  // The command line acts as the system, on behalf of the operator who runs it.
  if (actor.kind !== 'system') assertCan(actor, 'signals:work');
  assertMunicipality(actor, input.municipalityCode);
  const date = input.date ?? amsterdamDate(db.clock.now());
  const endOfDay = new Date(`${addDays(date, 1)}T00:00:00+01:00`);
  return db.audited(actor, { action: 'print', objectType: 'signal_offer_letters', objectId: date, municipalityCode: input.municipalityCode }, async (tx, trail) => {
    const rows = await tx
      .select(letterColumns)
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .where(and(eq(signalCases.municipalityCode, input.municipalityCode), eq(signalCases.status, 'awaiting_letter'), lte(signalCases.createdAt, endOfDay)))
      .orderBy(asc(persons.postcode), asc(persons.houseNumber))
      .for('update', { of: signalCases });
    if (!rows.length) throw new ConflictError('Er staan geen brieven klaar om te versturen.');
    const pdf = await renderOfferLetters(rows.map(toLetter), input.settings, date, { compress: input.compress });
    await tx
      .update(signalCases)
      .set({ status: 'letter_sent', letterSentOn: date, takenUpOn: date, dueDate: addDays(date, input.settings.firstContactDays), updatedAt: db.clock.now() })
      .where(inArray(signalCases.id, rows.map((r) => r.id)));
    // The letter is the municipality taking the case up: its signals are now "Opgepakt" (DDAS).
    await tx
      .update(signals)
      .set({ status: 'taken_up' })
      .where(and(inArray(signals.caseId, rows.map((r) => r.id)), eq(signals.status, 'not_yet_taken_up')));
    trail.subjectIds = rows.map((r) => r.personId).filter((id): id is string => !!id);
    trail.details = { letters: rows.length };
    return { count: rows.length, pdf, date };
  });
}

function toLetter(r: { initials: string | null; prefix: string | null; surname: string | null; street: string | null; houseNumber: string | null; houseNumberSuffix: string | null; postcode: string | null; city: string | null; creditorTypes: string[] | null }): OfferLetter {
  return { ...r, surname: r.surname ?? 'bewoner', creditorTypes: r.creditorTypes ?? [] };
}

/** The letter of one case again (a reprint), e.g. for a home visit. */
export async function reprintOfferLetter(db: Database, actor: Actor, caseId: string, settings: SignalSettings): Promise<Buffer> {
  assertCan(actor, 'signals:work');
  return db.audited(actor, { action: 'print', objectType: 'signal_case', objectId: caseId, details: { letter: 'reprint' } }, async (tx, trail) => {
    const [row] = await tx
      .select({ ...letterColumns, municipalityCode: signalCases.municipalityCode, letterSentOn: signalCases.letterSentOn })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .where(eq(signalCases.id, caseId));
    if (!row) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (!row.letterSentOn) throw new ConflictError('Voor deze zaak is nog geen brief verstuurd.');
    if (row.personId) trail.subjectIds = [row.personId];
    return renderOfferLetters([toLetter(row)], settings, row.letterSentOn);
  });
}
