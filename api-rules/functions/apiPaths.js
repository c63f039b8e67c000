/**
 * The paths of the document that a naming rule applies to, with the paths it names as exceptions left out:
 * `except` holds path prefixes that follow another standard (HSDS), `allow` exact paths kept for a reason.
 * Each exception is explained in docs/api-rules.md.
 */
export function apiPaths(paths, options) {
  const except = options?.except ?? [];
  const allow = new Set(options?.allow ?? []);
  return Object.keys(paths ?? {}).filter((path) => !allow.has(path) && !except.some((prefix) => path.startsWith(prefix)));
}
