import { z } from 'zod';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';

/**
 * The module's configuration, from the environment (documented in docs/signals.md). Policy figures that the
 * municipality sets: the threshold for an offer of help, the window in which signals join one household's case,
 * the retention terms (signals without help, from receipt; cases with help, from closing), and the team's contact details for the letter.
 */
const environment = z.object({
  VANGNET_SIGNALS_THRESHOLD_EUR: z.coerce.number().nonnegative().default(25),
  VANGNET_SIGNALS_HOUSEHOLD_WINDOW_DAYS: z.coerce.number().int().positive().default(90),
  // Both terms: the law's text could not be read from here; the defaults are to be confirmed (docs/signals.md, "Retention").
  VANGNET_SIGNALS_RETENTION_MONTHS: z.coerce.number().int().positive().max(120).default(6),
  VANGNET_SIGNALS_HELPED_RETENTION_MONTHS: z.coerce.number().int().positive().max(240).default(12),
  VANGNET_SIGNALS_FIRST_CONTACT_DAYS: z.coerce.number().int().positive().default(10),
  VANGNET_SIGNALS_URGENT_CONTACT_WORKING_DAYS: z.coerce.number().int().positive().default(3),
  VANGNET_SIGNALS_REPEAT_WINDOW_DAYS: z.coerce.number().int().nonnegative().default(90),
  VANGNET_SIGNALS_HELP_WINDOW_DAYS: z.coerce.number().int().nonnegative().default(365),
  VANGNET_SIGNALS_LEAD_MUNICIPALITY: municipalityCodeOrDefault,
  VANGNET_SIGNALS_LETTER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  VANGNET_SIGNALS_TEAM_NAME: z.string().default('Vroeg Eropaf, gemeente Dordrecht'),
  VANGNET_SIGNALS_TEAM_PHONE: z.string().default('14 078'),
  VANGNET_SIGNALS_TEAM_EMAIL: z.string().default('vroegeropaf@dordrecht.example'),
  VANGNET_SIGNALS_TEAM_ADDRESS: z.string().default('Spuiboulevard 300, 3311 GR Dordrecht'),
  VANGNET_SIGNALS_DDAS_SUPPLIER_CODE: z.string().min(1).default('VANGNET'),
  VANGNET_SIGNALS_DDAS_CONTACT_TITLE: z.string().min(1).default('Team vroegsignalering'),
});

export interface SignalSettings {
  /** An offer of help goes to households whose arrears are strictly above this (Wgs: "hoger dan €25"). */
  thresholdCents: number;
  householdWindowDays: number;
  /** Months from a signal's receipt after which it is erased, unless its case led to help. */
  retentionMonths: number;
  /** Months from the closing of a case that led to help after which it is erased too. */
  helpedRetentionMonths: number;
  firstContactDays: number;
  /** The urgent route: first contact within this many working days of the signal's arrival (Wgs art. 4: 3). */
  urgentContactWorkingDays: number;
  /** A creditor's new signal for a household whose arrears with it did not grow within this many days is a repeat. */
  repeatWindowDays: number;
  /** A household whose case ended in help this many days ago or less gets no new offer letter. */
  helpWindowDays: number;
  /** The municipality that receives a file routed by postcode (and counts its non-residents), when it is one of the file's. */
  leadMunicipality: string;
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
    helpedRetentionMonths: e.VANGNET_SIGNALS_HELPED_RETENTION_MONTHS,
    firstContactDays: e.VANGNET_SIGNALS_FIRST_CONTACT_DAYS,
    urgentContactWorkingDays: e.VANGNET_SIGNALS_URGENT_CONTACT_WORKING_DAYS,
    repeatWindowDays: e.VANGNET_SIGNALS_REPEAT_WINDOW_DAYS,
    helpWindowDays: e.VANGNET_SIGNALS_HELP_WINDOW_DAYS,
    leadMunicipality: e.VANGNET_SIGNALS_LEAD_MUNICIPALITY,
    letterBatchSize: e.VANGNET_SIGNALS_LETTER_BATCH_SIZE,
    team: {
      name: e.VANGNET_SIGNALS_TEAM_NAME,
      phone: e.VANGNET_SIGNALS_TEAM_PHONE,
      email: e.VANGNET_SIGNALS_TEAM_EMAIL,
      address: e.VANGNET_SIGNALS_TEAM_ADDRESS,
    },
    ddas: { supplierCode: e.VANGNET_SIGNALS_DDAS_SUPPLIER_CODE, contactJobTitle: e.VANGNET_SIGNALS_DDAS_CONTACT_TITLE },
  };
}
