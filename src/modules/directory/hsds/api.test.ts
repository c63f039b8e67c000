import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { directoryModule } from '../module.ts';
import { checkHsdsList, checkHsdsObject, checkUniqueIds, type ObjectType, type Violation } from './conformance.ts';

const clock = new FakeClock('2021-06-09T08:00:00Z');
type Page = { total_items: number; total_pages: number; page_number: number; size: number; first_page: boolean; last_page: boolean; empty: boolean };
type Item = { id: string; name?: string } & Record<string, unknown>;

describe('the HSDS API and export follow the HSDS 3.0 rules', () => {
  let t: TestApp;
  const get = async (url: string) => {
    const response = await t.app.inject({ url: `/api/v1/hsds${url}` });
    expect(response.statusCode, url).toBe(200);
    return response.json() as Page & { contents: Item[] } & Item;
  };
  /** Every page of a listing, each item checked; the ids seen. */
  const checkListing = async (url: string, type: ObjectType) => {
    const first = await get(`${url}${url.includes('?') ? '&' : '?'}per_page=5`);
    const items: Item[] = [...first.contents];
    for (let p = 2; p <= first.total_pages; p++) items.push(...(await get(`${url}${url.includes('?') ? '&' : '?'}per_page=5&page=${p}`)).contents);
    expect(items.length).toBe(first.total_items);
    expect(checkHsdsList(type, items, url)).toEqual([]);
    expect(checkUniqueIds(items, url)).toEqual([]);
    return items;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await directoryModule.seedDemo!(t.db, t.config);
  });
  afterAll(() => t?.close());

  it('answers the root with the version and where the OpenAPI document is', async () => {
    const root = await get('/');
    expect(root.version).toBe('3.0');
    expect(root.openapi_url).toMatch(/^http.*\/api\/v1\/openapi\.json$/);
  });

  it('lists services, organisations and services at a place, page by page, every object conforming (list and full)', async () => {
    for (const full of ['', '?full=true']) {
      const services = await checkListing(`/services${full}`, 'service');
      expect(services.map((s) => s.name)).toContain('Spreekuur Sociaal Raadslieden');
      const organizations = await checkListing(`/organizations${full}`, 'organization');
      expect(organizations.map((o) => o.name)).toContain('Bureau Sociaal Raadslieden');
      const links = await checkListing(`/service_at_locations${full}`, 'service_at_location');
      expect(links.length).toBeGreaterThan(5);
    }
    await checkListing('/organizations?full_service=true', 'organization');
  });

  it('gives every service, organisation and service at a place by its id, fully nested and conforming', async () => {
    const problems: Violation[] = [];
    for (const [list, type] of [
      ['/services', 'service'],
      ['/organizations', 'organization'],
      ['/service_at_locations', 'service_at_location'],
    ] as const) {
      const { contents } = await get(`${list}?per_page=1000`);
      for (const item of contents) {
        const one = await get(`${list}/${item.id}`);
        expect(one.id).toBe(item.id);
        problems.push(...checkHsdsObject(type, one, `${list}/${item.id}`));
      }
    }
    expect(problems).toEqual([]);
    const bsr = (await get('/services?search=sociaal%20raadslieden')).contents[0]!;
    const full = await get(`/services/${bsr.id}`);
    const links = full.service_at_locations as { schedules: { byday: string; opens_at: string }[]; location: { addresses: unknown[] } }[];
    expect(links.flatMap((l) => l.schedules.map((s) => `${s.byday} ${s.opens_at}`)).sort()).toEqual(['MO 09:00', 'TH 18:30', 'WE 13:30']);
    expect(links[0]!.location.addresses).toHaveLength(1);
  });

  it('lists the taxonomy and its terms, conforming, with the top terms and their children', async () => {
    const [taxonomy] = await checkListing('/taxonomies', 'taxonomy');
    const terms = await checkListing('/taxonomy_terms', 'taxonomy_term');
    expect(terms.every((term) => term.taxonomy_id === taxonomy!.id)).toBe(true);
    const top = (await get('/taxonomy_terms?top_only=true&per_page=100')).contents;
    expect(top.map((term) => term.name)).toEqual(['Onderwerp', 'Voor wie', 'Soort hulp', 'Ontmoetingsplek']);
    const themes = (await get(`/taxonomy_terms?parent_id=${top[0]!.id}`)).contents;
    expect(themes.map((term) => term.name)).toContain('Geld en schulden');
    expect(checkHsdsObject('taxonomy_term', await get(`/taxonomy_terms/${themes[0]!.id}`))).toEqual([]);
    expect(checkHsdsObject('taxonomy', await get(`/taxonomies/${taxonomy!.id}`))).toEqual([]);
  });

  it('filters services by term, taxonomy, organisation, text and change date', async () => {
    const terms = (await get('/taxonomy_terms?search=ondernemers')).contents;
    const forEntrepreneurs = (await get(`/services?taxonomy_term_id=${terms[0]!.id}`)).contents.map((s) => s.name);
    expect(forEntrepreneurs).toContain('Ondernemersloket');
    expect(forEntrepreneurs).not.toContain('Sociaal Wijkteam: inloopspreekuur');
    const all = await get('/services');
    expect((await get('/services?taxonomy_id=00000000-0000-4000-8000-000000000000')).empty).toBe(true);
    const taxonomy = (await get('/taxonomies')).contents[0]!;
    expect((await get(`/services?taxonomy_id=${taxonomy.id}`)).total_items).toBe(all.total_items);
    const org = (await get('/organizations?search=raadslieden')).contents[0]!;
    const ofOrg = await get(`/services?organization_id=${org.id}`);
    expect(ofOrg.contents.map((s) => s.organization_id)).toEqual(ofOrg.contents.map(() => org.id));
    expect(ofOrg.total_items).toBeGreaterThan(0);
    expect((await get('/service_at_locations?organization_id=00000000-0000-4000-8000-000000000000')).empty).toBe(true);
    expect((await get('/services?search=geldzorgen')).contents.map((s) => s.name)).toContain('Mobiel spreekuur geldzorgen');
    expect((await get('/services?modified_after=2999-01-01T00:00:00Z')).empty).toBe(true);
    expect((await get('/services?modified_after=2000-01-01T00:00:00Z')).total_items).toBe(all.total_items);
  });

  it('pages as the spec describes', async () => {
    const first = await get('/services?per_page=4');
    expect(first).toMatchObject({ page_number: 1, size: 4, first_page: true, last_page: false, empty: false });
    expect(first.total_pages).toBe(Math.ceil(first.total_items / 4));
    const last = await get(`/services?per_page=4&page=${first.total_pages}`);
    expect(last.last_page).toBe(true);
    expect(last.first_page).toBe(false);
    const beyond = await get(`/services?per_page=4&page=${first.total_pages + 1}`);
    expect(beyond).toMatchObject({ empty: true, size: 0, contents: [] });
  });

  it('answers 404 for an unknown id and 400 for a bad page', async () => {
    for (const url of ['/services/onbekend', '/organizations/00000000-0000-4000-8000-000000000000', '/service_at_locations/x', '/taxonomy_terms/x']) {
      expect((await t.app.inject({ url: `/api/v1/hsds${url}` })).statusCode, url).toBe(404);
    }
    expect((await t.app.inject({ url: '/api/v1/hsds/services?page=0' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/hsds/services?modified_after=gisteren' })).statusCode).toBe(400);
  });

  it('exports the whole map with every object conforming and ids stable between exports', async () => {
    const load = async () => (await t.app.inject({ url: '/api/v1/directory/hsds' })).json() as Record<string, Item[]>;
    const doc = await load();
    const problems = [
      ...checkHsdsList('service', doc.services!, '$.services'),
      ...checkHsdsList('organization', doc.organizations!, '$.organizations'),
      ...checkHsdsList('location', doc.locations!, '$.locations'),
      ...checkHsdsList('taxonomy', doc.taxonomies!, '$.taxonomies'),
      ...checkHsdsList('taxonomy_term', doc.taxonomy_terms!, '$.taxonomy_terms'),
      ...checkUniqueIds(doc.services!, '$.services'),
      ...checkUniqueIds(doc.locations!, '$.locations'),
    ];
    expect(problems).toEqual([]);
    expect(doc.services!.length).toBeGreaterThan(10);
    expect(JSON.stringify(doc.services)).not.toContain('null');
    const again = await load();
    expect(again.services).toEqual(doc.services);
  });
});
