import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality, assertOrganisation } from '../../platform/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { organisationMunicipalities, organisations } from '../../platform/schema.ts';
import type { CreditorType } from './ddas.ts';

export interface Creditor {
  id: string;
  code: string;
  name: string;
  municipalities: string[];
  /** The signal types this creditor reports; empty when the admin has not set them (then any type is accepted). */
  creditorTypes: CreditorType[];
}

/** A creditor organisation by id or code, with the municipalities it reports for. */
export async function findCreditor(db: Database, by: { id?: string; code?: string }): Promise<Creditor> {
  const where = by.id ? eq(organisations.id, by.id) : eq(organisations.code, by.code ?? '');
  const [org] = await db.unaudited((q) => q.select().from(organisations).where(where));
  if (!org) throw new NotFoundError('De schuldeiser');
  if (org.kind !== 'creditor') {
    throw new ValidationError(`${org.name} is geen schuldeiser.`, [{ field: 'creditor', reason: 'Alleen schuldeisers leveren signalen aan.' }]);
  }
  const links = await db.unaudited((q) =>
    q.select({ code: organisationMunicipalities.municipalityCode }).from(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, org.id)),
  );
  return { id: org.id, code: org.code, name: org.name, municipalities: links.map((l) => l.code).sort(), creditorTypes: org.creditorTypes as CreditorType[] };
}

/**
 * May this actor deliver signals for this creditor and municipality? A creditor only for its own organisation;
 * a signal officer for creditors that report to its municipality. Returns the municipality the signals are for.
 */
export function authoriseSubmission(actor: Actor, creditor: Creditor, municipalityCode: string | undefined): string {
  if (actor.kind !== 'system') {
    assertCan(actor, 'signals:submit');
    if (!actor.roles.includes('signal_officer')) assertOrganisation(actor, creditor.id);
  }
  const own = actor.kind === 'user' || actor.kind === 'api_key' ? actor.municipalities : null;
  const candidates = own ? creditor.municipalities.filter((m) => own.includes(m)) : creditor.municipalities;
  const chosen = municipalityCode ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!chosen) {
    throw new ValidationError('Kies voor welke gemeente de signalen zijn.', [
      { field: 'municipalityCode', reason: `Deze schuldeiser levert aan meerdere gemeenten: ${candidates.join(', ')}.` },
    ]);
  }
  if (!creditor.municipalities.includes(chosen)) throw new ForbiddenError(`${creditor.name} levert geen signalen aan gemeente ${chosen}.`);
  assertMunicipality(actor, chosen);
  return chosen;
}

/**
 * Where an import's rows may go. With a municipality named (`--municipality`, `municipalityCode`), only there (as
 * `authoriseSubmission`). Without one, each row goes to the municipality of its postcode, among the municipalities
 * the creditor serves and the actor may submit for: a health insurer serving all of Drechtsteden delivers one file
 * for all seven. `receiving` is the import's own municipality (the record, the audit line, the non-residents): the
 * only target, else the lead municipality (`VANGNET_SIGNALS_LEAD_MUNICIPALITY`) when it is one, else the first.
 */
export function authoriseRouting(actor: Actor, creditor: Creditor, municipalityCode: string | undefined, leadMunicipality: string): { receiving: string; targets: string[] } {
  if (municipalityCode) {
    const chosen = authoriseSubmission(actor, creditor, municipalityCode);
    return { receiving: chosen, targets: [chosen] };
  }
  if (actor.kind !== 'system') {
    assertCan(actor, 'signals:submit');
    if (!actor.roles.includes('signal_officer')) assertOrganisation(actor, creditor.id);
  }
  const own = actor.kind === 'user' || actor.kind === 'api_key' ? actor.municipalities : null;
  const targets = own ? creditor.municipalities.filter((m) => own.includes(m)) : creditor.municipalities;
  if (!targets.length) throw new ForbiddenError(`${creditor.name} levert geen signalen aan een gemeente waarvoor u mag aanleveren.`);
  for (const m of targets) assertMunicipality(actor, m);
  const receiving = targets.length === 1 ? targets[0]! : targets.includes(leadMunicipality) ? leadMunicipality : targets[0]!;
  return { receiving, targets };
}

/** Organisations a case can be referred to: the non-creditor organisations working for the municipality. */
export async function assertReferralTarget(tx: Tx, organisationId: string, municipalityCode: string): Promise<void> {
  const rows = await (
    tx
      .select({ kind: organisations.kind })
      .from(organisations)
      .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .where(and(eq(organisations.id, organisationId), inArray(organisationMunicipalities.municipalityCode, [municipalityCode])))
  );
  if (!rows.length || rows[0]!.kind === 'creditor' || rows[0]!.kind === 'provider') {
    throw new ValidationError('Deze organisatie kan geen doorverwijzing ontvangen.', [{ field: 'referralOrganisationId', reason: 'Kies een hulporganisatie in de gemeente.' }]);
  }
}
