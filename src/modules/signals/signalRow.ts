import { isValidBsn, normalisePostcode } from '../../platform/bsn.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { creditorTypeAliases, type CreditorType } from './ddas.ts';
import type { IntakeContext, RawRow, SignalColumn } from './columns.ts';
import { fieldProblem, type FieldReasonCode, type ReasonVars } from './messages.ts';
import {
  MAX_AMOUNT_CENTS,
  optional,
  parseDutchDate,
  parseEuroAmount,
  parseFlag,
  parseHouseNumber,
  parseThreat,
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
  const reject = (field: SignalColumn, code: FieldReasonCode, vars?: ReasonVars) => rejections.push(fieldProblem(line, field, code, vars));
  // A NUL character cannot be stored in a text column: such a row is reported, never allowed to fail the import.
  for (const column in raw) {
    if (raw[column as SignalColumn]!.includes('\u0000')) reject(column as SignalColumn, 'nul_character');
  }
  if (rejections.length) return { line, ok: false, rejections };

  const reference = optional(raw.referentie);
  if (!reference) reject('referentie', 'reference_missing');
  else if (reference.length > 100) reject('referentie', 'reference_too_long');

  const dateText = optional(raw.datum);
  const signalDate = dateText ? parseDutchDate(dateText) : null;
  if (!dateText) reject('datum', 'date_missing');
  else if (!signalDate) reject('datum', 'date_invalid');
  else if (signalDate > today) reject('datum', 'date_in_future');

  // A creditor of one type may leave `soort` out: its type is known.
  const onlyType = intake.creditorTypes?.length === 1 ? intake.creditorTypes[0] : undefined;
  const kindText = optional(raw.soort);
  const creditorType = kindText ? creditorTypeAliases[kindText.toLowerCase().replace(/[\s-]+/g, '_')] : onlyType;
  if (!kindText && !onlyType) reject('soort', 'type_missing');
  else if (!creditorType) reject('soort', 'type_unknown');

  const amountText = optional(raw.bedrag);
  const amountCents = amountText ? parseEuroAmount(amountText) : null;
  if (!amountText) reject('bedrag', 'amount_missing');
  else if (amountCents === null) reject('bedrag', 'amount_invalid');
  else if (amountCents <= 0) reject('bedrag', 'amount_not_positive');
  // Ten million euros is far beyond any household's arrears, and keeps every amount within the database's integer.
  else if (amountCents > MAX_AMOUNT_CENTS) reject('bedrag', 'amount_too_high');

  let months: number | null = null;
  const monthsText = optional(raw.maanden);
  if (monthsText) {
    if (!/^\d{1,3}$/.test(monthsText) || Number(monthsText) > 240) reject('maanden', 'months_invalid');
    else months = Number(monthsText);
  }

  let bsn = optional(raw.bsn)?.replace(/[\s.]/g, '') ?? null;
  if (bsn) {
    // Spreadsheets drop the leading zero of an eight-digit BSN.
    if (/^\d{8}$/.test(bsn)) bsn = `0${bsn}`;
    if (!isValidBsn(bsn)) reject('bsn', 'bsn_invalid');
  }

  const surname = optional(raw.achternaam);
  if (!surname) reject('achternaam', 'surname_missing');
  else if (surname.length > 200) reject('achternaam', 'surname_too_long');

  const birthText = optional(raw.geboortedatum);
  const birthDate = birthText ? parseDutchDate(birthText) : null;
  if (birthText && (!birthDate || birthDate > today)) reject('geboortedatum', 'birth_date_invalid');

  const houseNumberText = optional(raw.huisnummer);
  const house = houseNumberText ? parseHouseNumber(houseNumberText, raw.toevoeging) : null;
  if (!houseNumberText) reject('huisnummer', 'house_number_missing');
  else if (!house) reject('huisnummer', 'house_number_invalid');

  const arisenText = optional(raw.ontstaansdatum);
  const arisenOn = arisenText ? parseDutchDate(arisenText) : null;
  if (arisenText && !arisenOn) reject('ontstaansdatum', 'arisen_invalid');
  else if (arisenOn && arisenOn > today) reject('ontstaansdatum', 'arisen_in_future');
  else if (arisenOn && signalDate && arisenOn > signalDate) reject('ontstaansdatum', 'arisen_after_signal');

  const crisis = parseFlag(raw.crisissignaal);
  if (crisis === null) reject('crisissignaal', 'crisis_not_a_flag');
  const warmHandover = parseFlag(raw.warme_overdracht);
  if (warmHandover === null) reject('warme_overdracht', 'warm_handover_not_a_flag');

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
    if (!readable) reject('dreiging', 'threat_unknown');
    else if (fitting) reject('dreiging', 'threat_not_fitting', { threat: fitting });
    else reject('dreiging', 'threat_impossible');
  }

  const postcodeText = optional(raw.postcode);
  const postcode = postcodeText ? normalisePostcode(postcodeText) : null;
  if (!postcodeText) reject('postcode', 'postcode_missing');
  else if (!postcode) reject('postcode', 'postcode_invalid');

  const email = optional(raw.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reject('email', 'email_invalid');
  const phone = optional(raw.telefoon);
  if (phone && !/^[+\d][\d\s()-]{5,19}$/.test(phone)) reject('telefoon', 'phone_invalid');

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
