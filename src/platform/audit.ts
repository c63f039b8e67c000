import { and, arrayContained, arrayContains, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { administeredMunicipalities, assertCan } from './authz.ts';
import { auditActions, auditEvents, auditResults } from './schema.ts';

export const auditQuery = z.object({
  actorUserId: z.string().uuid().optional(),
  organisationId: z.string().uuid().optional(),
  action: z.enum(auditActions).optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  subjectId: z.string().uuid().optional(),
  result: z.enum(auditResults).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/**
 * The audit trail for administrators, newest first, filterable; `subjectId` lists everything that happened
 * to one resident's data. Looking at the trail is itself logged.
 */
export async function listAuditEvents(db: Database, actor: Actor, query: AuditQuery) {
  assertCan(actor, 'audit:read');
  const where: SQL[] = [];
  if (query.actorUserId) where.push(eq(auditEvents.actorUserId, query.actorUserId));
  if (query.organisationId) where.push(eq(auditEvents.actorOrganisationId, query.organisationId));
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.objectType) where.push(eq(auditEvents.objectType, query.objectType));
  if (query.objectId) where.push(eq(auditEvents.objectId, query.objectId));
  if (query.subjectId) where.push(arrayContains(auditEvents.subjectIds, [query.subjectId]));
  if (query.result) where.push(eq(auditEvents.result, query.result));
  if (query.from) where.push(gte(auditEvents.occurredAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) where.push(lt(auditEvents.occurredAt, new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (query.before) where.push(lt(auditEvents.id, query.before));
  // The one scope rule: an admin sees a line only if every municipality it belongs to is one they administer.
  // Lines of no municipality (system jobs, logins of unknown accounts) are shown to no municipal admin.
  const administered = administeredMunicipalities(actor);
  where.push(sql`cardinality(${auditEvents.municipalityCodes}) > 0`);
  where.push(administered.length ? arrayContained(auditEvents.municipalityCodes, [...administered]) : sql`false`);
  return db.audited(
    actor,
    { action: 'search', objectType: 'audit_event', subjectIds: query.subjectId ? [query.subjectId] : [], details: { filters: Object.keys(query) } },
    (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(...where))
        .orderBy(desc(auditEvents.id))
        .limit(query.limit),
  );
}
