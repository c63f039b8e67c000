/**
 * The full version of the API (Semantic Versioning, NLGov /core/semver): `info.version` of the OpenAPI document and the
 * `API-Version` header of every `/api/` answer (/core/version-header). The major version is the `/api/v1` in the paths.
 */
export const API_VERSION = '1.0.0';

/** Answers under `/api/` say which version of the API gave them. */
export function isApiUrl(url: string): boolean {
  return url.startsWith('/api/');
}
