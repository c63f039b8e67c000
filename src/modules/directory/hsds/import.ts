// Importing another social map's HSDS 3.0 document (a neighbouring municipality's map) into the directory: the
// valid objects stored under the importer's source name, every invalid one reported (importRead.ts). One audited
// transaction; a second import of the same document finds every record by (source, source id) and changes nothing.
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { areaForPostcode } from '../../../platform/areas.ts';
import { assertCan } from '../../../platform/authz.ts';
import { ForbiddenError, ValidationError } from '../../../platform/errors.ts';
import { DEFAULT_MUNICIPALITY, municipalityCode as municipalityCodeSchema, staffScope } from '../../../platform/municipalities.ts';
import { directoryLocations, directoryOrganizations, directorySchedules, directoryServices } from '../schema.ts';
import { hsdsId } from './ids.ts';
import { type Counted, type ImportProblem, NotHsdsError, type PlannedSchedule, readHsdsDocument } from './importRead.ts';
import { importProblemMessages } from './messages.ts';

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
export interface HsdsImportResult {
  source: string;
  municipalityCode: string;
  organizations: Tally;
  services: Tally;
  locations: Tally;
  /** Weekly hours (one per day of an HSDS schedule); `rejected` counts HSDS schedules. */
  schedules: Tally & { removed: number };
  problems: ImportProblem[];
}

export interface HsdsImportInput {
  document: unknown;
  /** Whose map this is ("Zwijndrecht"): the records are kept apart per source. */
  source: string;
  /** The municipality the imported services belong to (default: the platform's). */
  municipalityCode?: string;
}

const tally = (rejected: number): Tally => ({ created: 0, updated: 0, unchanged: 0, rejected });

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A code for an imported record: source and name, made unique by the source id (stable across imports). */
function importCode(source: string, kind: string, sourceId: string, name: string): string {
  return `${`${slug(source)}-${slug(name)}`.slice(0, 44)}-${hsdsId('import', kind, source, sourceId).slice(0, 6)}`;
}

/** Whether the stored row already has these values. */
function same(row: Record<string, unknown>, values: Record<string, unknown>): boolean {
  return Object.entries(values).every(([k, v]) => JSON.stringify(row[k] ?? null) === JSON.stringify(v ?? null));
}

function invalid(code: keyof typeof importProblemMessages, field: string): ValidationError {
  const error = new ValidationError(importProblemMessages[code], [{ field, reason: importProblemMessages[code] }]);
  error.details.reason = code;
  return error;
}

/** Imports an HSDS document. Throws a ValidationError (with a plain Dutch sentence) for a document it cannot read. */
export async function importHsds(db: Database, actor: Actor, input: HsdsImportInput): Promise<HsdsImportResult> {
  // The command line acts as the system, on behalf of the operator; everyone else needs directory:edit.
  if (actor.kind !== 'system') assertCan(actor, 'directory:edit');
  const source = input.source.trim();
  if (!source) throw invalid('source_missing', 'source');
  if (/\p{Cc}/u.test(source) || source.length > 100) throw invalid('source_invalid', 'source');
  const municipalityCode = input.municipalityCode ?? DEFAULT_MUNICIPALITY;
  const checked = municipalityCodeSchema.safeParse(municipalityCode);
  if (!checked.success) throw new ValidationError('Dit is geen gemeentecode.', [{ field: 'municipalityCode', reason: checked.error.issues[0]!.message }]);
  const scope = staffScope(actor);
  if (input.municipalityCode && scope && !scope.municipalities.includes(municipalityCode)) {
    throw new ForbiddenError('U kunt alleen diensten inlezen voor uw eigen gemeente.');
  }
  let plan: ReturnType<typeof readHsdsDocument>;
  try {
    plan = readHsdsDocument(input.document);
  } catch (error) {
    if (error instanceof NotHsdsError) throw invalid('not_hsds', 'body');
    throw error;
  }
  const counts = {
    organizations: tally(plan.rejected.organization),
    services: tally(plan.rejected.service),
    locations: tally(plan.rejected.location),
    schedules: { ...tally(plan.rejected.schedule), removed: 0 },
  };
  const now = db.clock.now();

  await db.audited(actor, { action: 'create', objectType: 'directory_hsds_import', municipalityCode, details: { source } }, async (tx, trail) => {
    const orgIds = new Map<string, string>();
    const known = await rowsOf(tx, source);
    for (const o of plan.organizations) {
      const values = { name: o.name, description: o.description, email: o.email, phone: o.phone, url: o.url };
      orgIds.set(
        o.sourceId,
        await upsert(tx, directoryOrganizations, known.organizations.get(o.sourceId), values, counts.organizations, () => ({
          ...values,
          code: importCode(source, 'organization', o.sourceId, o.name).toUpperCase(),
          source,
          sourceId: o.sourceId,
        })),
      );
    }
    const locationIds = new Map<string, string>();
    for (const l of plan.locations) {
      const { sourceId, organizationSourceId, ...fields } = l;
      const values = { ...fields, organizationId: orgIds.get(organizationSourceId)!, areaCode: areaForPostcode(l.postcode)?.code ?? null };
      locationIds.set(
        sourceId,
        await upsert(tx, directoryLocations, known.locations.get(sourceId), values, counts.locations, () => ({
          ...values,
          code: importCode(source, 'location', sourceId, l.name),
          source,
          sourceId,
        })),
      );
    }
    for (const s of plan.services) {
      const { sourceId, organizationSourceId, schedules, ...fields } = s;
      const values = { ...fields, organizationId: orgIds.get(organizationSourceId)!, municipalityCode };
      const existing = known.services.get(sourceId);
      const id = await upsert(tx, directoryServices, existing, values, counts.services, () => ({
        ...values,
        code: importCode(source, 'service', sourceId, s.name),
        source,
        sourceId,
      }));
      if (existing && !same(existing, values)) await tx.update(directoryServices).set({ updatedAt: now }).where(eq(directoryServices.id, id));
      await syncSchedules(tx, source, id, schedules, locationIds, counts.schedules);
    }
    trail.details = { source, organizations: counts.organizations, services: counts.services, locations: counts.locations, problems: plan.problems.length };
  });
  return { source, municipalityCode, ...counts, problems: plan.problems };
}

type Row = Record<string, unknown> & { id: string };

async function rowsOf(tx: Tx, source: string) {
  const bySource = (rows: Row[]) => new Map(rows.map((r) => [String(r.sourceId), r]));
  return {
    organizations: bySource(await tx.select().from(directoryOrganizations).where(eq(directoryOrganizations.source, source))),
    locations: bySource(await tx.select().from(directoryLocations).where(eq(directoryLocations.source, source))),
    services: bySource(await tx.select().from(directoryServices).where(eq(directoryServices.source, source))),
  };
}

type Table = typeof directoryOrganizations | typeof directoryLocations | typeof directoryServices;

/** Insert, update or leave a record; counts the outcome and answers its id. */
async function upsert(
  tx: Tx,
  table: Table,
  existing: Row | undefined,
  values: Record<string, unknown>,
  t: Tally,
  insert: () => Record<string, unknown>,
): Promise<string> {
  if (existing) {
    if (same(existing, values)) t.unchanged++;
    else {
      await tx.update(table).set(values).where(eq(table.id, existing.id));
      t.updated++;
    }
    return existing.id;
  }
  const [row] = await tx
    .insert(table)
    .values(insert() as never)
    .returning({ id: table.id });
  t.created++;
  return row!.id;
}

/** The service's weekly hours as in the document: ids derived from the source and the HSDS schedule and day. */
async function syncSchedules(
  tx: Tx,
  source: string,
  serviceId: string,
  hours: PlannedSchedule[],
  locationIds: Map<string, string>,
  t: Tally & { removed: number },
): Promise<void> {
  const existing = new Map((await tx.select().from(directorySchedules).where(eq(directorySchedules.serviceId, serviceId))).map((r) => [r.id, r]));
  const wanted = new Set<string>();
  for (const h of hours) {
    const id = hsdsId('import_schedule', source, h.key);
    wanted.add(id);
    const values = {
      serviceId,
      locationId: h.locationSourceId ? locationIds.get(h.locationSourceId)! : null,
      weekday: h.weekday,
      opensAt: h.opensAt,
      closesAt: h.closesAt,
      mobile: h.mobile,
      validFrom: h.validFrom,
      validUntil: h.validUntil,
      note: h.note,
    };
    const row = existing.get(id);
    if (!row) {
      // The same HSDS schedule may have moved to another service of the source: it is taken along.
      await tx
        .insert(directorySchedules)
        .values({ id, ...values })
        .onConflictDoUpdate({ target: directorySchedules.id, set: values });
      t.created++;
    } else if (same(row, values)) t.unchanged++;
    else {
      await tx.update(directorySchedules).set(values).where(eq(directorySchedules.id, id));
      t.updated++;
    }
  }
  const gone = [...existing.keys()].filter((id) => !wanted.has(id));
  if (gone.length) {
    await tx.delete(directorySchedules).where(and(eq(directorySchedules.serviceId, serviceId), inArray(directorySchedules.id, gone)));
    t.removed += gone.length;
  }
}

export type { Counted, ImportProblem };
