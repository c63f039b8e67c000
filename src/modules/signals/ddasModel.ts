import { z } from 'zod';
import type { ContactKind, CreditorType, FinalResult, PartOfDay, SignalStatus } from './ddas.ts';

/**
 * The DDAS exchange document (`Uitwisselmodel`, VNG Realisatie `ddas-vroegsignalering`, version 1.2) that a
 * municipality delivers to CBS for the national monitor of early signals. Written from our reading of the
 * published v1.2 JSON schema and change log (see docs/signals.md); no file of that project is copied here.
 *
 * The rules as we read them:
 * - every object is closed (`additionalProperties: false`): no key outside the model, anywhere;
 * - the root needs `startdatumLevering`, `einddatumLevering`, `aanleverdatumEnTijd`, `codeGegevensleverancier`;
 *   `leveringen` holds at least one delivery and no two equal ones;
 * - a delivery needs `teller`, `gemeentecode` and `aanleverendeOrganisatie`; its `contactpersonen`, when given,
 *   hold at least one person and no two equal ones;
 * - a signal needs `ID`, `client` and `signaalpartner`; amounts are whole euros (integer);
 * - the client is minimised: either ONLY `burgerservicenummer` (exactly 9 characters), or, without a BSN,
 *   `postcode` and `huisnummer` with optional `huisnummertoevoeging`, `geslachtsaanduiding`, `geboortedatum`;
 * - a case's `vroegsignalen` are references `{ ID }`, at least one, no two equal;
 * - dates are `YYYY-MM-DD`, the delivery time `YYYY-MM-DDTHH:MM:SSZ`; enumerations are the exact strings below.
 * On top of the schema we check what the schema cannot say but CBS needs: signal IDs are unique in a delivery and
 * every case refers only to signals of its own delivery.
 */

export const ddasSignalPartners = [
  'Belastingdienst',
  'CAK Eigen bijdrage',
  'CAK Zorgverzekeringen',
  'Dienst Toeslagen',
  'DUO',
  'Energie',
  'Huur',
  'Hypotheek',
  'Overige',
  'Water',
  'Zorg',
] as const;
export const ddasSignalStatuses = [
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner is overleden',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Nog niet opgepakt',
  'Opgepakt',
  'Persoon is geen inwoner (meer) in de gemeente',
] as const;
export const ddasFinalResults = [
  '(Budget)advies en/of quick fix',
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner heeft al een ander lopend traject',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'Inwoner is overleden',
  'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
  'Verwijzing zonder tussenkomst inwoner',
] as const;
export const ddasContactKinds = [
  'Administratief',
  'Afspraak op locatie',
  'Brief',
  'Huisbezoek',
  'Kaartje',
  'Mail',
  'Onbekend',
  'Overige',
  'SMS/Whatsapp',
  'Telefoon',
] as const;
export const ddasPartsOfDay = ['Ochtend', 'Middag', 'Avond'] as const;
export const ddasSexes = ['Man', 'Vrouw', 'Onbekend', 'Leeg'] as const;

/** Our codes onto the model's strings. Exhaustive records: a new code in `ddas.ts` will not compile without its mapping. */
export const ddasSignalPartnerOf: Record<CreditorType, (typeof ddasSignalPartners)[number]> = {
  rent: 'Huur',
  mortgage: 'Hypotheek',
  energy: 'Energie',
  water: 'Water',
  health_insurance: 'Zorg',
  cak_health_insurance: 'CAK Zorgverzekeringen',
  // Municipal taxes are an experiment under Wgs art. 10, not a type of the national model.
  municipal_taxes: 'Overige',
  duo: 'DUO',
  tax_authority: 'Belastingdienst',
  cak_own_contribution: 'CAK Eigen bijdrage',
  allowances: 'Dienst Toeslagen',
  other: 'Overige',
};
export const ddasSignalStatusOf: Record<SignalStatus, (typeof ddasSignalStatuses)[number]> = {
  not_yet_taken_up: 'Nog niet opgepakt',
  taken_up: 'Opgepakt',
  unjustified: 'Niet opgepakt: onterecht signaal',
  deceased: 'Inwoner is overleden',
  not_resident: 'Persoon is geen inwoner (meer) in de gemeente',
  repeated: 'Niet opgepakt: herhaalde melding',
  other_reason: 'Niet opgepakt: andere reden',
  known_to_debt_help: 'Inwoner al bekend bij schuldhulpverlening',
};
export const ddasFinalResultOf: Record<FinalResult, (typeof ddasFinalResults)[number]> = {
  not_taken_up_repeated: 'Niet opgepakt: herhaalde melding',
  not_taken_up_unjustified: 'Niet opgepakt: onterecht signaal',
  not_taken_up_other: 'Niet opgepakt: andere reden',
  deceased: 'Inwoner is overleden',
  not_resident: 'Persoon is geen inwoner (meer) in de gemeente',
  known_to_debt_help: 'Inwoner al bekend bij schuldhulpverlening',
  other_trajectory: 'Inwoner heeft al een ander lopend traject',
  no_contact: 'Definitief geen contact kunnen krijgen',
  no_response: 'Geen reactie na eerder contact',
  no_help_needed: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  already_paid: 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  quick_fix: '(Budget)advies en/of quick fix',
  referral_financial: 'Vervolghulp en/of verwijzing financieel',
  referral_non_financial: 'Vervolghulp en/of verwijzing niet financieel',
  referral_without_contact: 'Verwijzing zonder tussenkomst inwoner',
};
export const ddasContactKindOf: Record<ContactKind, (typeof ddasContactKinds)[number]> = {
  email: 'Mail',
  letter: 'Brief',
  sms: 'SMS/Whatsapp',
  phone: 'Telefoon',
  home_visit: 'Huisbezoek',
  appointment: 'Afspraak op locatie',
  card: 'Kaartje',
  other: 'Overige',
  administrative: 'Administratief',
};
export const ddasPartOfDayOf: Record<PartOfDay, (typeof ddasPartsOfDay)[number]> = { morning: 'Ochtend', afternoon: 'Middag', evening: 'Avond' };

/** No two items equal (JSON `uniqueItems`). */
function uniqueItems<T>(items: T[]): boolean {
  return new Set(items.map((i) => JSON.stringify(i))).size === items.length;
}
const datum = z.iso.date();
// `YYYY-MM-DDTHH:MM:SSZ`: a date-time in UTC, seconds precision (fractions allowed by RFC 3339, offset only `Z`).
const datumTijd = z.iso.datetime();

const clientWithBsn = z.strictObject({ burgerservicenummer: z.string().length(9) });
const clientWithoutBsn = z.strictObject({
  postcode: z.string(),
  huisnummer: z.string(),
  huisnummertoevoeging: z.string().optional(),
  geslachtsaanduiding: z.enum(ddasSexes).optional(),
  geboortedatum: datum.optional(),
});

export const ddasSignalSchema = z.strictObject({
  ID: z.string(),
  crisissignaal: z.boolean().optional(),
  warmeOverdracht: z.boolean().optional(),
  bedrag: z.number().int().optional(),
  ontstaansdatum: datum.optional(),
  signaaldatum: datum.optional(),
  status: z.enum(ddasSignalStatuses).optional(),
  signaalpartner: z.strictObject({ type: z.enum(ddasSignalPartners).optional() }),
  client: z.union([clientWithBsn, clientWithoutBsn]),
});

export const ddasContactAttemptSchema = z.strictObject({
  soort: z.enum(ddasContactKinds).optional(),
  bereikt: z.boolean().optional(),
  datum: datum.optional(),
  dagdeel: z.enum(ddasPartsOfDay).optional(),
});

export const ddasCaseSchema = z.strictObject({
  resultaat: z.enum(ddasFinalResults).optional(),
  matchingsdatum: datum.optional(),
  startdatumMatchingperiode: datum.optional(),
  datumOpgepakt: datum.optional(),
  einddatumMatchingperiode: datum.optional(),
  vroegsignalen: z
    .array(z.strictObject({ ID: z.string() }))
    .min(1)
    .refine(uniqueItems, 'Een signaal staat twee keer bij dezelfde zaak.')
    .optional(),
  contactpogingen: z.array(ddasContactAttemptSchema).optional(),
});

const contactPersonSchema = z.strictObject({
  naam: z.string().optional(),
  telefoonnummer: z.string().optional(),
  email: z.email().optional(),
  functietitel: z.string().optional(),
});

export const ddasDeliverySchema = z
  .strictObject({
    teller: z.number().int(),
    gemeentecode: z.string(),
    aanleverendeOrganisatie: z.strictObject({
      naam: z.string().optional(),
      'kvk-nummer': z.string().optional(),
      contactpersonen: z.array(contactPersonSchema).min(1).refine(uniqueItems, 'Twee gelijke contactpersonen.').optional(),
    }),
    vroegsignalen: z.array(ddasSignalSchema).optional(),
    vroegsignaalzaken: z.array(ddasCaseSchema).optional(),
  })
  .superRefine((delivery, ctx) => {
    const ids = new Set<string>();
    for (const [i, s] of (delivery.vroegsignalen ?? []).entries()) {
      if (ids.has(s.ID)) ctx.addIssue({ code: 'custom', path: ['vroegsignalen', i, 'ID'], message: `Signaal ${s.ID} staat twee keer in de levering.` });
      ids.add(s.ID);
    }
    for (const [i, c] of (delivery.vroegsignaalzaken ?? []).entries()) {
      for (const [j, ref] of (c.vroegsignalen ?? []).entries()) {
        if (!ids.has(ref.ID))
          ctx.addIssue({
            code: 'custom',
            path: ['vroegsignaalzaken', i, 'vroegsignalen', j, 'ID'],
            message: `Zaak verwijst naar signaal ${ref.ID} dat niet in de levering staat.`,
          });
      }
    }
  });

export const uitwisselmodelSchema = z.strictObject({
  startdatumLevering: datum,
  einddatumLevering: datum,
  aanleverdatumEnTijd: datumTijd,
  codeGegevensleverancier: z.string(),
  leveringen: z.array(ddasDeliverySchema).min(1).refine(uniqueItems, 'Twee gelijke leveringen.').optional(),
});
export type Uitwisselmodel = z.infer<typeof uitwisselmodelSchema>;
export type DdasSignal = z.infer<typeof ddasSignalSchema>;
export type DdasCase = z.infer<typeof ddasCaseSchema>;
