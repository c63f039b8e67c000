import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { anonymousActor, systemActor } from '../../platform/actor.ts';
import { ValidationError, UnauthenticatedError } from '../../platform/errors.ts';
import { seedDemo } from '../../platform/demo.ts';
import { organisations, auditEvents } from '../../platform/schema.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { createIntake, type IntakeInput } from './index.ts';

let db: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
  await seedDemo(db, 'Test-wachtwoord-123');
});
afterAll(() => cleanup());

const base: IntakeInput = {
  municipalityCode: 'GM0505',
  route: 'selftest',
  theme: 'money_debts',
  question: 'Ik heb betalingsachterstanden en wil hulp.',
  contact: { name: 'Fatima de Vries', phone: '0612345678', email: null },
  consent: { given: true, text: 'Ik geef toestemming dat het Sociaal Wijkteam contact met mij opneemt.' },
  profile: 'act_now',
};

async function orgId(code: string) {
  const [o] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, code)));
  return o!.id;
}

describe('createIntake', () => {
  it('sends a self-test contact request from an anonymous resident to the Sociaal Wijkteam, audited with the person', async () => {
    const { intakeId, referralId } = await createIntake(db, anonymousActor('127.0.0.1'), base);
    expect(intakeId).toMatch(/[0-9a-f-]{36}/);
    const audit = await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectId, referralId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.objectType).toBe('referral_intake');
    expect(audit[0]!.subjectIds).toHaveLength(1);
    const receiver = await db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, async (tx) => {
      const { referrals } = await import('./schema.ts');
      const [r] = await tx.select().from(referrals).where(eq(referrals.id, referralId));
      return r!;
    });
    expect(receiver.toOrganisationId).toBe(await orgId('SWT'));
    expect(receiver.fromOrganisationId).toBeNull();
    expect(receiver.state).toBe('sent');
  });

  it('sends an early signal to the SDD unless another organisation is named', async () => {
    const { referralId } = await createIntake(db, systemActor('signals'), { ...base, route: 'early_signal' });
    const { referralId: other } = await createIntake(db, systemActor('signals'), { ...base, route: 'early_signal', targetOrganisationCode: 'HUMANITAS' });
    const rows = await db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, async (tx) => {
      const { referrals } = await import('./schema.ts');
      return tx.select().from(referrals);
    });
    expect(rows.find((r) => r.id === referralId)!.toOrganisationId).toBe(await orgId('SDD'));
    expect(rows.find((r) => r.id === other)!.toOrganisationId).toBe(await orgId('HUMANITAS'));
  });

  it('refuses without consent, in Dutch', async () => {
    const error = await createIntake(db, anonymousActor(null), { ...base, consent: { given: false, text: 'Ik geef geen toestemming.' } }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('toestemming');
  });

  it('refuses a creditor as receiver and an anonymous actor on another route', async () => {
    await expect(createIntake(db, anonymousActor(null), { ...base, targetOrganisationCode: 'TRIVIRE' })).rejects.toBeInstanceOf(ValidationError);
    await expect(createIntake(db, anonymousActor(null), { ...base, route: 'gp' })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe('createIntakeForPerson', () => {
  it('attaches the intake to a resident already in the register, and refuses the anonymous', async () => {
    const { createIntakeForPerson } = await import('./index.ts');
    const { insertPerson } = await import('../../platform/persons.ts');
    const { referrals } = await import('./schema.ts');
    const { persons } = await import('../../platform/schema.ts');
    const person = await db.audited(systemActor('test'), { action: 'create', objectType: 'person' }, (tx) =>
      insertPerson(tx, { municipalityCode: 'GM0505', surname: 'Bestaand', postcode: '3316 AB' }),
    );
    const count = () => db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, async (tx) => (await tx.select().from(persons)).length);
    const before = await count();
    const { referralId } = await createIntakeForPerson(db, systemActor('signals'), { ...base, route: 'early_signal' }, person.id);
    expect(await count()).toBe(before);
    const [row] = await db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, (tx) =>
      tx.select().from(referrals).where(eq(referrals.id, referralId)),
    );
    expect(row).toMatchObject({ personId: person.id, areaCode: 'WK050505', toOrganisationId: await orgId('SDD') });
    await expect(createIntakeForPerson(db, anonymousActor(null), base, person.id)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(createIntakeForPerson(db, systemActor('signals'), { ...base, route: 'early_signal', municipalityCode: 'GM0642' }, person.id)).rejects.toThrow(
      'niet gevonden',
    );
  });
});

describe('demo data', () => {
  it('adds the GP and partner accounts and four referrals, once', async () => {
    const { loadConfig } = await import('../../config.ts');
    const { seedReferralsDemo } = await import('./demo.ts');
    const { users } = await import('../../platform/schema.ts');
    const { referrals } = await import('./schema.ts');
    const config = loadConfig({ VANGNET_DEMO_PASSWORD: 'Test-wachtwoord-123' });
    const count = () => db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, async (tx) => (await tx.select().from(referrals)).length);
    const before = await count();
    await seedReferralsDemo(db, config);
    await seedReferralsDemo(db, config);
    // Referrals already exist in this database from the tests above, so the demo referrals are skipped; users are added.
    expect(await count()).toBe(before);
    const gp = await db.unaudited((q) => q.select().from(users).where(eq(users.email, 'huisarts@drechtdokters.example')));
    expect(gp[0]?.roles).toEqual(['case_worker']);
    expect(gp[0]?.organisationId).toBe(await orgId('DRECHTDOKTERS'));
  });

  it('creates four current demo referrals and a year of history in an empty database', async () => {
    const fresh = await createTestDatabase();
    try {
      await seedDemo(fresh.db, 'Test-wachtwoord-123');
      const { loadConfig } = await import('../../config.ts');
      const { seedReferralsDemo } = await import('./demo.ts');
      const { referrals } = await import('./schema.ts');
      await seedReferralsDemo(fresh.db, loadConfig({ VANGNET_DEMO_PASSWORD: 'Test-wachtwoord-123' }));
      await seedReferralsDemo(fresh.db, loadConfig({ VANGNET_DEMO_PASSWORD: 'Test-wachtwoord-123' }));
      const rows = await fresh.db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, (tx) => tx.select().from(referrals));
      // Four current referrals, plus a year of history for the figures.
      const current = rows.filter((r) => r.question !== 'Demovraag (historie).');
      expect(current.map((r) => r.state).sort()).toEqual(['accepted', 'first_contact', 'sent', 'sent']);
      const history = rows.filter((r) => r.question === 'Demovraag (historie).');
      expect(history.length).toBeGreaterThanOrEqual(72);
      expect(new Set(history.map((r) => r.sentAt.toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(11);
      expect(history.some((r) => r.state === 'help_in_place' || (r.state === 'closed' && r.helpInPlaceAt))).toBe(true);
    } finally {
      await fresh.cleanup();
    }
  });
});
