import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { assertCan, assertMunicipality, can } from '../../platform/authz.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { staffScope } from '../../platform/municipalities.ts';
import { cashierProvider } from './chargeQueries.ts';
import { assertProviderAccess } from './configuration.ts';
import { passError, passProblems } from './messages.ts';
import { offerAudiences, offerKinds, type OfferStatus } from './offerContract.ts';
import { isOfferPublic, offerDraftProblems, offerMatches, offerStatusOn, offerTransition, type OfferSearch } from './offerRules.ts';
import { passCategories, passOffers, passProviders } from './schema.ts';

/**
 * Providers' offers and discounts: a provider registers one (submitted), the pass office approves or rejects it (with
 * a reason), the provider or the office withdraws it. Each change is one audited command. Only approved, current
 * offers are public. The rules are in offerRules.ts.
 */

const isoDate = z.iso.date('Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2026-09-01.');
const age = z
  .number()
  .int('Schrijf de leeftijd als een heel getal, bijvoorbeeld 9.')
  .min(0, 'Een leeftijd is 0 of meer.')
  .max(120, 'Een leeftijd is hoogstens 120 jaar.')
  .nullable()
  .optional();

export const offerInput = z.object({
  title: z
    .string()
    .trim()
    .min(2, 'Beschrijf het aanbod in een paar woorden, bijvoorbeeld "Zwemles, 10 lessen".')
    .max(200, 'De titel is te lang: hoogstens 200 tekens.'),
  category: z.string().min(2).max(50),
  kind: z.enum(offerKinds).default('offer'),
  priceCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(1, 'De prijs moet meer dan € 0,00 zijn.')
    .max(1_000_000, 'De prijs kan hoogstens € 10.000,00 zijn.')
    .nullable()
    .optional(),
  discountText: z.string().trim().max(200, 'Schrijf de korting korter: hoogstens 200 tekens.').nullable().optional(),
  description: z.string().trim().max(1000, 'De beschrijving is te lang: hoogstens 1000 tekens.').nullable().optional(),
  audience: z.enum(offerAudiences).default('everyone'),
  minAge: age,
  maxAge: age,
  areaCodes: z.array(z.string().max(20)).max(20).default([]),
  validFrom: isoDate.nullable().optional(),
  validUntil: isoDate.nullable().optional(),
});
export const offerDecisionInput = z.object({ approve: z.boolean(), reason: z.string().max(500, 'Schrijf de reden korter: hoogstens 500 tekens.').optional() });
export const offerReviewQuery = z.object({ status: z.enum(['submitted', 'all']).default('submitted') });

type OfferRow = typeof passOffers.$inferSelect;
const knownAreas = dordrechtWijken.map((a) => a.code);

/** A row as the API shows it: the state of today (approved past its end date is expired). */
function view(row: OfferRow, today: string) {
  return { ...row, status: offerStatusOn(row, today) };
}

const todayOf = (db: Database) => amsterdamDate(db.clock.now());

/**
 * Registers an offer. A provider's cashier registers it for their own provider: it waits for the pass office
 * (`submitted`). Pass office staff (pass:providers) register it as approved at once: they are the ones who approve.
 */
export async function submitOffer(db: Database, actor: Actor, providerId: string, input: z.infer<typeof offerInput>) {
  if (!can(actor, 'pass:providers') && !can(actor, 'pass:charge')) assertCan(actor, 'pass:providers');
  const today = todayOf(db);
  const problems = offerDraftProblems({ ...input, areaCodes: input.areaCodes }, knownAreas, today);
  const fields = Object.entries(problems);
  if (fields.length) {
    const errors = fields.map(([field, code]) => ({ field, reason: passProblems[code].text }));
    throw new ValidationError(errors[0]!.reason, errors);
  }
  const byOffice = can(actor, 'pass:providers');
  const now = db.clock.now();
  return db.audited(actor, { action: 'create', objectType: 'pass_offer' }, async (tx, trail) => {
    const [provider] = await tx.select().from(passProviders).where(eq(passProviders.id, providerId));
    if (!provider) throw new NotFoundError('De aanbieder');
    trail.municipalityCode = provider.municipalityCode;
    assertProviderAccess(actor, provider);
    const [category] = await tx.select().from(passCategories).where(eq(passCategories.code, input.category));
    if (!category) throw passError('category_unknown');
    const children = input.audience === 'children';
    const [row] = await tx
      .insert(passOffers)
      .values({
        providerId,
        title: input.title,
        category: input.category,
        kind: input.kind,
        priceCents: input.priceCents ?? null,
        discountText: input.discountText || null,
        description: input.description || null,
        audience: input.audience,
        minAge: children ? (input.minAge ?? null) : null,
        maxAge: children ? (input.maxAge ?? null) : null,
        areaCodes: [...new Set(input.areaCodes)],
        validFrom: input.validFrom ?? null,
        validUntil: input.validUntil ?? null,
        status: byOffice ? 'approved' : 'submitted',
        submittedAt: now,
        decidedAt: byOffice ? now : null,
        decidedByUserId: byOffice && actor.kind === 'user' ? actor.userId : null,
      })
      .returning();
    trail.objectId = row!.id;
    trail.details = { status: row!.status };
    return view(row!, today);
  });
}

/** The offers of the acting cashier's own provider, every state. */
export async function listMyOffers(db: Database, actor: Actor) {
  const provider = await cashierProvider(db, actor);
  assertMunicipality(actor, provider.municipalityCode);
  const today = todayOf(db);
  const rows = await db.unaudited((q) => q.select().from(passOffers).where(eq(passOffers.providerId, provider.id)).orderBy(asc(passOffers.title)));
  return { provider: { id: provider.id, name: provider.name }, offers: rows.map((r) => view(r, today)) };
}

/** The pass office's work list: the submitted offers of its municipalities (or all of them), oldest first. */
export async function listOffersForReview(db: Database, actor: Actor, query: z.infer<typeof offerReviewQuery>) {
  assertCan(actor, 'pass:providers');
  const scope = staffScope(actor);
  if (!scope) throw new ForbiddenError();
  const today = todayOf(db);
  const rows = await db.unaudited((q) =>
    q
      .select({ offer: passOffers, providerName: passProviders.name, municipalityCode: passProviders.municipalityCode })
      .from(passOffers)
      .innerJoin(passProviders, eq(passProviders.id, passOffers.providerId))
      .where(and(query.status === 'submitted' ? eq(passOffers.status, 'submitted') : undefined, inArray(passProviders.municipalityCode, scope.municipalities)))
      .orderBy(asc(passOffers.submittedAt)),
  );
  return rows.map((r) => ({ ...view(r.offer, today), providerName: r.providerName }));
}

/** Loads an offer with its provider for a change, or 404. */
async function offerWithProvider(tx: Parameters<Parameters<Database['audited']>[2]>[0], id: string) {
  const [row] = await tx
    .select({ offer: passOffers, provider: passProviders })
    .from(passOffers)
    .innerJoin(passProviders, eq(passProviders.id, passOffers.providerId))
    .where(eq(passOffers.id, id))
    .for('update');
  if (!row) throw new NotFoundError('Het aanbod');
  return row;
}

/** The pass office approves a submitted offer, or rejects it with a reason the provider sees. */
export async function decideOffer(db: Database, actor: Actor, id: string, input: z.infer<typeof offerDecisionInput>) {
  assertCan(actor, 'pass:providers');
  const today = todayOf(db);
  return db.audited(actor, { action: 'update', objectType: 'pass_offer', objectId: id, purpose: 'Aanbod beoordelen' }, async (tx, trail) => {
    const { offer, provider } = await offerWithProvider(tx, id);
    trail.municipalityCode = provider.municipalityCode;
    assertMunicipality(actor, provider.municipalityCode);
    const next = offerTransition(offer, input.approve ? { type: 'approve' } : { type: 'reject', reason: input.reason ?? '' }, today);
    if (!next.ok) throw passError(next.code);
    const [row] = await tx
      .update(passOffers)
      .set({
        status: next.status,
        rejectionReason: next.reason,
        decidedAt: db.clock.now(),
        decidedByUserId: actor.kind === 'user' ? actor.userId : null,
      })
      .where(eq(passOffers.id, id))
      .returning();
    trail.details = { status: next.status };
    return view(row!, today);
  });
}

/** The provider (its own offer) or the pass office withdraws a submitted or approved offer. */
export async function withdrawOffer(db: Database, actor: Actor, id: string) {
  const today = todayOf(db);
  return db.audited(actor, { action: 'update', objectType: 'pass_offer', objectId: id, purpose: 'Aanbod intrekken' }, async (tx, trail) => {
    const { offer, provider } = await offerWithProvider(tx, id);
    trail.municipalityCode = provider.municipalityCode;
    assertProviderAccess(actor, provider);
    const next = offerTransition(offer, { type: 'withdraw' }, today);
    if (!next.ok) throw passError(next.code);
    const [row] = await tx.update(passOffers).set({ status: next.status, active: false }).where(eq(passOffers.id, id)).returning();
    trail.details = { status: next.status };
    return view(row!, today);
  });
}

/** Whether the till may charge this offer today. */
export function offerChargeable(offer: OfferRow, today: string): boolean {
  return offer.active && isOfferPublic(offer, today);
}

/**
 * The public list: approved, current offers of active providers, with the categories and wijken to search by.
 * Organisations and offers only, no personal data.
 */
export async function publicOfferList(db: Database, municipalityCode: string, search: OfferSearch = {}) {
  const today = todayOf(db);
  const [rows, categories] = await Promise.all([
    db.unaudited((q) =>
      q
        .select({ offer: passOffers, provider: passProviders, categoryName: passCategories.name })
        .from(passOffers)
        .innerJoin(passProviders, eq(passProviders.id, passOffers.providerId))
        .innerJoin(passCategories, eq(passCategories.code, passOffers.category))
        .where(
          and(
            eq(passOffers.status, 'approved'),
            eq(passOffers.active, true),
            eq(passProviders.active, true),
            eq(passProviders.municipalityCode, municipalityCode),
          ),
        )
        .orderBy(asc(passCategories.sortOrder), asc(passProviders.name), asc(passOffers.title)),
    ),
    db.unaudited((q) => q.select({ code: passCategories.code, name: passCategories.name }).from(passCategories).orderBy(asc(passCategories.sortOrder))),
  ]);
  const areaName = new Map(dordrechtWijken.map((a) => [a.code, a.name]));
  const offers = rows
    .filter((r) => isOfferPublic(r.offer, today))
    .filter((r) => offerMatches({ ...r.offer, providerName: r.provider.name }, search))
    .map(({ offer, provider, categoryName }) => ({
      id: offer.id,
      title: offer.title,
      category: offer.category,
      categoryName,
      kind: offer.kind,
      priceCents: offer.priceCents,
      discountText: offer.discountText,
      description: offer.description,
      audience: offer.audience,
      minAge: offer.minAge,
      maxAge: offer.maxAge,
      areaCodes: offer.areaCodes,
      areaNames: offer.areaCodes.map((c) => areaName.get(c) ?? c),
      validFrom: offer.validFrom,
      validUntil: offer.validUntil,
      provider: { id: provider.id, name: provider.name, kind: provider.kind },
    }));
  return { offers, categories, areas: dordrechtWijken.map((a) => ({ code: a.code, name: a.name })) };
}

export type PublicOfferList = Awaited<ReturnType<typeof publicOfferList>>;
export type { OfferStatus };
