// Vangnet as a client of an OpenID provider (the municipality's, or the DigiD broker), with openid-client:
// authorization code flow with PKCE (S256), state and nonce. openid-client checks the ID token: its signature
// against the provider's published keys (enableNonRepudiationChecks), issuer, audience (our client id), expiry,
// issued-at and nonce; and the answer's state and issuer (RFC 9207).
import * as client from 'openid-client';
import type { OidcClientConfig } from '../config.ts';
import { AppError } from './errors.ts';
import { ShortLivedStore } from './flash.ts';
import { oidcMessages } from './oidcMessages.ts';

/** What the login start remembers until the provider sends the browser back (one use, at most 10 minutes). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after a successful login (a checked local path). */
  back: string;
}

export interface VerifiedLogin {
  issuer: string;
  subject: string;
  /** The ID token's claims, with the user info endpoint's added where the provider has one. */
  claims: Record<string, unknown>;
  idToken: string;
}

/** Why a login at the provider did not succeed; the Dutch sentence for each is chosen in `oidcMessages.ts`. */
export type OidcFailure =
  | 'provider_unreachable'
  | 'login_expired'
  | 'provider_refused'
  | 'token_invalid'
  | 'no_matching_role'
  | 'not_provisioned'
  | 'account_inactive'
  | 'mapping_invalid'
  | 'no_bsn'
  | 'bsn_invalid';

/** A refused login: 401 with the sentence for its code; `detail` (the library's code) goes to the audit line. */
export class OidcLoginError extends AppError {
  constructor(
    readonly reason: OidcFailure,
    /** For the audit line: the library's code (e.g. `OAUTH_JWT_CLAIM_COMPARISON_FAILED`), never a message. */
    readonly detail?: string,
  ) {
    super(`oidc_${reason}`, 401, oidcMessages[reason]);
  }
}

/** A plain http issuer is accepted only on this machine (the tests' provider); anywhere else it must be https. */
function isLocal(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export class OidcClient {
  private configuration: Promise<client.Configuration> | null = null;
  private readonly pending = new ShortLivedStore<PendingLogin>(10 * 60_000);

  constructor(readonly settings: OidcClientConfig) {}

  /** The provider's metadata, fetched once; a failed discovery is tried again at the next login. */
  private async discover(): Promise<client.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // The ID token's signature is checked too, not only trusted because it came over TLS from the token endpoint.
      const execute = [client.enableNonRepudiationChecks, ...(isLocal(issuer) ? [client.allowInsecureRequests] : [])];
      const secret = this.settings.clientSecret;
      const auth = secret ? client.ClientSecretPost(secret) : client.None();
      return client.discovery(issuer, this.settings.clientId, undefined, auth, { execute });
    })();
    try {
      return await this.configuration;
    } catch (error) {
      this.configuration = null;
      throw new OidcLoginError('provider_unreachable', errorCode(error));
    }
  }

  /** Starts a login: the provider's address to send the browser to, and the key under which the checks are kept. */
  async start(back: string): Promise<{ url: string; key: string }> {
    const configuration = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, back };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, key: this.pending.put(pending) };
  }

  /**
   * Finishes a login from the provider's answer (the query string the browser came back with) and the key of the
   * pending login. The pending login is forgotten first, so a state can be used once: a replay finds nothing.
   */
  async finish(query: string, key: string | undefined): Promise<VerifiedLogin & { back: string }> {
    const pending = this.pending.get(key);
    this.pending.delete(key);
    if (!pending) throw new OidcLoginError('login_expired');
    const configuration = await this.discover();
    const currentUrl = new URL(this.settings.redirectUri);
    currentUrl.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const code = errorCode(error);
      throw new OidcLoginError(error instanceof client.AuthorizationResponseError ? 'provider_refused' : 'token_invalid', code);
    }
    const idClaims = tokens.claims();
    const idToken = tokens.id_token;
    if (!idClaims || !idToken) throw new OidcLoginError('token_invalid', 'no_id_token');
    let claims: Record<string, unknown> = { ...idClaims };
    if (configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (error) {
        throw new OidcLoginError('token_invalid', errorCode(error));
      }
    }
    return { issuer: String(idClaims.iss), subject: idClaims.sub, claims, idToken, back: pending.back };
  }

  /** The provider's logout address (RP-initiated logout), or null when it has no `end_session_endpoint`. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
    let configuration: client.Configuration;
    try {
      configuration = await this.discover();
    } catch {
      return null;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri, client_id: this.settings.clientId };
    if (idToken) parameters.id_token_hint = idToken;
    return client.buildEndSessionUrl(configuration, parameters).href;
  }
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, error: oauthError } = error as { code?: unknown; error?: unknown };
    if (typeof oauthError === 'string') return oauthError;
    if (typeof code === 'string') return code;
    if (error instanceof Error) return error.name;
  }
  return 'unknown';
}
