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

/** What the export reads for one signal (a row of `signals`, never names or streets). */
export interface ExchangeSignalRow {
  id: string;
  caseId: string | null;
  municipalityCode: string;
  signalDate: string;
  originDate?: string | null;
  crisis?: boolean | null;
  warmHandover?: boolean | null;
  creditorType: string;
  amountCents: number;
  status: string;
  bsn: string | null;
  postcode: string;
  houseNumber: number | string;
  houseNumberSuffix: string | null;
  birthDate: string | null;
}

export interface ExchangeCaseRow {
  id: string;
  municipalityCode: string;
  createdOn: string;
  firstSignalDate: string;
  lastSignalDate: string;
  takenUpOn: string | null;
  result: string | null;
}

export interface ExchangeAttemptRow {
  caseId: string;
  kind: string;
  reached: boolean;
  date: string;
  partOfDay: string;
}

export interface ExchangeMunicipality {
  code: string;
  /** The organisation that delivers: the municipality or its early-signal team. */
  organisationName: string;
  contact: { name: string; phone: string; email: string; jobTitle: string };
}

/** `GM0505` → `0505`: the model's `gemeentecode` is the four-digit CBS code. */
export function ddasMunicipalityCode(code: string): string {
  return code.replace(/^GM/, '');
}

/** Cents to whole euros, half away from zero (the model counts in whole euros). */
export function wholeEuros(cents: number): number {
  return Math.sign(cents) * Math.round(Math.abs(cents) / 100);
}

/**
 * The minimised client of v1.2: only the BSN when there is one; otherwise postcode (`3311AB`) and house number,
 * with the addition and birth date when known. Never a name or a street.
 */
export function ddasClient(row: Pick<ExchangeSignalRow, 'bsn' | 'postcode' | 'houseNumber' | 'houseNumberSuffix' | 'birthDate'>): DdasSignal['client'] {
  if (row.bsn) return { burgerservicenummer: row.bsn.padStart(9, '0') };
  return {
    postcode: row.postcode.replace(/\s+/g, '').toUpperCase(),
    huisnummer: String(row.houseNumber),
    ...(row.houseNumberSuffix ? { huisnummertoevoeging: row.houseNumberSuffix } : {}),
    ...(row.birthDate ? { geboortedatum: row.birthDate } : {}),
  };
}

function mapped<K extends string, V>(table: Record<K, V>, code: string, what: string): V {
  const value = (table as Record<string, V>)[code];
  if (value === undefined) throw new Error(`Geen DDAS-waarde voor ${what} '${code}'.`);
  return value;
}

export function ddasSignal(row: ExchangeSignalRow): DdasSignal {
  return {
    ID: row.id,
    ...(row.crisis === null || row.crisis === undefined ? {} : { crisissignaal: row.crisis }),
    ...(row.warmHandover === null || row.warmHandover === undefined ? {} : { warmeOverdracht: row.warmHandover }),
    bedrag: wholeEuros(row.amountCents),
    ...(row.originDate ? { ontstaansdatum: row.originDate } : {}),
    signaaldatum: row.signalDate,
    status: mapped(ddasSignalStatusOf, row.status, 'signaalstatus'),
    signaalpartner: { type: mapped(ddasSignalPartnerOf, row.creditorType, 'soort schuldeiser') },
    client: ddasClient(row),
  };
}

/**
 * A case as the model has it. The matching period is the span of the case's signals (first to last signal date);
 * the matching date is the day the case was made (the day its first signal was matched to a household).
 */
export function ddasCase(row: ExchangeCaseRow, signalIds: string[], attempts: ExchangeAttemptRow[]): DdasCase {
  return {
    ...(row.result ? { resultaat: mapped(ddasFinalResultOf, row.result, 'eindresultaat') } : {}),
    matchingsdatum: row.createdOn,
    startdatumMatchingperiode: row.firstSignalDate,
    ...(row.takenUpOn ? { datumOpgepakt: row.takenUpOn } : {}),
    einddatumMatchingperiode: row.lastSignalDate,
    vroegsignalen: signalIds.map((ID) => ({ ID })),
    ...(attempts.length
      ? {
          contactpogingen: attempts.map((a) => ({
            soort: mapped(ddasContactKindOf, a.kind, 'contactsoort'),
            bereikt: a.reached,
            datum: a.date,
            dagdeel: mapped(ddasPartOfDayOf, a.partOfDay, 'dagdeel'),
          })),
        }
      : {}),
  };
}

export interface ExchangeInput {
  from: string;
  to: string;
  deliveredAt: Date;
  supplierCode: string;
  municipalities: ExchangeMunicipality[];
  signals: ExchangeSignalRow[];
  cases: ExchangeCaseRow[];
  attempts: ExchangeAttemptRow[];
}

/**
 * Builds one exchange document: a delivery per municipality (in the order given), each with its signals and the
 * cases they belong to. Pure; the result is checked against the model before it is returned.
 */
export function buildUitwisselmodel(input: ExchangeInput): Uitwisselmodel {
  const signalsByCase = new Map<string, string[]>();
  for (const s of input.signals) if (s.caseId) signalsByCase.set(s.caseId, [...(signalsByCase.get(s.caseId) ?? []), s.id]);
  const attemptsByCase = new Map<string, ExchangeAttemptRow[]>();
  for (const a of input.attempts) attemptsByCase.set(a.caseId, [...(attemptsByCase.get(a.caseId) ?? []), a]);
  const deliveries = input.municipalities.map((m, i) => {
    const own = input.signals.filter((s) => s.municipalityCode === m.code);
    const cases = input.cases.filter((c) => c.municipalityCode === m.code && signalsByCase.has(c.id));
    const contact = { naam: m.contact.name, telefoonnummer: m.contact.phone, email: m.contact.email, functietitel: m.contact.jobTitle };
    return {
      teller: i + 1,
      gemeentecode: ddasMunicipalityCode(m.code),
      aanleverendeOrganisatie: { naam: m.organisationName, contactpersonen: [contact] },
      vroegsignalen: own.map(ddasSignal),
      vroegsignaalzaken: cases.map((c) => ddasCase(c, signalsByCase.get(c.id)!, attemptsByCase.get(c.id) ?? [])),
    };
  });
  const document: Uitwisselmodel = {
    startdatumLevering: input.from,
    einddatumLevering: input.to,
    aanleverdatumEnTijd: input.deliveredAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    codeGegevensleverancier: input.supplierCode,
    ...(deliveries.length ? { leveringen: deliveries } : {}),
  };
  const checked = uitwisselmodelSchema.safeParse(document);
  if (!checked.success)
    throw new Error(`Het DDAS-document voldoet niet aan het uitwisselmodel: ${checked.error.issues[0]?.message} (${checked.error.issues[0]?.path.join('.')})`);
  return document;
}

/**
 * Splits the groups of a period (a case's signals stay together; signals without a case each form their own group)
 * into pages of at most `pageSize` signals. A group larger than a page gets a page of its own.
 */
export function pageGroups<G extends { size: number }>(groups: G[], pageSize: number): G[][] {
  const pages: G[][] = [];
  let current: G[] = [];
  let count = 0;
  for (const g of groups) {
    if (current.length && count + g.size > pageSize) {
      pages.push(current);
      current = [];
      count = 0;
    }
    current.push(g);
    count += g.size;
  }
  if (current.length) pages.push(current);
  return pages;
}
