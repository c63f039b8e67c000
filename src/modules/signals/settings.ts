import { z } from 'zod';

/**
 * The module's configuration, from the environment (documented in docs/signals.md). Policy figures that the
 * municipality sets: the threshold for an offer of help, the window in which signals join one household's case,
 * the retention term for cases that led to no help, and the team's contact details for the letter.
 */
const environment = z.object({
  VANGNET_SIGNALS_THRESHOLD_EUR: z.coerce.number().nonnegative().default(25),
  VANGNET_SIGNALS_HOUSEHOLD_WINDOW_DAYS: z.coerce.number().int().positive().default(90),
  VANGNET_SIGNALS_RETENTION_MONTHS: z.coerce.number().int().positive().default(6),
  VANGNET_SIGNALS_FIRST_CONTACT_DAYS: z.coerce.number().int().positive().default(10),
  VANGNET_SIGNALS_LETTER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  VANGNET_SIGNALS_TEAM_NAME: z.string().default('Vroeg Eropaf, gemeente Dordrecht'),
  VANGNET_SIGNALS_TEAM_PHONE: z.string().default('14 078'),
  VANGNET_SIGNALS_TEAM_EMAIL: z.string().default('vroegeropaf@dordrecht.example'),
  VANGNET_SIGNALS_TEAM_ADDRESS: z.string().default('Spuiboulevard 300, 3311 GR Dordrecht'),
  VANGNET_SIGNALS_DDAS_SUPPLIER_CODE: z.string().min(1).default('VANGNET'),
  VANGNET_SIGNALS_DDAS_CONTACT_TITLE: z.string().min(1).default('Team vroegsignalering'),
});

export interface SignalSettings {
  thresholdCents: number;
  householdWindowDays: number;
  retentionMonths: number;
  firstContactDays: number;
  /** Letters per print batch (one PDF each, with a cover sheet). */
  letterBatchSize: number;
  team: { name: string; phone: string; email: string; address: string };
  /** The DDAS delivery to CBS: the supplier's code (`codeGegevensleverancier`) and the contact's job title. */
  ddas: { supplierCode: string; contactJobTitle: string };
}

export function signalSettings(env: NodeJS.ProcessEnv = process.env): SignalSettings {
  const e = environment.parse(env);
  return {
    thresholdCents: Math.round(e.VANGNET_SIGNALS_THRESHOLD_EUR * 100),
    householdWindowDays: e.VANGNET_SIGNALS_HOUSEHOLD_WINDOW_DAYS,
    retentionMonths: e.VANGNET_SIGNALS_RETENTION_MONTHS,
    firstContactDays: e.VANGNET_SIGNALS_FIRST_CONTACT_DAYS,
    letterBatchSize: e.VANGNET_SIGNALS_LETTER_BATCH_SIZE,
    team: { name: e.VANGNET_SIGNALS_TEAM_NAME, phone: e.VANGNET_SIGNALS_TEAM_PHONE, email: e.VANGNET_SIGNALS_TEAM_EMAIL, address: e.VANGNET_SIGNALS_TEAM_ADDRESS },
    ddas: { supplierCode: e.VANGNET_SIGNALS_DDAS_SUPPLIER_CODE, contactJobTitle: e.VANGNET_SIGNALS_DDAS_CONTACT_TITLE },
  };
}
