import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { directoryModule } from './module.ts';

// Wednesday 9 June 2021, 10:00 in Dordrecht (08:00 UTC): the Adviespunt scheiding holds its weekly hour.
const clock = new FakeClock('2021-06-09T08:00:00Z');

describe('directory over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    await directoryModule.seedDemo!(t.db, t.config);
    await directoryModule.seedDemo!(t.db, t.config); // twice changes nothing
  });
  afterAll(() => t?.close());

  it('lists the demo services once each, and filters entrepreneurs to the Ondernemersloket', async () => {
    const all = (await t.app.inject({ url: '/api/v1/directory/services' })).json() as { items: { code: string; name: string }[] };
    const codes = all.items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [
      'sdd-ondernemersloket',
      'swt-wijkteam',
      'humanitas-thuisadministratie',
      'shm-maatje',
      'bsr-spreekuur',
      'fhh-spreekuur',
      'adviespunt-scheiding',
      'jongerenwerk-fix-up-your-life',
      'nibud-voor-boven-de-18',
      'your-healthspot-leefstijl',
      'sociale-basis-mobiel-spreekuur',
    ]) {
      expect(codes).toContain(code);
    }
    const ent = (await t.app.inject({ url: '/api/v1/directory/services?audience=entrepreneurs&theme=money' })).json() as { items: { code: string }[] };
    expect(ent.items.map((i) => i.code)).toContain('sdd-ondernemersloket');
    expect(ent.items.map((i) => i.code)).not.toContain('swt-wijkteam');
  });

  it('finds what is open right now in Amsterdam time', async () => {
    const now = (await t.app.inject({ url: '/api/v1/directory/services?when=now' })).json() as { items: { code: string }[] };
    expect(now.items.map((i) => i.code).sort()).toEqual(['adviespunt-scheiding', 'sdd-schuldhulp']);
  });

  it('exports the map as HSDS with organizations, services, schedules and locations', async () => {
    const response = await t.app.inject({ url: '/api/v1/directory/hsds' });
    expect(response.statusCode).toBe(200);
    type Schedule = { byday: string; opens_at: string; notes?: string };
    const hsds = response.json() as {
      organizations: { id: string; name: string }[];
      services: { organization_id: string; name: string; schedules: Schedule[]; service_at_locations: { schedules: Schedule[] }[] }[];
      locations: { id: string; addresses: { postal_code: string }[] }[];
    };
    expect(hsds.organizations.map((o) => o.name)).toContain('Bureau Sociaal Raadslieden');
    const orgIds = new Set(hsds.organizations.map((o) => o.id));
    expect(hsds.services.every((s) => orgIds.has(s.organization_id))).toBe(true);
    // An hour at a place belongs to the service at that place; an hour by phone to the service itself.
    const hours = (s: (typeof hsds.services)[number]) => [...s.schedules, ...s.service_at_locations.flatMap((l) => l.schedules)];
    const bsr = hsds.services.find((s) => s.name === 'Spreekuur Sociaal Raadslieden')!;
    expect(hours(bsr).map((s) => `${s.byday} ${s.opens_at}`)).toEqual(['MO 09:00', 'WE 13:30', 'TH 18:30']);
    const mobile = hsds.services.find((s) => s.name === 'Mobiel spreekuur geldzorgen')!;
    expect(hours(mobile).length).toBeGreaterThan(0);
    expect(hours(mobile).every((s) => s.notes === 'mobiel spreekuur')).toBe(true);
    expect(hsds.locations.find((l) => l.addresses[0]!.postal_code === '3314 GD')).toBeTruthy();
  });

  it('serves the public search page as plain HTML with escaped input and no script', async () => {
    const response = await t.app.inject({ url: '/hulp?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&thema=money' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('lang="nl"');
    expect(response.body).not.toContain('<script');
    expect(response.body).toContain('&lt;script&gt;');
    const wielwijk = await t.app.inject({ url: '/hulp?wijk=WK050504&thema=money' });
    expect(wielwijk.body).toContain('Sociaal Wijkteam: inloopspreekuur');
    expect(wielwijk.body).not.toContain('Spreekuur Sociaal Raadslieden');
  });

  it('shows a detail page with consultation hours, and a 404 page for an unknown id', async () => {
    const all = (await t.app.inject({ url: '/api/v1/directory/services?q=raadslieden' })).json() as { items: { id: string }[] };
    const page = await t.app.inject({ url: `/hulp/${all.items[0]!.id}` });
    expect(page.body).toContain('maandag 09:00–12:00'.replace('12:00', '11:30'));
    expect(page.body).toContain('donderdag 18:30–20:30');
    const adviespunt = (await t.app.inject({ url: '/api/v1/directory/services?q=adviespunt' })).json() as { items: { id: string }[] };
    expect((await t.app.inject({ url: `/hulp/${adviespunt.items[0]!.id}` })).body).toContain(
      'woensdag 09:00–11:00, Consultatiebureau Brouwersdijk (Brouwersdijk 100) · Wekelijks spreekuur · vanaf 1 juni 2021',
    );
    const missing = await t.app.inject({ url: '/hulp/00000000-0000-0000-0000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('bestaat niet');
  });

  it('lets staff with directory:edit change an entry, refuses others, and audits the change', async () => {
    const [entry] = ((await t.app.inject({ url: '/api/v1/directory/services?q=thuisadministratie' })).json() as { items: Record<string, unknown>[] }).items;
    const body = {
      name: 'Thuisadministratie',
      description: 'Een vrijwilliger helpt u thuis met post en geld. Nu ook op zaterdag.',
      audiences: ['residents'],
      themes: ['money'],
      helpKind: 'volunteer',
      phone: '078 000 30 99',
      email: null,
      url: null,
      howToApply: 'Bel ons.',
      active: true,
      schedules: [{ weekday: 6, opensAt: '10:00', closesAt: '12:00', mobile: false, note: '' }],
    };
    const creditor = await loginAs(t.app, demoEmails.creditor);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/directory/services/${entry!.id}`, headers: creditor.headers, payload: body })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/directory/services/${entry!.id}`, payload: body })).statusCode).toBe(401);
    const worker = await loginAs(t.app, demoEmails.case_worker);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/directory/services/${entry!.id}`,
      headers: worker.headers,
      payload: { ...body, schedules: [{ weekday: 6, opensAt: '12:00', closesAt: '10:00' }] },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'PUT', url: `/api/v1/directory/services/${entry!.id}`, headers: worker.headers, payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '078 000 30 99', schedules: [{ weekday: 6, opensAt: '10:00' }] });
    const page = await t.app.inject({ url: `/hulp/${entry!.id}` });
    expect(page.body).toContain('zaterdag 10:00–12:00');
    const admin = await loginAs(t.app, demoEmails.admin);
    const audit = await t.app.inject({ url: '/api/v1/audit-events?objectType=directory_service', headers: admin.headers });
    expect(audit.body).toContain(String(entry!.id));
  });

  it('lets staff add a service to an organisation on the map, and refuses an unknown organisation', async () => {
    const manager = await loginAs(t.app, demoEmails.programme_manager);
    const { organizations } = (await t.app.inject({ url: '/api/v1/directory/organizations' })).json() as { organizations: { id: string; code: string }[] };
    const buurtwerk = organizations.find((o) => o.code === 'BUURTWERK')!;
    const body = {
      name: 'Geldcafé De Staart',
      description: 'Elke week koffie en hulp bij brieven over geld.',
      audiences: ['residents'],
      themes: ['money'],
      helpKind: 'volunteer',
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/services',
      headers: manager.headers,
      payload: { ...body, organizationId: buurtwerk.id },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Geldcafé De Staart', organization: { code: 'BUURTWERK' } });
    expect((created.json() as { code: string }).code).toMatch(/^buurtwerk-geldcafe-de-staart-[0-9a-f]{6}$/);
    const found = (await t.app.inject({ url: '/api/v1/directory/services?q=geldcafe' })).json() as { items: { name: string }[] };
    expect(found.items.map((i) => i.name)).toEqual(['Geldcafé De Staart']);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/services',
      headers: manager.headers,
      payload: { ...body, organizationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('lets staff add a meeting place; the wijk follows from the postcode; a bad postcode is refused', async () => {
    const worker = await loginAs(t.app, demoEmails.case_worker);
    const { organizations } = (await t.app.inject({ url: '/api/v1/directory/organizations' })).json() as { organizations: { id: string; code: string }[] };
    const basis = organizations.find((o) => o.code === 'SOCIALE-BASIS')!;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/locations',
      headers: worker.headers,
      payload: { organizationId: basis.id, name: 'Buurthuis De Staart', address: 'Staartweg 9', postcode: '3325ab', meetingPlace: true },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ postcode: '3325 AB', areaCode: 'WK050510', meetingPlace: true, city: 'Dordrecht' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/locations',
      headers: worker.headers,
      payload: { organizationId: basis.id, name: 'X plek', address: 'Weg 1', postcode: '33' },
    });
    expect(bad.statusCode).toBe(400);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/locations',
      payload: { organizationId: basis.id, name: 'X plek', address: 'Weg 1', postcode: '3325 AB' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
