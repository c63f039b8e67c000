import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan } from '../../platform/authz.ts';
import { organisations } from '../../platform/schema.ts';
import { findCreditor } from './access.ts';
import { signalProblem } from './messages.ts';
import { forgetVerifiedApiKeys } from '../../platform/auth.ts';
import { creditorTypes, type CreditorType } from './ddas.ts';
import { ownMunicipalities } from '../../platform/municipalities.ts';

/**
 * Which DDAS signal types a creditor reports (a housing corporation: rent; a health insurer: health insurance).
 * Set by the admin; the import refuses a row of another type. Configuration, audited.
 */
export const creditorTypesInput = z.object({ creditorTypes: z.array(z.enum(creditorTypes)).min(1).max(creditorTypes.length) });

export async function setCreditorTypes(
  db: Database,
  actor: Actor,
  organisationId: string,
  input: z.infer<typeof creditorTypesInput>,
): Promise<{ id: string; code: string; creditorTypes: CreditorType[] }> {
  assertCan(actor, 'organisations:manage');
  const creditor = await findCreditor(db, { id: organisationId });
  const own = ownMunicipalities(actor);
  if (!creditor.municipalities.some((m) => own.includes(m))) throw signalProblem('creditor_not_managed');
  const types = [...new Set(input.creditorTypes)];
  if (!types.length) throw signalProblem('creditor_types_required');
  return db
    .audited(
      actor,
      { action: 'update', objectType: 'organisation', objectId: creditor.id, details: { creditor: creditor.code, creditorTypes: types } },
      async (tx) => {
        await tx.update(organisations).set({ creditorTypes: types }).where(eq(organisations.id, creditor.id));
        return { id: creditor.id, code: creditor.code, creditorTypes: types };
      },
    )
    .finally(forgetVerifiedApiKeys);
}
