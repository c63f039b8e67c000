import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../test/support/app.ts';
import { auditEvents } from './schema.ts';

/**
 * The audit log as an administrator reads it: names instead of ids, a page at a time with the total, and a search
 * by a resident's surname or BSN that finds the lines about them without writing the name or BSN down anywhere.
 */
interface Line {
  id: number;
  actorName: string;
  organisationName: string | null;
  action: string;
  objectType: string;
  subjects: { id: string; name: string | null }[];
}
interface Page {
  total: number;
  limit: number;
  offset: number;
  items: Line[];
}

let t: TestApp;
let admin: Session;
let personId: string;

beforeAll(async () => {
  t = await createTestApp();
  const officer = await loginAs(t.app, demoEmails.signal_officer);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/persons',
    headers: officer.headers,
    payload: { municipalityCode: 'GM0505', bsn: '123456782', initials: 'P.', prefix: 'van der', surname: 'Zwaluw', postcode: '3311 AB', houseNumber: '8' },
  });
  expect(created.statusCode).toBe(201);
  personId = created.json().id;
  admin = await loginAs(t.app, demoEmails.admin);
});
afterAll(() => t?.close());

const audit = async (query: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?${query}`, headers: admin.headers });
  return response;
};

describe('GET /api/v1/audit-events', () => {
  it('names who acted, their organisation and the resident, instead of ids', async () => {
    const page = (await audit('objectType=person&action=create')).json() as Page;
    expect(page.total).toBe(1);
    const [line] = page.items;
    expect(line).toMatchObject({ actorName: 'Sam Signaal', action: 'create', subjects: [{ id: personId, name: 'P. van der Zwaluw' }] });
    expect(line!.organisationName).toBeTruthy();
    expect(line!.organisationName).not.toMatch(/^[0-9a-f-]{36}$/);
  });

  it('finds the lines about a resident by surname (without "van der") and by BSN, and never keeps what was searched for', async () => {
    for (const person of ['zwaluw', 'Van der Zwaluw', '123456782', '1234.56.782']) {
      const page = (await audit(`person=${encodeURIComponent(person)}`)).json() as Page;
      expect(page.total, person).toBeGreaterThanOrEqual(1);
      expect(
        page.items.every((l) => l.subjects.some((s) => s.id === personId)),
        person,
      ).toBe(true);
    }
    expect(((await audit('person=Onbekend')).json() as Page).total).toBe(0);
    const searches = await t.db.unaudited((q) => q.select().from(auditEvents).where(sql`${auditEvents.objectType} = 'audit_event'`));
    expect(searches.length).toBeGreaterThanOrEqual(5);
    const written = JSON.stringify(searches);
    for (const secret of ['123456782', '1234.56.782', 'wal', 'Onbekend']) expect(written).not.toContain(secret);
    expect(searches.some((s) => (s.details as { personSearch?: string } | null)?.personSearch === 'bsn')).toBe(true);
  });

  it('says in plain Dutch that a BSN is wrong', async () => {
    const response = await audit('person=123456789');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'querystring.person', reason: expect.stringMatching(/Dit BSN klopt niet/) }]);
  });

  it('pages through every line of 100,000, newest first, with filters and a total', async () => {
    await t.db.unaudited((q) =>
      q.execute(sql`insert into audit_events (occurred_at, actor_kind, municipality_code, municipality_codes, action, object_type, object_id, result)
        select now() - make_interval(secs => n), 'system:load', 'GM0505', '{GM0505}', case when n % 10 = 0 then 'export' else 'read' end, 'case', n::text, 'success'
        from generate_series(1, 100000) as n`),
    );
    const first = (await audit('limit=20')).json() as Page;
    expect(first.total).toBeGreaterThan(100_000);
    expect(first.items).toHaveLength(20);
    const ids = first.items.map((l) => l.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // Anchored at the first page, the next pages do not shift while new lines arrive (this search writes one).
    const anchor = ids[0]! + 1;
    const again = (await audit(`limit=20&before=${anchor}`)).json() as Page;
    expect(again.items.map((l) => l.id)).toEqual(ids);
    const second = (await audit(`limit=20&offset=20&before=${anchor}`)).json() as Page;
    expect(second.offset).toBe(20);
    expect(second.total).toBe(again.total);
    expect(second.items[0]!.id).toBeLessThan(ids.at(-1)!);
    const keyset = (await audit(`limit=20&before=${ids.at(-1)}`)).json() as Page;
    expect(keyset.items.map((l) => l.id)).toEqual(second.items.map((l) => l.id));

    const latest = (await audit('limit=50')).json() as Page;
    const exports = (await audit('limit=50&action=export&result=success')).json() as Page;
    const deep = (await audit('limit=50&offset=80000&action=read')).json() as Page;
    expect(latest.items).toHaveLength(50);
    expect(deep.items).toHaveLength(50);
    expect(exports.total).toBe(10_000);
    expect(exports.items.every((l) => l.action === 'export')).toBe(true);
  }, 120_000);
});
