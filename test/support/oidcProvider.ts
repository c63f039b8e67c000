// A real OpenID Provider for the tests: oidc-provider on 127.0.0.1, port 0 (ephemeral), with Vangnet's two clients
// (staff, DigiD broker), test accounts whose claims the test chooses, and a scripted browser that logs in through
// the provider's own (development) interaction pages without a human. No network beyond this machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider, { type ClientMetadata } from 'oidc-provider';
import type { App } from '../../src/http/server.ts';

export const STAFF_CLIENT = { id: 'vangnet-medewerkers', secret: 'geheim-voor-de-test-medewerkers-0123456789' };
export const DIGID_CLIENT = { id: 'vangnet-digid', secret: 'geheim-voor-de-test-digid-0123456789abcdef' };
export const PUBLIC_URL = 'http://localhost:3000';

/** How the provider's token answer is spoiled on its way out (the ID token signed again), or not at all. */
export type Tamper = null | 'wrong-key' | 'wrong-audience' | 'expired';

export interface TestProvider {
  issuer: string;
  /** Account id → the claims the provider gives it (sub is the id). */
  accounts: Map<string, Record<string, unknown>>;
  tamper: Tamper;
  /** The staff client's settings as environment variables for `createTestApp`. */
  staffEnv(extra?: Record<string, string>): Record<string, string>;
  digidEnv(extra?: Record<string, string>): Record<string, string>;
  /** Requests that reached the provider, by path (e.g. `/session/end`). */
  seen: string[];
  close(): Promise<void>;
}

/** `publicUrl`: Vangnet's public address the provider sends the browser back to (a browser test's own server). */
export async function startTestProvider(publicUrl = PUBLIC_URL): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const { privateKey: foreignKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'sleutel-1';
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, Record<string, unknown>>();
  const client = (c: { id: string; secret: string }, callback: string): ClientMetadata => ({
    client_id: c.id,
    client_secret: c.secret,
    redirect_uris: [`${publicUrl}${callback}`],
    post_logout_redirect_uris: [`${publicUrl}/login`, `${publicUrl}/`],
    token_endpoint_auth_method: 'client_secret_post',
    response_types: ['code'],
    grant_types: ['authorization_code'],
  });
  const provider = new Provider(issuer, {
    clients: [client(STAFF_CLIENT, '/login/oidc/terug'), client(DIGID_CLIENT, '/inloggen/digid/terug')],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-sleutel'] },
    scopes: ['openid', 'email', 'profile', 'groups', 'digid'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'], digid: ['bsn', 'kvk'] },
    pkce: { required: () => true, methods: ['S256'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: async (_ctx, id) => {
      const claims = accounts.get(id);
      return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
    },
  });
  const state: TestProvider = {
    issuer,
    accounts,
    tamper: null,
    seen: [],
    staffEnv: (extra = {}) => ({
      VANGNET_PUBLIC_URL: publicUrl,
      VANGNET_OIDC_ISSUER: issuer,
      VANGNET_OIDC_NAME: 'Dordrecht Account',
      VANGNET_OIDC_CLIENT_ID: STAFF_CLIENT.id,
      VANGNET_OIDC_CLIENT_SECRET: STAFF_CLIENT.secret,
      VANGNET_OIDC_SCOPES: 'openid email profile groups',
      ...extra,
    }),
    digidEnv: (extra = {}) => ({
      VANGNET_PUBLIC_URL: publicUrl,
      VANGNET_DIGID_ISSUER: issuer,
      VANGNET_DIGID_CLIENT_ID: DIGID_CLIENT.id,
      VANGNET_DIGID_CLIENT_SECRET: DIGID_CLIENT.secret,
      VANGNET_DIGID_SCOPES: 'openid digid',
      ...extra,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  provider.use(async (ctx, next) => {
    state.seen.push(ctx.path);
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || !state.tamper || !body?.id_token) return;
    const claims = decodeJwt(body.id_token);
    const now = Math.floor(Date.now() / 1000);
    if (state.tamper === 'wrong-audience') claims.aud = 'een-andere-dienst';
    if (state.tamper === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
    const key = state.tamper === 'wrong-key' ? foreignKey : privateKey;
    body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  });
  handler = provider.callback();
  return state;
}

/** A cookie jar for the provider's origin, so its login session carries from one page to the next. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The app's cookies as the browser keeps them for Vangnet's origin. */
export type AppCookies = Map<string, string>;

function appCookieHeader(cookies: AppCookies): string {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function appGet(app: App, url: string, cookies: AppCookies) {
  const response = await app.inject({ method: 'GET', url, headers: { cookie: appCookieHeader(cookies) } });
  for (const c of response.cookies) {
    if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
    else cookies.set(c.name, c.value);
  }
  return response;
}

/**
 * A browser without a human: starts the login at Vangnet (`startPath`), follows the provider's redirects, logs in
 * as `account` on the provider's login page and agrees on its consent page, and stops at Vangnet's callback.
 * Returns the callback's path with its query (not yet sent to Vangnet) and the browser's state.
 */
export async function loginAtProvider(app: App, startPath: string, account: string, cookies: AppCookies = new Map()) {
  const start = await appGet(app, startPath, cookies);
  if (start.statusCode !== 303) throw new Error(`login start answered ${start.statusCode}`);
  const jar = new Jar();
  let url = String(start.headers.location);
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(PUBLIC_URL)) return { callback: url.slice(PUBLIC_URL.length), cookies, jar };
    const page = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(page);
    if (page.status >= 300 && page.status < 400) {
      url = new URL(page.headers.get('location')!, url).href;
      continue;
    }
    const text = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(text)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(text)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page ${page.status}: ${text.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: account, password: 'x' } : { prompt });
    const posted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    jar.take(posted);
    url = new URL(posted.headers.get('location') ?? url, url).href;
  }
  throw new Error('login did not come back to Vangnet');
}

/** Sends the provider's answer to Vangnet's callback, as the browser would after the provider's redirect. */
export function followCallback(app: App, callback: string, cookies: AppCookies) {
  return appGet(app, callback, cookies);
}

/** Confirms the provider's own logout page (its form with the xsrf token) and answers where the provider sends us. */
export async function confirmLogoutAtProvider(endSessionUrl: string, jar: Jar): Promise<string | null> {
  const page = await fetch(endSessionUrl, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(page);
  const text = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(text)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(text)?.[1];
  if (!action || !xsrf) throw new Error(`unexpected logout page ${page.status}: ${text.slice(0, 300)}`);
  const confirmed = await fetch(new URL(action, endSessionUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }),
  });
  return confirmed.headers.get('location');
}

export type { Jar };
