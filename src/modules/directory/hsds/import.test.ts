import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../../test/support/app.ts';
import { systemActor } from '../../../platform/actor.ts';
import { FakeClock } from '../../../platform/clock.ts';
import { directoryModule } from '../module.ts';
import { directoryServices } from '../schema.ts';
import { importHsds, type HsdsImportResult } from './import.ts';

const clock = new FakeClock('2021-06-09T08:00:00Z');
const operator = systemActor('test:hsds-import');
const uuid = (n: number) => `0a1b2c3d-0000-4000-8000-${String(n).padStart(12, '0')}`;
type Entry = {
  id: string;
  name: string;
  municipalityCode: string;
  themes: string[];
  schedules: { weekday: number; opensAt: string; location: { name: string } | null }[];
};

/** A neighbouring map with one good service and one broken object of each kind. */
function brokenDataset() {
  const org = { id: uuid(1), name: 'Stichting Geldhulp Zwijndrecht', description: 'Hulp bij geld.' };
  const weekly = { id: uuid(20), freq: 'WEEKLY', byday: 'MO,TH', opens_at: '09:00', closes_at: '11:00' };
  const monthly = { id: uuid(21), freq: 'MONTHLY', bymonthday: '1', opens_at: '09:00', closes_at: '11:00' };
  const good = {
    id: uuid(10),
    organization_id: org.id,
    name: 'Geldspreekuur Zwijndrecht',
    description: 'Elke week hulp bij brieven en rekeningen.',
    status: 'active',
    service_at_locations: [
      {
        id: uuid(30),
        service_id: uuid(10),
        location_id: uuid(40),
        schedules: [weekly, monthly],
        location: {
          id: uuid(40),
          location_type: 'physical',
          name: 'Buurthuis De Brug',
          addresses: [
            {
              id: uuid(41),
              address_1: 'Brugweg 1',
              city: 'Zwijndrecht',
              state_province: 'Zuid-Holland',
              postal_code: '3331 AA',
              country: 'NL',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
  };
  return {
    organizations: [org],
    services: [
      good,
      { id: uuid(11), organization_id: org.id, status: 'active' },
      { id: 'geen-uuid', organization_id: org.id, name: 'Schuldhulp', status: 'active' },
      { id: uuid(12), organization_id: org.id, name: 'Budgetcursus', status: 'active', description: 12 },
      { id: uuid(13), organization_id: uuid(99), name: 'Formulierenhulp', status: 'active' },
      { id: uuid(14), organization_id: org.id, name: '   ', status: 'active' },
    ],
  };
}

describe('importing an HSDS 3.0 dataset into the social map', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { VANGNET_UPLOAD_MAX_MB: '1' } });
    await directoryModule.seedDemo!(t.db, t.config);
  });
  afterAll(() => t?.close());

  const search = async (q: string) =>
    ((await t.app.inject({ url: `/api/v1/directory/services?q=${encodeURIComponent(q)}` })).json() as { items: Entry[] }).items;

  it('imports our own export as a second source, finds it on the map, and a second import changes nothing', async () => {
    const exported = (await t.app.inject({ url: '/api/v1/directory/hsds' })).json() as { organizations: unknown[]; services: unknown[]; locations: unknown[] };
    const first = await importHsds(t.db, operator, { document: exported, source: 'Zwijndrecht', municipalityCode: 'GM0642' });
    expect(first.problems).toEqual([]);
    expect(first.organizations).toEqual({ created: exported.organizations.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.services).toEqual({ created: exported.services.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.locations).toEqual({ created: exported.locations.length, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.schedules.created).toBeGreaterThan(10);

    const found = await search('sociaal raadslieden');
    const [own, imported] = [found.filter((e) => e.municipalityCode === 'GM0505'), found.filter((e) => e.municipalityCode === 'GM0642')];
    expect(own).toHaveLength(1);
    expect(imported).toHaveLength(1);
    expect(imported[0]!.id).not.toBe(own[0]!.id);
    const hours = (e: Entry) => e.schedules.map((s) => `${s.weekday} ${s.opensAt} ${s.location?.name ?? '-'}`).sort();
    expect(hours(imported[0]!)).toEqual(hours(own[0]!));
    expect(imported[0]!.themes).toEqual(own[0]!.themes);

    const again = await importHsds(t.db, operator, { document: exported, source: 'Zwijndrecht', municipalityCode: 'GM0642' });
    expect(again.problems).toEqual([]);
    expect(again.organizations).toEqual({ created: 0, updated: 0, unchanged: exported.organizations.length, rejected: 0 });
    expect(again.services).toEqual({ created: 0, updated: 0, unchanged: exported.services.length, rejected: 0 });
    expect(again.schedules).toEqual({ created: 0, updated: 0, unchanged: first.schedules.created, rejected: 0, removed: 0 });
    expect(await search('sociaal raadslieden')).toHaveLength(2);
  });

  it('stores the valid objects of a broken dataset and reports each broken one by path and field', async () => {
    const result = await importHsds(t.db, operator, { document: brokenDataset(), source: 'Broken' });
    const rejected = result.problems.filter((p) => !p.stored).map((p) => [p.objectType, p.id, p.path, p.field, p.code]);
    expect(rejected).toEqual(
      expect.arrayContaining([
        ['schedule', uuid(21), '$.services[0].service_at_locations[0].schedules[1].freq', 'freq', 'schedule_not_weekly'],
        ['service', uuid(11), '$.services[1].name', 'name', 'required'],
        ['service', 'geen-uuid', '$.services[2].id', 'id', 'format'],
        ['service', uuid(12), '$.services[3].description', 'description', 'type'],
        ['service', uuid(13), '$.services[4].organization_id', 'organization_id', 'no_organization'],
        ['service', uuid(14), '$.services[5].name', 'name', 'required'],
      ]),
    );
    expect(rejected, JSON.stringify(rejected)).toHaveLength(6);
    const byCode = Object.fromEntries(result.problems.map((p) => [p.code, p.message]));
    expect(byCode.required).toBe('Het veld "name" ontbreekt. Het is verplicht.');
    expect(byCode.schedule_not_weekly).toBe('Dit spreekuur is niet elke week op vaste dagen. Het is niet overgenomen.');
    // The good service had none of the map's terms: stored with the defaults, and told so.
    expect(result.problems.filter((p) => p.stored).map((p) => [p.id, p.code])).toEqual([[uuid(10), 'defaults_used']]);
    expect(result.services).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 5 });
    expect(result.organizations.created).toBe(1);
    expect(result.locations.created).toBe(1);
    expect(result.schedules).toMatchObject({ created: 2, rejected: 1 });

    const [stored] = await search('geldspreekuur zwijndrecht');
    expect(stored!.themes).toEqual(['money']);
    expect(stored!.schedules.map((s) => `${s.weekday} ${s.opensAt} ${s.location?.name}`)).toEqual(['1 09:00 Buurthuis De Brug', '4 09:00 Buurthuis De Brug']);
    const fromSource = await t.db.unaudited((q) =>
      q.select({ name: directoryServices.name }).from(directoryServices).where(eq(directoryServices.source, 'Broken')),
    );
    expect(fromSource.map((s) => s.name)).toEqual(['Geldspreekuur Zwijndrecht']);

    const again = await importHsds(t.db, operator, { document: brokenDataset(), source: 'Broken' });
    expect([again.services, again.organizations.created, again.locations.created, again.schedules.created]).toEqual([
      { created: 0, updated: 0, unchanged: 1, rejected: 5 },
      0,
      0,
      0,
    ]);
  });

  it('takes a plain list of services as the HSDS API gives it, and updates a changed one', async () => {
    const list = (await t.app.inject({ url: '/api/v1/hsds/services?full=true&search=thuisadministratie' })).json() as { contents: Record<string, unknown>[] };
    const one = list.contents.slice(0, 1);
    const first = await importHsds(t.db, operator, { document: one, source: 'Lijst' });
    expect([first.services.created, first.organizations.created, first.problems]).toEqual([1, 1, []]);
    const changed = one.map((s) => ({ ...s, description: 'Nu ook op zaterdag.' }));
    const second = await importHsds(t.db, operator, { document: { contents: changed }, source: 'Lijst' });
    expect(second.services).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
  });

  it('takes a dataset over HTTP from staff, and refuses others, a non-JSON and a too large body in plain Dutch', async () => {
    const url = '/api/v1/directory/hsds-imports?source=Zwijndrecht-web';
    const worker = await loginAs(t.app, demoEmails.case_worker);
    const ok = await t.app.inject({ method: 'POST', url, headers: worker.headers, payload: brokenDataset() });
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json() as HsdsImportResult;
    expect(body.services).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 5 });
    expect(body.problems.find((p) => p.code === 'format')).toMatchObject({ path: '$.services[2].id', field: 'id', message: expect.stringContaining('uuid') });

    const creditor = await loginAs(t.app, demoEmails.creditor);
    expect((await t.app.inject({ method: 'POST', url, headers: creditor.headers, payload: brokenDataset() })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: brokenDataset() })).statusCode).toBe(401);

    const json = { ...worker.headers, 'content-type': 'application/json' };
    const notJson = await t.app.inject({ method: 'POST', url, headers: json, payload: 'dit is geen json' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toContain('application/problem+json');
    expect(notJson.json().detail).toBe('Dit bestand is geen JSON. Stuur een HSDS-bestand zoals de sociale kaart het zelf geeft.');
    const notHsds = await t.app.inject({ method: 'POST', url, headers: json, payload: { naam: 'kaart' } });
    expect(notHsds.json().detail).toMatch(/^Dit bestand is geen HSDS-bestand\./);
    const noSource = await t.app.inject({ method: 'POST', url: '/api/v1/directory/hsds-imports', headers: json, payload: brokenDataset() });
    expect(noSource.statusCode).toBe(400);

    const big = JSON.stringify({ services: [{ id: uuid(50), name: 'Groot', status: 'active', description: 'x'.repeat(1024 * 1024) }] });
    const tooLarge = await t.app.inject({ method: 'POST', url, headers: json, payload: big });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().detail).toBe('Het bericht is te groot. Hier kan ten hoogste 1 MB worden verstuurd.');
    expect(await search('groot')).toEqual([]);
  });
});
