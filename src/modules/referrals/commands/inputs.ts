import { z } from 'zod';
import { municipalityCode } from '../../../platform/municipalities.ts';
import { personInput } from '../../../platform/persons.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { allConsentScopes, themeCodes, type ConsentScope, type ReferralTheme } from '../labels.ts';

/** What the commands of this module take: the request bodies, with a plain Dutch sentence where the generic one is unclear. */
const theme = z.enum(themeCodes as [ReferralTheme, ...ReferralTheme[]], { error: 'Kies een onderwerp uit de lijst.' });
const consent = z.object({
  given: z.boolean(),
  text: z.string().trim().min(5, 'Neem de tekst op waarmee de inwoner toestemming gaf.').max(2000),
});

/** Another member of the household the question is also about. */
export const householdMemberInput = z.object({
  relation: z.enum(['partner', 'child', 'other'], { error: 'Kies partner, kind of ander gezinslid.' }),
  initials: z.string().trim().max(20).optional().nullable(),
  prefix: z.string().trim().max(20).optional().nullable(),
  surname: z.string().trim().min(1, 'Vul de achternaam van het gezinslid in.').max(200),
  birthDate: z.iso.date().optional().nullable(),
});
export type HouseholdMemberInput = z.infer<typeof householdMemberInput>;

/**
 * One signal of arrears handed over with an early-signal intake: what the receiver needs to start (the kind of
 * creditor, the amount, how many months, since when and the signal's date). Never the BSN, the creditor's own
 * reference or the creditor's name and address: the receiver asks the resident for the rest.
 */
export const signalFactInput = z.object({
  creditorType: z.string().trim().min(1).max(40),
  /** The kind of creditor in Dutch, as the early-signal team's module names it (Huur, Zorgverzekering, ...). */
  creditorTypeLabel: z.string().trim().min(1).max(100),
  amountCents: z.number().int().min(0).max(10_000_000_000),
  months: z.number().int().min(0).max(240).nullable().optional(),
  /** DDAS ontstaansdatum: when the arrears arose, where the creditor said so. */
  arisenOn: z.iso.date().nullable().optional(),
  signalDate: z.iso.date(),
});

/** What another module hands over when a resident asks for help (self-test, early signal, GP, walk-in). */
export const intakeInput = z.object({
  municipalityCode,
  route: z.enum(['selftest', 'early_signal', 'gp', 'walk_in']),
  theme,
  question: z.string().trim().min(2, 'Beschrijf de vraag in een paar woorden.').max(2000),
  targetOrganisationCode: z.string().trim().min(2).max(50).optional(),
  contact: z.object({
    name: z.string().trim().min(1, 'Vul een naam in.').max(200),
    phone: z.string().trim().max(30).optional().nullable(),
    email: z.string().trim().email('Dit e-mailadres klopt niet.').max(200).optional().nullable(),
  }),
  consent,
  profile: z.string().trim().max(200).optional().nullable(),
  /** Early signal only: the signals of arrears the resident agreed to hand over (shown under the `question` scope). */
  signals: z.array(signalFactInput).max(200).optional(),
});
export type IntakeInput = z.input<typeof intakeInput>;

/** Extra details a professional may record about the person at a GP or walk-in intake. */
export const intakePersonDetails = personInput
  .pick({ initials: true, prefix: true, birthDate: true, street: true, houseNumber: true, postcode: true, city: true, bsn: true })
  .partial();
export type IntakePersonDetails = z.infer<typeof intakePersonDetails>;

/** A staff intake (walk-in or GP form): the intake plus what the professional knows about the person. */
export const staffIntakeInput = intakeInput
  .omit({ route: true, signals: true })
  .extend({ route: z.enum(['gp', 'walk_in']), person: intakePersonDetails.optional(), household: z.array(householdMemberInput).max(12).optional() });
export type StaffIntakeInput = z.input<typeof staffIntakeInput>;

/** One partner refers a resident to another: a resident already known to the sender, or a new one. */
export const referralInput = z
  .object({
    municipalityCode,
    personId: z.string().uuid().optional(),
    person: personInput.omit({ municipalityCode: true }).optional(),
    toOrganisationCode: z.string().trim().min(2, 'Kies de organisatie waarnaar u verwijst.').max(50),
    theme,
    question: z.string().trim().min(2, 'Beschrijf de vraag in een paar woorden.').max(2000),
    consent,
    household: z.array(householdMemberInput).max(12).optional(),
  })
  .refine((v) => Boolean(v.personId) !== Boolean(v.person), {
    message: 'Kies een bekende inwoner of vul de gegevens van een nieuwe inwoner in.',
    path: ['personId'],
  });
export type ReferralInput = z.input<typeof referralInput>;

export const consentGrantInput = z.object({
  organisationCode: z.string().trim().min(2).max(50),
  scopes: z
    .array(z.enum(allConsentScopes as [ConsentScope, ...ConsentScope[]]))
    .min(1)
    .max(allConsentScopes.length)
    .default(allConsentScopes),
  text: consent.shape.text,
});

export const serviceLevelInput = z.object({
  municipalityCode,
  theme,
  answerWorkingDays: z.number().int().min(1).max(60),
  firstContactWorkingDays: z.number().int().min(1).max(120),
});

/** zod problems → a ValidationError with Dutch field reasons. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'De gegevens zijn niet compleet of kloppen niet.',
    parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'invoer', reason: i.message })),
  );
}

/** The words that go with a step of a referral: a reason (declining, closing early) and a note. */
export const referralActionInput = z.object({
  reason: z.string().trim().max(1000).optional().nullable(),
  note: z.string().trim().max(1000).optional().nullable(),
});
export type ReferralActionInput = z.infer<typeof referralActionInput>;
