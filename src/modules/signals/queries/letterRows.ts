import { sql } from 'drizzle-orm';
import { persons } from '../../../platform/schema.ts';
import type { OfferLetter } from '../letter.ts';
import { signalCases } from '../schema.ts';

/** The columns a letter needs of a case and its resident (read inside the audited unit of work of the letter). */
export const letterColumns = {
  id: signalCases.id,
  personId: signalCases.personId,
  initials: persons.initials,
  prefix: persons.prefix,
  surname: persons.surname,
  street: persons.street,
  houseNumber: persons.houseNumber,
  houseNumberSuffix: persons.houseNumberSuffix,
  postcode: persons.postcode,
  city: persons.city,
  totalCents: signalCases.totalCents,
  dueDate: signalCases.dueDate,
  letterSentOn: signalCases.letterSentOn,
  letterTemplateVersion: signalCases.letterTemplateVersion,
  creditorTypes: sql<string[]>`(select array_agg(distinct s.creditor_type order by s.creditor_type) from signals s where s.case_id = ${signalCases.id})`,
};
export type LetterRow = { [K in keyof typeof letterColumns]: unknown } & {
  id: string;
  personId: string | null;
  initials: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  houseNumber: string | null;
  houseNumberSuffix: string | null;
  postcode: string | null;
  city: string | null;
  totalCents: number;
  dueDate: string | null;
  letterSentOn: string | null;
  letterTemplateVersion: number | null;
  creditorTypes: string[] | null;
};

export function toLetter(r: LetterRow): OfferLetter {
  return {
    initials: r.initials,
    prefix: r.prefix,
    surname: r.surname ?? 'bewoner',
    street: r.street,
    houseNumber: r.houseNumber,
    houseNumberSuffix: r.houseNumberSuffix,
    postcode: r.postcode,
    city: r.city,
    creditorTypes: r.creditorTypes ?? [],
    totalCents: r.totalCents,
  };
}

/** The earlier of a case's own due date (an urgent case's) and the letter's "contact before" date. */
export const earlier = (a: string | null, b: string) => (a && a < b ? a : b);
