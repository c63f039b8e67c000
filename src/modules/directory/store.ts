// The directory's reads and writes. The social map is not personal data: reads use the unaudited handle,
// staff edits go through the audited path so the log shows who changed which entry.
import { randomBytes } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan } from '../../platform/authz.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { areaForPostcode } from '../../platform/areas.ts';
import type { Audience, DirectoryEntry, HelpKind, LocationInput, LocationUpdateInput, ServiceInput, Theme } from './domain.ts';
import { directoryLocations, directoryOrganizations, directorySchedules, directoryServices } from './schema.ts';

type OrgRow = typeof directoryOrganizations.$inferSelect;
type LocRow = typeof directoryLocations.$inferSelect;

/** Every entry of the map (active and inactive) with organisation, hours and places. */
export async function loadDirectory(db: Database, filter: { ids?: string[] } = {}): Promise<DirectoryEntry[]> {
  return db.unaudited(async (q) => {
    const services = await q
      .select()
      .from(directoryServices)
      .where(filter.ids ? inArray(directoryServices.id, filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']) : undefined)
      .orderBy(asc(directoryServices.name));
    if (!services.length) return [];
    const orgs = new Map<string, OrgRow>((await q.select().from(directoryOrganizations)).map((o) => [o.id, o]));
    const locs = new Map<string, LocRow>((await q.select().from(directoryLocations)).map((l) => [l.id, l]));
    const schedules = await q
      .select()
      .from(directorySchedules)
      .where(
        inArray(
          directorySchedules.serviceId,
          services.map((s) => s.id),
        ),
      )
      .orderBy(asc(directorySchedules.weekday), asc(directorySchedules.opensAt));
    return services.map((s) => {
      const org = orgs.get(s.organizationId)!;
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        description: s.description,
        audiences: s.audiences as Audience[],
        themes: s.themes as Theme[],
        helpKind: s.helpKind as HelpKind,
        municipalityCode: s.municipalityCode,
        email: s.email,
        phone: s.phone,
        url: s.url,
        howToApply: s.howToApply,
        active: s.active,
        source: s.source,
        updatedAt: s.updatedAt,
        organization: { id: org.id, code: org.code, name: org.name, description: org.description, email: org.email, phone: org.phone, url: org.url },
        schedules: schedules
          .filter((h) => h.serviceId === s.id)
          .map((h) => {
            const l = h.locationId ? locs.get(h.locationId) : undefined;
            return {
              id: h.id,
              weekday: h.weekday,
              opensAt: h.opensAt,
              closesAt: h.closesAt,
              mobile: h.mobile,
              validFrom: h.validFrom,
              validUntil: h.validUntil,
              note: h.note,
              location: l
                ? {
                    id: l.id,
                    code: l.code,
                    name: l.name,
                    address: l.address,
                    postcode: l.postcode,
                    city: l.city,
                    areaCode: l.areaCode,
                    meetingPlace: l.meetingPlace,
                    description: l.description,
                    latitude: l.latitude,
                    longitude: l.longitude,
                  }
                : null,
            };
          }),
      };
    });
  });
}

export async function getEntry(db: Database, id: string): Promise<DirectoryEntry> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('Deze hulp');
  const [entry] = await loadDirectory(db, { ids: [id] });
  if (!entry) throw new NotFoundError('Deze hulp');
  return entry;
}

export async function listOrganizations(db: Database) {
  return db.unaudited((q) => q.select().from(directoryOrganizations).orderBy(asc(directoryOrganizations.name)));
}

export async function listLocations(db: Database) {
  return db.unaudited((q) => q.select().from(directoryLocations).orderBy(asc(directoryLocations.name)));
}

async function checkLocations(db: Database, input: ServiceInput): Promise<void> {
  const ids = [...new Set(input.schedules.map((s) => s.locationId).filter((v): v is string => !!v))];
  if (!ids.length) return;
  const found = await db.unaudited((q) => q.select({ id: directoryLocations.id }).from(directoryLocations).where(inArray(directoryLocations.id, ids)));
  const known = new Set(found.map((f) => f.id));
  const problems = input.schedules
    .map((s, i) => (s.locationId && !known.has(s.locationId) ? { field: `schedules.${i}.locationId`, reason: 'Deze plek bestaat niet.' } : null))
    .filter((p): p is { field: string; reason: string } => !!p);
  if (problems.length) throw new ValidationError('Een spreekuur verwijst naar een onbekende plek.', problems);
}

function serviceColumns(input: ServiceInput) {
  return {
    name: input.name,
    description: input.description,
    audiences: input.audiences,
    themes: input.themes,
    helpKind: input.helpKind,
    email: input.email,
    phone: input.phone,
    url: input.url,
    howToApply: input.howToApply,
    active: input.active,
  };
}

/** Staff change a service of the map, its hours included (the hours are replaced as a whole). */
export async function updateService(db: Database, actor: Actor, id: string, input: ServiceInput): Promise<DirectoryEntry> {
  assertCan(actor, 'directory:edit');
  await checkLocations(db, input);
  await db.audited(actor, { action: 'update', objectType: 'directory_service', objectId: id }, async (tx) => {
    const updated = await tx
      .update(directoryServices)
      .set({ ...serviceColumns(input), updatedAt: db.clock.now() })
      .where(eq(directoryServices.id, id))
      .returning({ id: directoryServices.id });
    if (!updated.length) throw new NotFoundError('Deze hulp');
    await tx.delete(directorySchedules).where(eq(directorySchedules.serviceId, id));
    if (input.schedules.length) {
      await tx.insert(directorySchedules).values(
        input.schedules.map((s) => ({
          ...s,
          locationId: s.locationId ?? null,
          validFrom: s.validFrom ?? null,
          validUntil: s.validUntil ?? null,
          serviceId: id,
        })),
      );
    }
  });
  return getEntry(db, id);
}

/** Staff add a service to an organisation on the map. */
export async function createService(db: Database, actor: Actor, organizationId: string, input: ServiceInput): Promise<DirectoryEntry> {
  assertCan(actor, 'directory:edit');
  await checkLocations(db, input);
  const id = await db.audited(actor, { action: 'create', objectType: 'directory_service' }, async (tx, trail) => {
    const [org] = await tx
      .select({ id: directoryOrganizations.id, code: directoryOrganizations.code })
      .from(directoryOrganizations)
      .where(eq(directoryOrganizations.id, organizationId));
    if (!org) throw new ValidationError('Deze organisatie staat niet op de sociale kaart.', [{ field: 'organizationId', reason: 'onbekend' }]);
    const slug = input.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const code = `${org.code.toLowerCase()}-${slug}`.slice(0, 50);
    const [row] = await tx
      .insert(directoryServices)
      .values({ ...serviceColumns(input), organizationId, code: `${code}-${randomBytes(3).toString('hex')}` })
      .returning({ id: directoryServices.id });
    trail.objectId = row!.id;
    if (input.schedules.length) {
      await tx.insert(directorySchedules).values(
        input.schedules.map((s) => ({
          ...s,
          locationId: s.locationId ?? null,
          validFrom: s.validFrom ?? null,
          validUntil: s.validUntil ?? null,
          serviceId: row!.id,
        })),
      );
    }
    return row!.id;
  });
  return getEntry(db, id);
}

/** Staff add a place (a community centre, a library) where consultation hours can be held. */
export async function createLocation(db: Database, actor: Actor, input: LocationInput) {
  assertCan(actor, 'directory:edit');
  return db.audited(actor, { action: 'create', objectType: 'directory_location' }, async (tx, trail) => {
    const [org] = await tx
      .select({ code: directoryOrganizations.code })
      .from(directoryOrganizations)
      .where(eq(directoryOrganizations.id, input.organizationId));
    if (!org) throw new ValidationError('Deze organisatie staat niet op de sociale kaart.', [{ field: 'organizationId', reason: 'onbekend' }]);
    const slug = input.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const [row] = await tx
      .insert(directoryLocations)
      .values({ ...input, code: `${slug.slice(0, 50)}-${randomBytes(3).toString('hex')}`, areaCode: areaForPostcode(input.postcode)?.code ?? null })
      .returning();
    trail.objectId = row!.id;
    return row!;
  });
}

/** Staff change a place: its name, address (the wijk follows the postcode again), position and description. */
export async function updateLocation(db: Database, actor: Actor, id: string, input: LocationUpdateInput) {
  assertCan(actor, 'directory:edit');
  return db.audited(actor, { action: 'update', objectType: 'directory_location', objectId: id }, async (tx) => {
    const [row] = await tx
      .update(directoryLocations)
      .set({ ...input, areaCode: areaForPostcode(input.postcode)?.code ?? null })
      .where(eq(directoryLocations.id, id))
      .returning();
    if (!row) throw new NotFoundError('Deze plek');
    return row;
  });
}
