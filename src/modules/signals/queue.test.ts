import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { parseCaseSearch, listCases } from './queries/caseList.ts';
import { importCsv, inspect } from './test-helpers.ts';

/** The team's queue: search, filters, sorting, paging, audit and access, through GET /api/v1/signals/cases. */

const header = 'referentie;datum;soort;bedrag;bsn;voorletters;tussenvoegsel;achternaam;straat;postcode;huisnummer;toevoeging;woonplaats';
const line = (
  ref: string,
  date: string,
  soort: string,
  bedrag: string,
  bsn: string,
  initials: string,
  prefix: string,
  surname: string,
  postcode: string,
  nr: string,
  suffix = '',
) => [ref, date, soort, bedrag, bsn, initials, prefix, surname, 'Brouwersdijk', postcode, nr, suffix, 'Dordrecht'].join(';');

interface Item {
  id: string;
  surname: string | null;
  prefix: string | null;
  totalCents: number;
  urgent: boolean;
  assignedUserId: string | null;
  firstSignalDate: string;
  lastSignalDate: string;
  dueDate: string | null;
  signalCount: number;
}
interface Page {
  total: number;
  items: Item[];
}

describe('the queue of the early-signal team', () => {
  let t: TestApp;
  let officer: Session;
  const clock = new FakeClock('2025-04-15T09:00:00+02:00');
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    // Jansen: two creditors at one address; de Groot: prefix apart; van der Berg: prefix in the surname; Kramer and
    // Bos: the same house number as van der Berg with and without an addition.
    await importCsv(
      t.db,
      'TRIVIRE',
      [
        header,
        line('TRV-100', '2025-03-01', 'huur', '450,00', '111222333', 'J.', '', 'Jansen', '3315 AB', '12'),
        line('TRV-200', '2025-01-10', 'huur', '1.200,00', '', 'P.', 'de', 'Groot', '3316AB', '1', 'a'),
        line('TRV-300', '2025-02-01', 'huur', '90,00', '', 'K.', '', 'Kramer', '3311AB', '12', 'b'),
        line('TRV-400', '2025-04-12', 'huur', '640,00', '', 'A.', '', 'Bosman', '3312 CD', '7'),
      ].join('\n'),
    );
    await importCsv(
      t.db,
      'VGZ',
      [
        header,
        line('VGZ-7', '2025-04-01', 'zorgverzekering', '75,00', '111222333', 'J.', '', 'Jansen', '3315AB', '12'),
        line('VGZ-8', '2025-04-10', 'zorgverzekering', '300,00', '', 'M.', '', 'van der Berg', '3311AB', '12'),
      ].join('\n'),
    );
    const cases = await inspect(t.db, (tx) => tx.execute(sql`select c.id, p.surname from signal_cases c join persons p on p.id = c.person_id`));
    ids = Object.fromEntries((cases as unknown as { rows: { id: string; surname: string }[] }).rows.map((r) => [r.surname, r.id]));
    expect(Object.keys(ids).sort()).toEqual(['Bosman', 'Groot', 'Jansen', 'Kramer', 'van der Berg']);
    // Kramer is urgent; Bosman is assigned to the officer and due first.
    await inspect(t.db, (tx) => tx.execute(sql`update signal_cases set urgent = true where id = ${ids.Kramer}`));
    const assigned = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/signals/cases/${ids.Bosman}`,
      headers: officer.headers,
      payload: { assignedUserId: officer.userId, dueDate: '2025-04-20' },
    });
    expect(assigned.statusCode).toBe(200);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/signals/cases/${ids.Groot}`, headers: officer.headers, payload: { dueDate: '2025-05-01' } });
  });
  afterAll(() => t?.close());

  const get = async (query: Record<string, string>) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases?${new URLSearchParams(query)}`, headers: officer.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  const names = (page: Page) => page.items.map((i) => i.surname);
  const found = async (q: string) => names(await get({ q })).sort();

  it('recognises what the one search field holds', () => {
    expect(parseCaseSearch('111 222 333')).toEqual({ kind: 'bsn', bsn: '111222333' });
    expect(parseCaseSearch('3311 ab 12a')).toEqual({ kind: 'address', postcode: '3311AB', houseNumber: 12, suffix: 'A' });
    expect(parseCaseSearch('3311AB')).toEqual({ kind: 'address', postcode: '3311AB', houseNumber: null, suffix: null });
    expect(parseCaseSearch('TRV-100')).toEqual({ kind: 'reference', reference: 'TRV-100' });
    expect(parseCaseSearch('Van der  Berg')).toEqual({ kind: 'name', surname: 'berg', prefix: 'van der' });
    expect(parseCaseSearch('   ')).toBeNull();
  });

  it('finds a household by postcode and house number, with or without a space or addition', async () => {
    expect(await found('3311 AB 12')).toEqual(['Kramer', 'van der Berg']);
    expect(await found('3311AB 12b')).toEqual(['Kramer']);
    expect(await found('3311ab12')).toEqual(['Kramer', 'van der Berg']);
    expect(await found('3316 AB 1a')).toEqual(['Groot']);
    expect(await found('3316 AB 1b')).toEqual([]);
    expect(await found('3315 AB')).toEqual(['Jansen']);
  });

  it('finds a household by BSN and by a creditor’s reference of any creditor', async () => {
    expect(await found('111222333')).toEqual(['Jansen']);
    expect(await found('111.222.333')).toEqual(['Jansen']);
    expect(await found('VGZ-8')).toEqual(['van der Berg']);
    expect(await found('TRV-300')).toEqual(['Kramer']);
    expect(await found('TRV-999')).toEqual([]);
  });

  it('finds a household by (the start of) the surname, with or without prefix, in any case', async () => {
    expect(await found('jans')).toEqual(['Jansen']);
    expect(await found('GROOT')).toEqual(['Groot']);
    expect(await found('de Groot')).toEqual(['Groot']);
    expect(await found('van Groot')).toEqual([]);
    expect(await found('berg')).toEqual(['van der Berg']);
    expect(await found('van der berg')).toEqual(['van der Berg']);
    expect(await found('bos')).toEqual(['Bosman']);
    expect(await found('kr%')).toEqual([]);
  });

  it('filters by urgency, creditors, amount, age, wijk, worker and status', async () => {
    expect(names(await get({ urgent: 'true' }))).toEqual(['Kramer']);
    expect(names(await get({ urgent: 'false' })).sort()).toEqual(['Bosman', 'Groot', 'Jansen', 'van der Berg']);
    expect(names(await get({ multipleCreditors: 'true' }))).toEqual(['Jansen']);
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: (await loginAs(t.app, demoEmails.admin)).headers })).json() as {
      id: string;
      code: string;
    }[];
    const vgz = orgs.find((o) => o.code === 'VGZ')!.id;
    expect(names(await get({ creditorOrganisationId: vgz })).sort()).toEqual(['Jansen', 'van der Berg']);
    expect(names(await get({ creditorOrganisationId: vgz, multipleCreditors: 'true' }))).toEqual(['Jansen']);
    expect(names(await get({ minTotalCents: '50000' })).sort()).toEqual(['Bosman', 'Groot', 'Jansen']);
    expect(names(await get({ minTotalCents: '30000', maxTotalCents: '52500' })).sort()).toEqual(['Jansen', 'van der Berg']);
    // Today is 15 April 2025: Groot's oldest signal is 95 days old, Kramer's 73, Jansen's 45.
    expect(names(await get({ minAgeDays: '60' })).sort()).toEqual(['Groot', 'Kramer']);
    expect(names(await get({ maxAgeDays: '10' })).sort()).toEqual(['Bosman', 'van der Berg']);
    expect(names(await get({ assignedUserId: officer.userId }))).toEqual(['Bosman']);
    expect(names(await get({ unassigned: 'true' })).sort()).toEqual(['Groot', 'Jansen', 'Kramer', 'van der Berg']);
    // The import gives each case the wijk of its postcode: 3315 is Wielwijk, 3311 and 3312 Binnenstad.
    expect(names(await get({ areaCode: 'WK050504' }))).toEqual(['Jansen']);
    expect(names(await get({ areaCode: 'WK050501' })).sort()).toEqual(['Bosman', 'Kramer', 'van der Berg']);
    const statuses = (await get({})).items.map((i) => (i as Item & { status: string }).status);
    for (const status of new Set(statuses)) expect((await get({ status })).total).toBe(statuses.filter((s) => s === status).length);
    expect((await get({ q: 'jans', urgent: 'true' })).total).toBe(0);
  });

  it('puts urgent cases first by default, then by due date', async () => {
    const queue = names(await get({}));
    expect(queue.slice(0, 3)).toEqual(['Kramer', 'Bosman', 'Groot']);
    // The two without a due date came in at the same moment: either order.
    expect(queue.slice(3).sort()).toEqual(['Jansen', 'van der Berg']);
  });

  it('sorts by due date, amount, age of the oldest signal, last signal and name, both ways', async () => {
    expect(names(await get({ sort: 'due' })).slice(0, 2)).toEqual(['Bosman', 'Groot']);
    expect(names(await get({ sort: 'due', direction: 'desc' })).slice(0, 2)).toEqual(['Groot', 'Bosman']);
    expect(names(await get({ sort: 'amount' }))).toEqual(['Groot', 'Bosman', 'Jansen', 'van der Berg', 'Kramer']);
    expect(names(await get({ sort: 'amount', direction: 'asc' }))).toEqual(['Kramer', 'van der Berg', 'Jansen', 'Bosman', 'Groot']);
    expect(names(await get({ sort: 'age' }))).toEqual(['Groot', 'Kramer', 'Jansen', 'van der Berg', 'Bosman']);
    expect(names(await get({ sort: 'age', direction: 'asc' }))).toEqual(['Bosman', 'van der Berg', 'Jansen', 'Kramer', 'Groot']);
    expect(names(await get({ sort: 'last' }))).toEqual(['Bosman', 'van der Berg', 'Jansen', 'Kramer', 'Groot']);
    expect(names(await get({ sort: 'name' }))).toEqual(['Bosman', 'Groot', 'Jansen', 'Kramer', 'van der Berg']);
    expect(names(await get({ sort: 'name', direction: 'desc' }))).toEqual(['van der Berg', 'Kramer', 'Jansen', 'Groot', 'Bosman']);
  });

  it('pages with the total count of all matching cases', async () => {
    const first = await get({ sort: 'amount', limit: '2' });
    const second = await get({ sort: 'amount', limit: '2', offset: '2' });
    const last = await get({ sort: 'amount', limit: '2', offset: '4' });
    expect([first.total, second.total, last.total]).toEqual([5, 5, 5]);
    expect([...names(first), ...names(second), ...names(last)]).toEqual(['Groot', 'Bosman', 'Jansen', 'van der Berg', 'Kramer']);
    expect((await get({ limit: '2', offset: '10' })).items).toEqual([]);
    expect((await get({ limit: '2', offset: '10' })).total).toBe(5);
    expect((await get({ q: '3311 AB 12', limit: '1' })).total).toBe(2);
  });

  it('refuses a search longer than the field allows and a filter of the wrong form', async () => {
    for (const query of [{ q: 'x'.repeat(101) }, { urgent: 'ja' }, { sort: 'bsn' }, { minTotalCents: '-1' }, { limit: '501' }] as Record<string, string>[]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases?${new URLSearchParams(query)}`, headers: officer.headers });
      expect(response.statusCode).toBe(400);
    }
  });

  it('audits each search with the filters used, never the search text', async () => {
    const searches = ['111222333', 'Jansen', '3315 AB 12', 'VGZ-7'];
    for (const q of searches) await get({ q, urgent: 'false', sort: 'name' });
    const lines = await inspect(t.db, (tx) =>
      tx
        .select({ details: auditEvents.details, subjectIds: auditEvents.subjectIds })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'search'), eq(auditEvents.objectType, 'signal_case')))
        .orderBy(desc(auditEvents.id))
        .limit(4),
    );
    expect(lines.map((l) => (l.details as { search: string }).search).reverse()).toEqual(['bsn', 'name', 'address', 'reference']);
    for (const l of lines) {
      expect(l.details).toMatchObject({ filter: ['q', 'urgent'], sort: 'name' });
      expect(l.subjectIds).toHaveLength(1);
      const text = JSON.stringify(l.details).toLowerCase();
      for (const secret of ['111222333', 'jansen', '3315', 'vgz-7']) expect(text).not.toContain(secret);
    }
  });

  it('shows a user of another municipality nothing, and refuses them Dordrecht', async () => {
    const stranger: Actor = {
      kind: 'user',
      userId: officer.userId,
      displayName: 'Zwijndrecht',
      organisationId: officer.organisationId,
      organisationKind: 'municipal_team',
      roles: ['signal_officer'],
      municipalities: ['GM0642'],
      origin: null,
    };
    expect(await listCases(t.db, stranger, {})).toMatchObject({ total: 0, items: [] });
    expect(await listCases(t.db, stranger, { q: '111222333' })).toMatchObject({ total: 0, items: [] });
    expect(await listCases(t.db, stranger, { q: 'VGZ-8' })).toMatchObject({ total: 0, items: [] });
    await expect(listCases(t.db, stranger, { municipalityCode: 'GM0505' })).rejects.toThrow();
    const creditor = await loginAs(t.app, demoEmails.creditor);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?q=Jansen', headers: creditor.headers })).statusCode).toBe(403);
  });
});
