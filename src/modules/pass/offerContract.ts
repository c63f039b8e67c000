import { z } from 'zod';
import { id, isoDate, timestamp } from '../../platform/contract.ts';

/**
 * The contract of the providers' offers (aanbod): the codes with their Dutch names and the answers' schemas. Imports
 * only zod and contract files, so the web app imports it too.
 */

export const offerStatuses = ['submitted', 'approved', 'rejected', 'withdrawn', 'expired'] as const;
export type OfferStatus = (typeof offerStatuses)[number];
export const offerStatusLabels: Record<OfferStatus, string> = {
  submitted: 'Ingediend: wacht op de Dordtpas-balie',
  approved: 'Goedgekeurd',
  rejected: 'Afgewezen',
  withdrawn: 'Ingetrokken',
  expired: 'Verlopen',
};

export const offerKinds = ['offer', 'discount'] as const;
export type OfferKind = (typeof offerKinds)[number];
export const offerKindLabels: Record<OfferKind, string> = { offer: 'Activiteit of product met een prijs', discount: 'Korting' };

export const offerAudiences = ['children', 'adults', 'everyone'] as const;
export type OfferAudience = (typeof offerAudiences)[number];
export const offerAudienceLabels: Record<OfferAudience, string> = { children: 'Kinderen', adults: 'Volwassenen', everyone: 'Iedereen' };

const text = z.string();
const cents = z.number().int();

export const offer = z.object({
  id,
  providerId: id,
  title: text,
  category: text,
  kind: z.enum(offerKinds),
  priceCents: cents.nullable(),
  discountText: text.nullable(),
  description: text.nullable(),
  audience: z.enum(offerAudiences),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  areaCodes: z.array(text),
  validFrom: isoDate.nullable(),
  validUntil: isoDate.nullable(),
  /** The state today: an approved offer past its end date is `expired`. */
  status: z.enum(offerStatuses),
  rejectionReason: text.nullable(),
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  active: z.boolean(),
});
export const offerList = z.array(offer);
/** An offer with its provider's name, for the pass office's review list. */
export const offerForReview = offer.extend({ providerName: text });
export const offerReviewList = z.array(offerForReview);

/** What anyone may see of an approved, current offer (no states, no reasons). */
export const publicOffer = z.object({
  id,
  title: text,
  category: text,
  categoryName: text,
  kind: z.enum(offerKinds),
  priceCents: cents.nullable(),
  discountText: text.nullable(),
  description: text.nullable(),
  audience: z.enum(offerAudiences),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  areaCodes: z.array(text),
  areaNames: z.array(text),
  validFrom: isoDate.nullable(),
  validUntil: isoDate.nullable(),
  provider: z.object({ id, name: text, kind: text }),
});
export const publicOffers = z.object({
  offers: z.array(publicOffer),
  categories: z.array(z.object({ code: text, name: text })),
  areas: z.array(z.object({ code: text, name: text })),
});
