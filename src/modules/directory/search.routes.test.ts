import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { directoryModule } from './module.ts';

// Monday 1 March 2027, 10:00 in Dordrecht.
const clock = new FakeClock('2027-03-01T09:00:00Z');

type Item = { code: string; name: string; distanceKm?: number | null };
type Result = { items: Item[]; origin?: { pc4: string; place: string } };

describe('the social map finds help near a postcode, and by the words residents use', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    await directoryModule.seedDemo!(t.db, t.config);
  });
  afterAll(() => t?.close());

  const search = async (query: string) => {
    const response = await t.app.inject({ url: `/api/v1/directory/services?${query}` });
    return { status: response.statusCode, body: response.json() as Result & { errors?: { field: string; reason: string }[] } };
  };

  it('sorts by distance from the postcode, nearest first, with the distance in kilometres', async () => {
    const wielwijk = await search('postcode=3315&theme=money');
    expect(wielwijk.status).toBe(200);
    expect(wielwijk.body.origin).toEqual({ pc4: '3315', place: 'Dordrecht' });
    const placed = wielwijk.body.items.filter((i) => i.distanceKm !== null);
    // The walk-in hour in Wijkcentrum Wielwijk is within half a kilometre; the city centre is further away.
    expect(placed[0]!.distanceKm!).toBeLessThan(0.5);
    expect(placed.find((i) => i.code === 'swt-wijkteam')!.distanceKm!).toBeLessThan(0.5);
    expect(placed.find((i) => i.code === 'bsr-spreekuur')!.distanceKm!).toBeGreaterThan(2);
    const distances = placed.map((i) => i.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // Help by phone or online has no distance and comes after every placed service.
    const firstUnplaced = wielwijk.body.items.findIndex((i) => i.distanceKm === null);
    expect(firstUnplaced).toBeGreaterThan(0);
    expect(wielwijk.body.items.slice(firstUnplaced).every((i) => i.distanceKm === null)).toBe(true);

    // From Dubbeldam the order changes: De Staart (Your Healthspot) is nearer than Wielwijk.
    const dubbeldam = await search('postcode=3319AB');
    const order = dubbeldam.body.items.map((i) => i.code);
    expect(dubbeldam.body.origin!.pc4).toBe('3319');
    expect(order.indexOf('your-healthspot-leefstijl')).toBeLessThan(order.indexOf('swt-wijkteam'));
    const wielwijkOrder = (await search('postcode=3315')).body.items.map((i) => i.code);
    expect(wielwijkOrder.indexOf('your-healthspot-leefstijl')).toBeGreaterThan(wielwijkOrder.indexOf('swt-wijkteam'));
  });

  it('refuses a malformed postcode and one outside the known areas, each with a Dutch sentence for the field', async () => {
    const malformed = await search('postcode=33A1');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'postcode', reason: 'Vul een postcode in zoals 3311 of 3311 AB.' }]);
    const elsewhere = await search('postcode=1012AB');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors![0]!.reason).toContain('ligt niet in de Drechtsteden');
  });

  it('finds the food bank for "voedselbank" and debt help for "huurachterstand", words not in their texts', async () => {
    const food = await search('q=voedselbank');
    expect(food.body.items.map((i) => i.code)).toEqual(['voedselhulp-pakket']);
    const rent = (await search('q=huurachterstand')).body.items.map((i) => i.code);
    expect(rent).toContain('sdd-schuldhulp');
    expect(rent).toContain('shm-maatje');
    expect(rent).not.toContain('nibud-geldtools');
  });

  it('shows the distance in Dutch on the page without JavaScript, and a wrong postcode next to the field', async () => {
    const page = await t.app.inject({ url: '/hulp?q=schulden&postcode=3315+AB' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Afstand: \d+,\d km/);
    expect(page.body).toContain('postcodegebied 3315 (Dordrecht)');
    expect(page.body).toContain('value="3315 AB"');
    const wrong = await t.app.inject({ url: '/hulp?q=schulden&postcode=999' });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('<p class="vn-field-error" id="f-postcode-error">Vul een postcode in zoals 3311 of 3311 AB.</p>');
    expect(wrong.body).toContain('aria-invalid="true"');
    expect(wrong.body).not.toContain('Afstand:');
    expect(wrong.body).toContain('Schuldhulpverlening'); // the results still show, without distances
  });

  it('lets directory staff maintain synonyms (audited), and refuses others and a taken word', async () => {
    const worker = await loginAs(t.app, demoEmails.case_worker);
    const creditor = await loginAs(t.app, demoEmails.creditor);
    expect((await t.app.inject({ url: '/api/v1/directory/synonyms' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/directory/synonyms', headers: creditor.headers })).statusCode).toBe(403);
    const list = (await t.app.inject({ url: '/api/v1/directory/synonyms', headers: worker.headers })).json() as { items: { term: string }[] };
    expect(list.items.map((s) => s.term)).toContain('voedselbank');

    expect((await search('q=geldstress')).body.items.map((i) => i.code)).toEqual(['jongerenwerk-fix-up-your-life']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/synonyms',
      headers: worker.headers,
      payload: { term: 'Geldstress', synonyms: 'geldzorgen, schulden' },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect(created.json()).toMatchObject({ term: 'geldstress', synonyms: ['geldzorgen', 'schulden'] });
    expect((await search('q=geldstress')).body.items.length).toBeGreaterThan(3);

    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/synonyms',
      headers: worker.headers,
      payload: { term: 'geldstress', synonyms: ['geld'] },
    });
    expect(taken.statusCode).toBe(409);
    expect((taken.json() as { errors: { field: string }[] }).errors[0]!.field).toBe('term');
    const empty = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/directory/synonyms/${id}`,
      headers: worker.headers,
      payload: { term: 'geldstress', synonyms: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as { errors: { field: string }[] }).errors[0]!.field).toBe('body.synonyms');

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/directory/synonyms/${id}`, headers: worker.headers })).statusCode).toBe(204);
    expect((await search('q=geldstress')).body.items.map((i) => i.code)).toEqual(['jongerenwerk-fix-up-your-life']);
    const admin = await loginAs(t.app, demoEmails.admin);
    const audit = await t.app.inject({ url: '/api/v1/audit-events?objectType=directory_synonym', headers: admin.headers });
    const actions = (audit.json() as { items: { action: string; objectId: string }[] }).items.filter((e) => e.objectId === id).map((e) => e.action);
    expect(actions.sort()).toEqual(['create', 'delete']);
  });

  it('lets staff change a place position (range checked in Dutch), and loads PC4 centre points from a CSV', async () => {
    const worker = await loginAs(t.app, demoEmails.case_worker);
    const { locations } = (await t.app.inject({ url: '/api/v1/directory/organizations' })).json() as {
      locations: { id: string; code: string; name: string; address: string; postcode: string; city: string; latitude: number | null }[];
    };
    const staart = locations.find((l) => l.code === 'wijkcentrum-de-staart')!;
    expect(staart.latitude).toBeCloseTo(51.8095, 4);
    const place = { name: staart.name, address: staart.address, postcode: staart.postcode, city: staart.city, meetingPlace: true };
    const wrong = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/directory/locations/${staart.id}`,
      headers: worker.headers,
      payload: { ...place, latitude: '518', longitude: '4,69' },
    });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as { errors: { field: string; reason: string }[] }).errors).toEqual([
      { field: 'body.latitude', reason: 'De breedtegraad ligt tussen -90 en 90 graden, bijvoorbeeld 51,8133.' },
    ]);
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/directory/locations/${staart.id}`,
      headers: worker.headers,
      payload: { ...place, latitude: '51,7976', longitude: '4,6471' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ latitude: 51.7976, longitude: 4.6471 });

    const csv = 'pc4;plaats;latitude;longitude\n3311;Dordrecht;51,8128;4,662\n1012;Amsterdam;52,3731;4,8926\n';
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/directory/postcode-centres',
      headers: { ...worker.headers, 'content-type': 'text/csv' },
      payload: 'pc4;latitude;longitude\n3311;51,8;4,66\nabc;51,8;4,66\n',
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { line: number; field: string }[] }).errors).toEqual([
      { line: 3, field: 'pc4', reason: 'Een postcodegebied is vier cijfers, bijvoorbeeld 3311.' },
    ]);
    const loaded = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/directory/postcode-centres',
      headers: { ...worker.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toEqual({ areas: 2 });
    // The loaded table replaces the built-in set: Amsterdam is known now, Wielwijk no longer.
    expect((await search('postcode=1012AB')).body.origin).toEqual({ pc4: '1012', place: 'Amsterdam' });
    expect((await search('postcode=3315')).status).toBe(400);
  });
});
