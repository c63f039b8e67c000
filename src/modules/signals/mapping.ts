import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { boundedRecord } from '../../platform/validation.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { findCreditor, type Creditor } from './access.ts';
import { forgetVerifiedApiKeys } from '../../platform/auth.ts';
import { signalColumnNames, type ColumnMapping, type SignalColumn } from './columns.ts';
import { columnKey } from './signalHeader.ts';
import { fieldReason, signalProblem } from './messages.ts';
import { signalColumnMappings } from './schema.ts';
import { ownMunicipalities } from '../../platform/municipalities.ts';

/**
 * The column mapping per creditor: for a creditor whose export names its columns its own way, the signal officer
 * says once which column holds which field; every later file and batch of that creditor is read with it.
 * Configuration (no personal data), audited as such.
 */
export const columnMappingInput = z.object({
  columns: boundedRecord(z.string().max(50), z.string().trim().max(100), 40),
});

export interface ColumnMappingView {
  creditorOrganisationId: string;
  creditorCode: string;
  creditorName: string;
  columns: ColumnMapping;
  updatedAt: string | null;
}

/** The mapping the import uses for this creditor (empty when none is set). */
export async function loadColumnMapping(db: Database, creditorId: string): Promise<ColumnMapping> {
  const [row] = await db.unaudited((q) =>
    q.select({ columns: signalColumnMappings.columns }).from(signalColumnMappings).where(eq(signalColumnMappings.creditorOrganisationId, creditorId)),
  );
  return (row?.columns ?? {}) as ColumnMapping;
}

/** Only a signal officer of a municipality this creditor reports to (or the system: the CLI) sets its mapping. */
function assertMayConfigure(actor: Actor, creditor: Creditor): void {
  if (actor.kind === 'system') return;
  assertCan(actor, 'signals:configure');
  const own = ownMunicipalities(actor);
  const shared = creditor.municipalities.find((m) => own.includes(m));
  assertMunicipality(actor, shared ?? creditor.municipalities[0] ?? '');
}

function view(creditor: Creditor, row: { columns: Record<string, string>; updatedAt: Date } | undefined): ColumnMappingView {
  return {
    creditorOrganisationId: creditor.id,
    creditorCode: creditor.code,
    creditorName: creditor.name,
    columns: (row?.columns ?? {}) as ColumnMapping,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

export async function getColumnMapping(db: Database, actor: Actor, creditorBy: { id?: string; code?: string }): Promise<ColumnMappingView> {
  const creditor = await findCreditor(db, creditorBy);
  assertMayConfigure(actor, creditor);
  const [row] = await db.unaudited((q) => q.select().from(signalColumnMappings).where(eq(signalColumnMappings.creditorOrganisationId, creditor.id)));
  return view(creditor, row);
}

/** Checks a mapping: known fields only, a column name for each, no column used for two fields. */
export function checkColumnMapping(columns: Record<string, string>): ColumnMapping {
  const problems: { field: string; reason: string }[] = [];
  const out: ColumnMapping = {};
  const seen = new Map<string, string>();
  for (const [field, rawName] of Object.entries(columns)) {
    const name = rawName.trim();
    if (!signalColumnNames.includes(field as SignalColumn)) {
      problems.push({ field, reason: fieldReason('mapping_unknown_field', { field, fields: signalColumnNames.join(', ') }) });
      continue;
    }
    if (!name) continue; // an empty name: the field keeps its standard column name
    const key = columnKey(name);
    if (seen.has(key)) problems.push({ field, reason: fieldReason('mapping_column_taken', { column: name, field: seen.get(key) }) });
    seen.set(key, field);
    out[field as SignalColumn] = name;
  }
  if (problems.length)
    throw signalProblem(
      'column_mapping_invalid',
      {},
      problems.map((p) => ({ field: `columns.${p.field}`, reason: p.reason })),
    );
  return out;
}

/** Sets (replaces) the creditor's mapping; an empty mapping removes it. */
export async function setColumnMapping(
  db: Database,
  actor: Actor,
  creditorBy: { id?: string; code?: string },
  input: z.infer<typeof columnMappingInput>,
): Promise<ColumnMappingView> {
  const creditor = await findCreditor(db, creditorBy);
  assertMayConfigure(actor, creditor);
  const columns = checkColumnMapping(input.columns);
  const now = db.clock.now();
  const empty = Object.keys(columns).length === 0;
  const event = {
    action: empty ? ('delete' as const) : ('update' as const),
    objectType: 'signal_column_mapping',
    objectId: creditor.id,
    details: { creditor: creditor.code, fields: Object.keys(columns) },
  };
  return db
    .audited(actor, event, async (tx) => {
      if (empty) {
        await tx.delete(signalColumnMappings).where(eq(signalColumnMappings.creditorOrganisationId, creditor.id));
        return view(creditor, undefined);
      }
      const values = { creditorOrganisationId: creditor.id, columns, updatedByUserId: actor.kind === 'user' ? actor.userId : null, updatedAt: now };
      const [row] = await tx
        .insert(signalColumnMappings)
        .values(values)
        .onConflictDoUpdate({ target: signalColumnMappings.creditorOrganisationId, set: { columns, updatedByUserId: values.updatedByUserId, updatedAt: now } })
        .returning();
      return view(creditor, row);
    })
    .finally(forgetVerifiedApiKeys);
}

export function clearColumnMapping(db: Database, actor: Actor, creditorBy: { id?: string; code?: string }): Promise<ColumnMappingView> {
  return setColumnMapping(db, actor, creditorBy, { columns: {} });
}
