// Configuration of the self-test, read from the environment once (documented in docs/selftest.md).
import { z } from 'zod';
import { DEFAULT_MUNICIPALITY, municipalityCode } from '../../platform/municipalities.ts';

const settingsSchema = z.object({
  /** The municipality (CBS code) whose Geldfit this is: counts and contact requests are filed under it. */
  VANGNET_SELFTEST_MUNICIPALITY: municipalityCode.default(DEFAULT_MUNICIPALITY),
});

export function selftestSettings(env: NodeJS.ProcessEnv = process.env): { municipalityCode: string } {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Ongeldige configuratie selftest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { municipalityCode: parsed.data.VANGNET_SELFTEST_MUNICIPALITY };
}
