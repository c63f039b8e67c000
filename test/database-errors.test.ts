import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { buildServer, type App } from '../src/http/server.ts';
import { systemActor } from '../src/platform/actor.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';

const BSN = '123456782';
const SURNAME = 'Zeldzaamnaam';

/** Database errors: a clear answer for people, and nothing of the query or its parameters in any log line. */
describe('database errors and the application log', () => {
  let base: TestApp;
  let app: App;
  let officer: Session;
  const lines: string[] = [];
  const log = () => lines.join('');

  beforeAll(async () => {
    base = await createTestApp();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildServer({ db: base.db, config: loadConfig({ VANGNET_LOG_LEVEL: 'info', VANGNET_LOGIN_RATE_PER_MINUTE: '10000' }), logStream: sink });
    // A route that fails inside the database with a resident's data as the query's parameters (as a bug would).
    app.get('/api/v1/test/failing-query', { config: { access: 'public' } }, async () =>
      base.db.audited(systemActor('test'), { action: 'read', objectType: 'person' }, (tx) =>
        tx.execute(sql`select * from no_such_table where surname = ${SURNAME} and bsn = ${BSN}`),
      ),
    );
    await app.ready();
    officer = await loginAs(app, demoEmails.signal_officer);
  });
  afterAll(async () => {
    await app?.close();
    await base?.close();
  });

  const person = { municipalityCode: 'GM0505', surname: SURNAME, bsn: BSN, birthDate: '1980-02-03', postcode: '3311 AB', houseNumber: '7' };

  it('answers a duplicate BSN with 409 in Dutch, naming the field, and logs neither the BSN nor the surname', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/v1/persons', headers: officer.headers, payload: person });
    expect(first.statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/api/v1/persons', headers: officer.headers, payload: { ...person, surname: 'Anders' } });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({
      status: 409,
      code: 'conflict',
      detail: 'Er staat in deze gemeente al een inwoner met dit BSN ingeschreven.',
      errors: [{ field: 'bsn', reason: 'Dit BSN is al vastgelegd.' }],
    });
    expect(again.body).not.toContain(BSN);
    expect(again.body).not.toMatch(/insert|persons_municipality_bsn_key|duplicate key/i);
    expect(log()).toContain('/api/v1/persons');
    expect(log()).not.toContain(BSN);
    expect(log()).not.toContain(SURNAME);
  });

  it('logs an unexpected database error with its code and stack frames, without the query or its parameters', async () => {
    const before = lines.length;
    const response = await app.inject({ method: 'GET', url: '/api/v1/test/failing-query' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'internal_error', detail: 'Probeer het later opnieuw.' });
    const written = lines.slice(before).join('');
    expect(written).toContain('request failed');
    expect(written).toContain('42P01');
    for (const secret of [BSN, SURNAME, 'no_such_table', 'select *']) expect(written).not.toContain(secret);
  });

  it('strips the query and parameters from what the Database hands back, whatever is done with it', async () => {
    const caught = (await base.db
      .audited(systemActor('test'), { action: 'read', objectType: 'person' }, (tx) => tx.execute(sql`select ${BSN}::int + ${SURNAME}::int`))
      .catch((e: unknown) => e)) as Error & { cause?: unknown };
    expect(caught).toBeInstanceOf(Error);
    const everything = [String(caught), caught.message, caught.stack, JSON.stringify(caught), String(caught.cause ?? '')].join('\n');
    expect(everything).not.toContain(BSN);
    expect(everything).not.toContain(SURNAME);
    const unaudited = (await base.db.unaudited((q) => q.execute(sql`select ${SURNAME}::date`)).catch((e: unknown) => e)) as Error;
    expect([String(unaudited), unaudited.stack, JSON.stringify(unaudited)].join('\n')).not.toContain(SURNAME);
  });

  it('never writes a message or a cause of an error into the log, even for an error that did not pass the Database', () => {
    const before = lines.length;
    const driver = Object.assign(new Error(`duplicate key value violates unique constraint; Key (bsn)=(${BSN}) already exists.`), { code: '23505' });
    app.log.error({ err: new DrizzleQueryError('insert into "persons" ("surname", "bsn") values ($1, $2)', [SURNAME, BSN], driver) }, 'request failed');
    const written = lines.slice(before).join('');
    expect(written).toContain('request failed');
    expect(written).not.toContain(BSN);
    expect(written).not.toContain(SURNAME);
  });
});
