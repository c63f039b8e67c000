import { isValidBsn, normalisePostcode } from '../../platform/bsn.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { creditorTypeAliases, type CreditorType } from './ddas.ts';
import type { IntakeContext, RawRow, SignalColumn } from './columns.ts';
import {
  MAX_AMOUNT_CENTS,
  optional,
  parseDutchDate,
  parseEuroAmount,
  parseFlag,
  parseHouseNumber,
  parseThreat,
  threatLabels,
  threatWords,
  threatsOfType,
  type Threat,
} from './parseFields.ts';

/**
 * One row of a creditor's file (or of an API batch) → a signal record, pure: the row comes out either as a record
 * or as every reason (line, field, Dutch text) why it was rejected. Nothing is dropped silently.
 */
export interface SignalRecord {
  reference: string;
  signalDate: string;
  creditorType: CreditorType;
  amountCents: number;
  months: number | null;
  bsn: string | null;
  initials: string | null;
  prefix: string | null;
  surname: string;
  birthDate: string | null;
  street: string | null;
  houseNumber: number;
  houseNumberSuffix: string | null;
  postcode: string;
  city: string | null;
  phone: string | null;
  email: string | null;
  /** DDAS `ontstaansdatum`: the date the arrears arose. */
  arisenOn: string | null;
  /** DDAS `crisissignaal`: the creditor reports a crisis (for example an eviction date). */
  crisis: boolean;
  /** DDAS `warmeOverdracht`: the creditor already spoke to the resident and asks the municipality to take over. */
  warmHandover: boolean;
  /** Not in DDAS (column `dreiging`): an eviction, a cut-off of energy or water, or the end of the health insurance is near. */
  threat: Threat | null;
}

export type Rejection = Required<FieldProblem>;
export type RowResult = { line: number; ok: true; record: SignalRecord } | { line: number; ok: false; rejections: Rejection[] };

/** One row of raw cells → a record or every reason it cannot be stored. `today` keeps dates out of the future. */
export function validateSignalRow(raw: RawRow, line: number, today: string, intake: IntakeContext = {}): RowResult {
  const rejections: Rejection[] = [];
  const reject = (field: SignalColumn, reason: string) => rejections.push({ line, field, reason });
  // A NUL character cannot be stored in a text column: such a row is reported, never allowed to fail the import.
  for (const column in raw) {
    if (raw[column as SignalColumn]!.includes('\u0000')) reject(column as SignalColumn, 'Bevat een ongeldig teken (NUL).');
  }
  if (rejections.length) return { line, ok: false, rejections };

  const reference = optional(raw.referentie);
  if (!reference) reject('referentie', 'De referentie ontbreekt.');
  else if (reference.length > 100) reject('referentie', 'De referentie is langer dan 100 tekens.');

  const dateText = optional(raw.datum);
  const signalDate = dateText ? parseDutchDate(dateText) : null;
  if (!dateText) reject('datum', 'De datum ontbreekt.');
  else if (!signalDate) reject('datum', 'De datum is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).');
  else if (signalDate > today) reject('datum', 'De datum ligt in de toekomst.');

  // A creditor of one type may leave `soort` out: its type is known.
  const onlyType = intake.creditorTypes?.length === 1 ? intake.creditorTypes[0] : undefined;
  const kindText = optional(raw.soort);
  const creditorType = kindText ? creditorTypeAliases[kindText.toLowerCase().replace(/[\s-]+/g, '_')] : onlyType;
  if (!kindText && !onlyType) reject('soort', 'De soort schuldeiser ontbreekt.');
  else if (!creditorType)
    reject('soort', 'Onbekende soort (gebruik bijvoorbeeld huur, zorgverzekering, drinkwater, energie, gemeentelijke_belastingen of overig).');

  const amountText = optional(raw.bedrag);
  const amountCents = amountText ? parseEuroAmount(amountText) : null;
  if (!amountText) reject('bedrag', 'Het bedrag ontbreekt.');
  else if (amountCents === null) reject('bedrag', 'Het bedrag is geen geldig bedrag in euro (bijvoorbeeld 1.234,56).');
  else if (amountCents <= 0) reject('bedrag', 'Het bedrag moet groter zijn dan nul.');
  // Ten million euros is far beyond any household's arrears, and keeps every amount within the database's integer.
  else if (amountCents > MAX_AMOUNT_CENTS) reject('bedrag', 'Het bedrag is onwaarschijnlijk hoog (meer dan € 10.000.000).');

  let months: number | null = null;
  const monthsText = optional(raw.maanden);
  if (monthsText) {
    if (!/^\d{1,3}$/.test(monthsText) || Number(monthsText) > 240) reject('maanden', 'Het aantal maanden is geen heel getal tussen 0 en 240.');
    else months = Number(monthsText);
  }

  let bsn = optional(raw.bsn)?.replace(/[\s.]/g, '') ?? null;
  if (bsn) {
    // Spreadsheets drop the leading zero of an eight-digit BSN.
    if (/^\d{8}$/.test(bsn)) bsn = `0${bsn}`;
    if (!isValidBsn(bsn)) reject('bsn', 'Het BSN voldoet niet aan de elfproef.');
  }

  const surname = optional(raw.achternaam);
  if (!surname) reject('achternaam', 'De achternaam ontbreekt.');
  else if (surname.length > 200) reject('achternaam', 'De achternaam is langer dan 200 tekens.');

  const birthText = optional(raw.geboortedatum);
  const birthDate = birthText ? parseDutchDate(birthText) : null;
  if (birthText && (!birthDate || birthDate > today)) reject('geboortedatum', 'De geboortedatum is geen geldige datum.');

  const houseNumberText = optional(raw.huisnummer);
  const house = houseNumberText ? parseHouseNumber(houseNumberText, raw.toevoeging) : null;
  if (!houseNumberText) reject('huisnummer', 'Het huisnummer ontbreekt.');
  else if (!house) reject('huisnummer', 'Het huisnummer is geen huisnummer (een getal van 1 tot 99999, eventueel met een toevoeging zoals 8a of 12 bis).');

  const arisenText = optional(raw.ontstaansdatum);
  const arisenOn = arisenText ? parseDutchDate(arisenText) : null;
  if (arisenText && !arisenOn) reject('ontstaansdatum', 'De ontstaansdatum is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).');
  else if (arisenOn && arisenOn > today) reject('ontstaansdatum', 'De ontstaansdatum ligt in de toekomst.');
  else if (arisenOn && signalDate && arisenOn > signalDate) reject('ontstaansdatum', 'De ontstaansdatum ligt na de signaaldatum.');

  const crisis = parseFlag(raw.crisissignaal);
  if (crisis === null) reject('crisissignaal', 'Het crisissignaal is geen ja of nee (gebruik ja/nee, j/n, 1/0, true/false of x/leeg).');
  const warmHandover = parseFlag(raw.warme_overdracht);
  if (warmHandover === null) reject('warme_overdracht', 'De warme overdracht is geen ja of nee (gebruik ja/nee, j/n, 1/0, true/false of x/leeg).');

  const threat = parseThreat(raw.dreiging, creditorType);
  if (threat === undefined && creditorType) {
    const readable =
      !!threatWords[
        (raw.dreiging ?? '')
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ] || parseFlag(raw.dreiging) === true;
    const fitting = threatsOfType[creditorType];
    reject(
      'dreiging',
      !readable
        ? 'De dreiging is onbekend (gebruik ontruiming, afsluiting, beëindiging, ja of nee, of laat het leeg).'
        : fitting
          ? `Bij deze soort schuldeiser past alleen ${threatLabels[fitting]} als dreiging.`
          : 'Bij deze soort schuldeiser is geen ontruiming, afsluiting of beëindiging mogelijk; laat dreiging leeg.',
    );
  }

  const postcodeText = optional(raw.postcode);
  const postcode = postcodeText ? normalisePostcode(postcodeText) : null;
  if (!postcodeText) reject('postcode', 'De postcode ontbreekt.');
  else if (!postcode) reject('postcode', 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 3311 AB.');

  const email = optional(raw.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reject('email', 'Het e-mailadres is ongeldig.');
  const phone = optional(raw.telefoon);
  if (phone && !/^[+\d][\d\s()-]{5,19}$/.test(phone)) reject('telefoon', 'Het telefoonnummer is ongeldig.');

  if (rejections.length) return { line, ok: false, rejections };
  return {
    line,
    ok: true,
    record: {
      reference: reference!,
      signalDate: signalDate!,
      creditorType: creditorType!,
      amountCents: amountCents!,
      months,
      bsn,
      initials: optional(raw.voorletters)?.slice(0, 20) ?? null,
      prefix: optional(raw.tussenvoegsel)?.slice(0, 20) ?? null,
      surname: surname!,
      birthDate,
      street: optional(raw.straat)?.slice(0, 200) ?? null,
      houseNumber: house!.number,
      houseNumberSuffix: house!.addition,
      postcode: postcode!,
      city: optional(raw.woonplaats)?.slice(0, 100) ?? null,
      phone,
      email,
      arisenOn,
      crisis: crisis!,
      warmHandover: warmHandover!,
      threat: threat ?? null,
    },
  };
}
