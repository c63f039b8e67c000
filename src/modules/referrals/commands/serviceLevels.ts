import type { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { referralServiceLevels } from '../schema.ts';
import { parseInput, serviceLevelInput } from './inputs.ts';

/** Sets the service level for a theme in a municipality (configuration; audited as a change). */
export async function setServiceLevel(db: Database, actor: Actor, input: z.input<typeof serviceLevelInput>) {
  // The command line runs as the system; people need the permission.
  if (actor.kind !== 'system') assertCan(actor, 'referrals:configure');
  const data = parseInput(serviceLevelInput, input);
  assertMunicipality(actor, data.municipalityCode);
  return db.audited(
    actor,
    {
      action: 'update',
      objectType: 'referral_service_level',
      objectId: `${data.municipalityCode}/${data.theme}`,
      municipalityCode: data.municipalityCode,
      details: { ...data },
    },
    async (tx) => {
      const values = { ...data, updatedAt: db.clock.now() };
      await tx
        .insert(referralServiceLevels)
        .values(values)
        .onConflictDoUpdate({ target: [referralServiceLevels.municipalityCode, referralServiceLevels.theme], set: values });
      return data;
    },
  );
}
