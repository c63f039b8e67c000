import { offerAudienceLabels, offerKindLabels, offerStatusLabels } from '../../../../src/modules/pass/offerContract.ts';

/** The Dutch names of an offer's codes, typed by string (a row from the API carries a string). */
export const statusLabels: Record<string, string> = offerStatusLabels;
export const kindLabels: Record<string, string> = offerKindLabels;
export const audienceLabels: Record<string, string> = offerAudienceLabels;

/** For whom, as a person reads it. */
export function forWhom(o: { audience: string; minAge: number | null; maxAge: number | null }): string {
  if (o.audience === 'children' && o.minAge != null && o.maxAge != null) return `Kinderen van ${o.minAge} tot en met ${o.maxAge} jaar`;
  return audienceLabels[o.audience] ?? o.audience;
}

/** "Hele stad" or the wijken by name. */
export function where(codes: string[], areas: { code: string; name: string }[]): string {
  if (!codes.length) return 'Hele stad';
  return codes.map((c) => areas.find((a) => a.code === c)?.name ?? c).join(', ');
}
