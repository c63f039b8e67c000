import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { seedDemo } from '../../platform/demo.ts';
import { organisationMunicipalities, organisations, users, type Role } from '../../platform/schema.ts';
import { decideApplication, submitApplication } from './applications.ts';
import { seedPassDemo } from './demo.ts';
import { collectPassMetrics } from './metrics.ts';

const clock = new FakeClock('2026-12-01T09:00:00Z');
let db: Database;
let cleanup: () => Promise<void>;
let caseWorker: Actor;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase({ clock }));
  await seedDemo(db, 'Test-wachtwoord-123');
  await seedPassDemo(db);
  const [user] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, 'consulent@wijkteam.example')));
  const [org] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.id, user!.organisationId)));
  const ms = await db.unaudited((q) => q.select().from(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, org!.id)));
  caseWorker = {
    kind: 'user',
    userId: user!.id,
    displayName: user!.displayName,
    organisationId: org!.id,
    organisationKind: org!.kind,
    roles: user!.roles as Role[],
    municipalities: ms.map((m) => m.municipalityCode),
    origin: '127.0.0.1',
  };
}, 60_000);
afterAll(() => cleanup?.());

const range = { fromMonth: '2026-01', toMonth: '2026-12' };

function perMonth(values: Awaited<ReturnType<typeof collectPassMetrics>>, measure: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) if (v.measure === measure) out[v.month] = (out[v.month] ?? 0) + v.value;
  return out;
}

describe('Dordtpas reach counts from the day the pass started', () => {
  it('counts a pass approved on 1 December, and its children with budget, in December only', async () => {
    const before = await collectPassMetrics(db, range);
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: {
        initials: 'D.',
        surname: 'Decemberman',
        birthDate: '1980-03-03',
        street: 'Voorstraat',
        houseNumber: '12',
        postcode: '3311 ES',
        city: 'Dordrecht',
      },
      children: [
        { initials: 'E.', surname: 'Decemberman', birthDate: '2016-05-05' },
        { initials: 'F.', surname: 'Decemberman', birthDate: '2012-07-07' },
      ],
      monthlyNetIncomeCents: 150_000,
      assetsCents: 0,
    });
    const decided = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
    expect(decided.pass?.validFrom).toBe('2026-01-01');
    const after = await collectPassMetrics(db, range);
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    for (const measure of ['pass.holders', 'pass.holders_low_income', 'pass.children_with_budget']) {
      const b = perMonth(before, measure);
      const a = perMonth(after, measure);
      const added = months.map((m) => (a[m] ?? 0) - (b[m] ?? 0));
      const expected = measure === 'pass.children_with_budget' ? 2 : 1;
      expect({ measure, added }).toEqual({ measure, added: [...new Array(11).fill(0), expected] });
    }
  });
});
