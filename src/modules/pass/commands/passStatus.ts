/** Blocking, unblocking and replacing a pass: each change one audited transaction. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { passError } from '../messages.ts';
import { childBudgets, passMembers, passes } from '../schema.ts';
import { newPassNumber } from './passNumbers.ts';

export const statusChangeInput = z.object({
  status: z.enum(['active', 'blocked']),
  reason: z.string().trim().min(2).max(500),
});

/** Blocks or unblocks a pass (suspected misuse, on request); a lost pass is replaced instead. */
export async function setPassStatus(db: Database, actor: Actor, passId: string, input: z.infer<typeof statusChangeInput>) {
  assertCan(actor, 'pass:administer');
  return db.audited(actor, { action: 'update', objectType: 'pass', objectId: passId, details: { status: input.status } }, async (tx, trail) => {
    const [pass] = await tx.select().from(passes).where(eq(passes.id, passId)).for('update');
    if (!pass) throw new NotFoundError('De pas');
    trail.municipalityCode = pass.municipalityCode;
    trail.subjectIds = [pass.holderPersonId];
    assertMunicipality(actor, pass.municipalityCode);
    if (pass.status === 'lost') throw passError('pass_replaced');
    await tx.update(passes).set({ status: input.status, statusReason: input.reason, updatedAt: db.clock.now() }).where(eq(passes.id, passId));
    return { id: passId, status: input.status };
  });
}

/**
 * A lost pass: the old number stops working at once and a new pass with a new number takes over the household
 * and the child budgets, balances included.
 */
export async function replaceLostPass(db: Database, actor: Actor, passId: string) {
  assertCan(actor, 'pass:administer');
  return db.audited(actor, { action: 'update', objectType: 'pass', objectId: passId, purpose: 'Pas verloren, vervangen' }, async (tx, trail) => {
    const [old] = await tx.select().from(passes).where(eq(passes.id, passId)).for('update');
    if (!old) throw new NotFoundError('De pas');
    trail.municipalityCode = old.municipalityCode;
    assertMunicipality(actor, old.municipalityCode);
    if (old.status === 'lost') throw passError('pass_already_replaced');
    const now = db.clock.now();
    const [fresh] = await tx
      .insert(passes)
      .values({
        ...old,
        id: undefined,
        number: newPassNumber(),
        status: 'active',
        statusReason: null,
        replacesPassId: old.id,
        replacedByPassId: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const members = await tx.select().from(passMembers).where(eq(passMembers.passId, old.id));
    await tx.insert(passMembers).values(members.map((m) => ({ ...m, passId: fresh!.id })));
    // Budget rows move with their balance; the row lock of the update waits for any charge in flight.
    const moved = await tx
      .update(childBudgets)
      .set({ passId: fresh!.id })
      .where(eq(childBudgets.passId, old.id))
      .returning({ id: childBudgets.id, balanceCents: childBudgets.balanceCents });
    await tx
      .update(passes)
      .set({ status: 'lost', statusReason: 'Verloren gemeld, vervangen', replacedByPassId: fresh!.id, updatedAt: now })
      .where(eq(passes.id, old.id));
    trail.subjectIds = members.map((m) => m.personId);
    trail.details = { newPassId: fresh!.id };
    return {
      oldPassId: old.id,
      newPassId: fresh!.id,
      number: fresh!.number,
      budgetsCarried: moved.length,
      balanceCarriedCents: moved.reduce((s, b) => s + b.balanceCents, 0),
    };
  });
}
