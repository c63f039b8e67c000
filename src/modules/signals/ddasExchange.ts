import {
  ddasContactKindOf,
  ddasFinalResultOf,
  ddasPartOfDayOf,
  ddasSignalPartnerOf,
  ddasSignalStatusOf,
  uitwisselmodelSchema,
  type DdasCase,
  type DdasSignal,
  type Uitwisselmodel,
} from './ddasModel.ts';

/**
 * Our rows → the DDAS exchange document (the model and its rules are in ddasModel.ts), pure: the export
 * (ddasExport.ts) reads the rows, this file builds and checks the document and splits a period into pages.
 */

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
