import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import type { Actor } from '../platform/actor.ts';
import { ForbiddenError, UnauditedPersonalDataAccess } from '../platform/errors.ts';
import { auditEvents, municipalities, organisations, persons } from '../platform/schema.ts';
import type { Database } from './database.ts';
import { personalTableNames } from './personal.ts';

const officer: Actor = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  displayName: 'Test',
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationKind: 'municipal_team',
  roles: ['signal_officer'],
  municipalities: ['GM0505'],
  origin: '192.0.2.1',
};

describe('Database: personal data only through an audited unit of work', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let personId: string;

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
    personId = await db.audited(officer, { action: 'create', objectType: 'person' }, async (tx, trail) => {
      const [p] = await tx.insert(persons).values({ municipalityCode: 'GM0505', surname: 'Jansen', bsn: '111222333' }).returning();
      trail.subjectIds = [p!.id];
      return p!.id;
    });
  });
  afterAll(() => cleanup());

  it('knows which tables hold personal data', () => {
    expect(personalTableNames()).toContain('persons');
  });

  it('refuses every way of reading a personal table outside audited()', async () => {
    await expect(db.unaudited((q) => q.select().from(persons))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unaudited((q) => q.select().from(municipalities).innerJoin(persons, eq(persons.municipalityCode, municipalities.code)))).rejects.toThrow(
      UnauditedPersonalDataAccess,
    );
    await expect(db.unaudited((q) => q.select().from(alias(persons, 'p')))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unaudited((q) => q.query.persons.findMany())).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unaudited((q) => q.execute(sql`select * from ${persons}`))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unaudited((q) => q.update(persons).set({ surname: 'X' }))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unaudited((q) => q.delete(persons))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unauditedTransaction((tx) => tx.select().from(persons))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.maintenance(sql`select count(*) from ${persons}`)).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.maintenance(sql.raw('select surname from persons'))).rejects.toThrow(UnauditedPersonalDataAccess);
    await expect(db.unaudited((q) => q.execute(sql`select * from "persons" where true`))).rejects.toThrow(UnauditedPersonalDataAccess);
  });

  it('lets non-personal tables through the unaudited handle', async () => {
    const rows = await db.unaudited((q) => q.select().from(municipalities));
    expect(rows.map((r) => r.code)).toContain('GM0505');
    await expect(db.unaudited((q) => q.select().from(organisations))).resolves.toEqual([]);
    // Data that happens to be such a word is fine, as are words that merely contain a table's name.
    await expect(
      db.unaudited((q) =>
        q
          .select()
          .from(municipalities)
          .where(inArray(municipalities.name, ['persons', 'signals'])),
      ),
    ).resolves.toEqual([]);
    await expect(db.maintenance(sql.raw("select 'persons_count' as label, count(*) from municipalities"))).resolves.toBeTruthy();
  });

  it('writes the audit line of a read in the same unit of work, naming actor, object, subject and origin', async () => {
    const before = await countAudit(db);
    const person = await db.audited(officer, { action: 'read', objectType: 'person', objectId: personId, subjectIds: [personId], purpose: 'test' }, (tx) =>
      tx.select().from(persons).where(eq(persons.id, personId)),
    );
    expect(person[0]?.surname).toBe('Jansen');
    const lines = await db.audited(officer, { action: 'search', objectType: 'audit_event' }, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.objectId, personId)),
    );
    const line = lines.find((l) => l.action === 'read');
    expect(line).toMatchObject({
      actorKind: 'user',
      actorUserId: officer.kind === 'user' ? officer.userId : '',
      actorOrganisationId: officer.kind === 'user' ? officer.organisationId : '',
      objectType: 'person',
      subjectIds: [personId],
      result: 'success',
      origin: '192.0.2.1',
      purpose: 'test',
    });
    expect(await countAudit(db)).toBe(before + 2);
  });

  it('keeps nothing of failed work, and still records the attempt with its result', async () => {
    await expect(
      db.audited(officer, { action: 'update', objectType: 'person', objectId: personId }, async (tx) => {
        await tx.update(persons).set({ surname: 'Gewijzigd' }).where(eq(persons.id, personId));
        throw new ForbiddenError();
      }),
    ).rejects.toThrow(ForbiddenError);
    const [person] = await db.audited(officer, { action: 'read', objectType: 'person' }, (tx) => tx.select().from(persons).where(eq(persons.id, personId)));
    expect(person?.surname).toBe('Jansen');
    const denied = await db.audited(officer, { action: 'search', objectType: 'audit_event' }, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.result, 'denied')),
    );
    expect(denied.map((d) => d.action)).toContain('update');
  });

  it('lets one statement change personal data and write its own audit line, or writes the line itself', async () => {
    const lines = (objectId: string) => db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)));
    // The statement writes the line from its own rows: the change and the line together.
    const renamed = await db.auditedStatement(
      officer,
      { action: 'update', objectType: 'person', details: { field: 'surname' } },
      async (q, _trail, auditLine) => {
        const audit = auditLine({
          from: sql`changed c`,
          objectId: sql`c.id::text`,
          subjectIds: sql`array[c.id]::uuid[]`,
          municipalityCode: sql`c.municipality_code`,
          details: sql`jsonb_build_object('surname', c.surname)`,
        });
        const result =
          await q.execute(sql`with changed as (update ${persons} set surname = 'Pietersen' where id = ${personId} returning id, municipality_code, surname),
        audit as (${audit}) select surname from changed`);
        return { result: (result as unknown as { rows: { surname: string }[] }).rows[0]!.surname, lineWritten: true };
      },
    );
    expect(renamed).toBe('Pietersen');
    expect(await lines(personId)).toContainEqual(
      expect.objectContaining({
        action: 'update',
        result: 'success',
        actorUserId: officer.kind === 'user' ? officer.userId : null,
        municipalityCode: 'GM0505',
        municipalityCodes: ['GM0505'],
        subjectIds: [personId],
        origin: '192.0.2.1',
        details: { field: 'surname', surname: 'Pietersen' },
      }),
    );
    // Nothing changed in the statement: the line comes from the trail; a failure gets its line with the error code.
    await db.auditedStatement(officer, { action: 'read', objectType: 'person', objectId: `${personId}-trail` }, async () => ({
      result: null,
      lineWritten: false,
    }));
    expect((await lines(`${personId}-trail`)).map((l) => l.result)).toEqual(['success']);
    await expect(
      db.auditedStatement(officer, { action: 'update', objectType: 'person', objectId: `${personId}-failed` }, async () => {
        throw new ForbiddenError();
      }),
    ).rejects.toThrow(ForbiddenError);
    expect((await lines(`${personId}-failed`)).map((l) => l.result)).toEqual(['denied']);
  });
});

async function countAudit(db: Database): Promise<number> {
  const [row] = await db.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(auditEvents));
  return row!.n;
}
