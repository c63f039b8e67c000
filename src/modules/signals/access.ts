import { performance } from 'node:perf_hooks';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { API_KEY_TRUST_MS, trustGeneration } from '../../platform/auth.ts';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality, assertOrganisation } from '../../platform/authz.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { organisationMunicipalities, organisations } from '../../platform/schema.ts';
import type { CreditorType } from './ddas.ts';
import type { ColumnMapping } from './columns.ts';
import { signalProblem } from './messages.ts';
import { signalColumnMappings } from './schema.ts';
import { staffScope } from '../../platform/municipalities.ts';

export interface Creditor {
  id: string;
  code: string;
  name: string;
  municipalities: string[];
  /** The signal types this creditor reports; empty when the admin has not set them (then any type is accepted). */
  creditorTypes: CreditorType[];
}

/** A creditor organisation by id or code, with the municipalities it reports for (one query: it runs per API call). */
export async function findCreditor(db: Database, by: { id?: string; code?: string }): Promise<Creditor> {
  return (await findCreditorWithMapping(db, by)).creditor;
}

/**
 * An import's creditor and mapping are trusted for as long as a verified API key (API_KEY_TRUST_MS): a creditor
 * posting signals one by one would otherwise look them up on every call. Changing the creditor's types or mapping,
 * or the organisation, forgets them at once in this process (forgetVerifiedApiKeys).
 */
const cachedCreditors = new WeakMap<
  Database,
  { generation: number; byKey: Map<string, { value: { creditor: Creditor; mapping: ColumnMapping }; until: number }> }
>();

/** The creditor and its column mapping, for an import: from the short-lived cache above when it is there. */
export async function trustedCreditorWithMapping(db: Database, by: { id?: string; code?: string }): Promise<{ creditor: Creditor; mapping: ColumnMapping }> {
  const key = by.id ? `id:${by.id}` : `code:${by.code ?? ''}`;
  let cache = cachedCreditors.get(db);
  if (!cache || cache.generation !== trustGeneration()) {
    cache = { generation: trustGeneration(), byKey: new Map() };
    cachedCreditors.set(db, cache);
  }
  const hit = cache.byKey.get(key);
  if (hit && hit.until > performance.now()) return hit.value;
  const generation = trustGeneration();
  const value = await findCreditorWithMapping(db, by);
  if (generation === trustGeneration()) {
    if (cache.byKey.size >= 1_000) cache.byKey.clear();
    cache.byKey.set(key, { value, until: performance.now() + API_KEY_TRUST_MS });
  }
  return value;
}

/** The creditor and its column mapping (empty when none is set), in one query. */
export async function findCreditorWithMapping(db: Database, by: { id?: string; code?: string }): Promise<{ creditor: Creditor; mapping: ColumnMapping }> {
  const where = by.id ? eq(organisations.id, by.id) : eq(organisations.code, by.code ?? '');
  const [org] = await db.unaudited((q) =>
    q
      .select({
        id: organisations.id,
        code: organisations.code,
        name: organisations.name,
        kind: organisations.kind,
        creditorTypes: organisations.creditorTypes,
        municipalities: sql<
          string[]
        >`coalesce((select array_agg(${organisationMunicipalities.municipalityCode} order by ${organisationMunicipalities.municipalityCode}) from ${organisationMunicipalities} where ${organisationMunicipalities.organisationId} = ${organisations.id}), '{}')`,
        mapping: sql<ColumnMapping | null>`(select ${signalColumnMappings.columns} from ${signalColumnMappings} where ${signalColumnMappings.creditorOrganisationId} = ${organisations.id})`,
      })
      .from(organisations)
      .where(where),
  );
  if (!org) throw new NotFoundError('De schuldeiser');
  if (org.kind !== 'creditor') {
    throw signalProblem('not_a_creditor', { creditor: org.name });
  }
  const mapping = (typeof org.mapping === 'string' ? JSON.parse(org.mapping) : (org.mapping ?? {})) as ColumnMapping;
  const municipalities = typeof org.municipalities === 'string' ? parseTextArray(org.municipalities) : org.municipalities;
  return {
    creditor: { id: org.id, code: org.code, name: org.name, municipalities: [...municipalities].sort(), creditorTypes: org.creditorTypes as CreditorType[] },
    mapping,
  };
}

/** A text[] as PGlite may hand it back in a raw column ("{GM0505,GM0590}"); codes hold no commas or quotes. */
function parseTextArray(value: string): string[] {
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((v) => v.replace(/^"|"$/g, '')) : [];
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
  const own = staffScope(actor)?.municipalities ?? null;
  const candidates = own ? creditor.municipalities.filter((m) => own.includes(m)) : creditor.municipalities;
  const chosen = municipalityCode ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!chosen) {
    throw signalProblem('municipality_required', { municipalities: candidates });
  }
  if (!creditor.municipalities.includes(chosen)) throw signalProblem('creditor_not_for_municipality', { creditor: creditor.name, municipality: chosen });
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
export function authoriseRouting(
  actor: Actor,
  creditor: Creditor,
  municipalityCode: string | undefined,
  leadMunicipality: string,
): { receiving: string; targets: string[] } {
  if (municipalityCode) {
    const chosen = authoriseSubmission(actor, creditor, municipalityCode);
    return { receiving: chosen, targets: [chosen] };
  }
  if (actor.kind !== 'system') {
    assertCan(actor, 'signals:submit');
    if (!actor.roles.includes('signal_officer')) assertOrganisation(actor, creditor.id);
  }
  const own = staffScope(actor)?.municipalities ?? null;
  const targets = own ? creditor.municipalities.filter((m) => own.includes(m)) : creditor.municipalities;
  if (!targets.length) throw signalProblem('creditor_not_for_your_municipalities', { creditor: creditor.name });
  for (const m of targets) assertMunicipality(actor, m);
  const receiving = targets.length === 1 ? targets[0]! : targets.includes(leadMunicipality) ? leadMunicipality : targets[0]!;
  return { receiving, targets };
}

/** Organisations a case can be referred to: the non-creditor organisations working for the municipality. */
export async function assertReferralTarget(tx: Tx, organisationId: string, municipalityCode: string): Promise<void> {
  const rows = await tx
    .select({ kind: organisations.kind })
    .from(organisations)
    .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
    .where(and(eq(organisations.id, organisationId), inArray(organisationMunicipalities.municipalityCode, [municipalityCode])));
  if (!rows.length || rows[0]!.kind === 'creditor' || rows[0]!.kind === 'provider') {
    throw signalProblem('referral_target_invalid');
  }
}
