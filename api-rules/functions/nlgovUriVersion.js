/**
 * /core/uri-version: the address of every operation (server URL + path) holds the major version as a segment `v<major>`,
 * the same major as `info.version`, and never the minor or patch version.
 */
export default function nlgovUriVersion(document, _options, context) {
  const major = String(document?.info?.version ?? '').split('.')[0];
  const results = [];
  const servers = (document?.servers ?? []).map((server) => server?.url ?? '');
  for (const [i, url] of servers.entries()) {
    if (/\/v\d+\.\d+/.test(url)) results.push({ message: `Server ${url} names more than the major version.`, path: [...context.path, 'servers', i, 'url'] });
  }
  const serverPaths = servers.length ? servers.map((url) => url.replace(/^[a-z]+:\/\/[^/]*/i, '')) : [''];
  for (const path of Object.keys(document?.paths ?? {})) {
    for (const base of serverPaths) {
      const segments = `${base}${path}`.split('/');
      if (segments.some((s) => /^v\d+\.\d+/.test(s))) {
        results.push({ message: `Path ${path} names more than the major version.`, path: [...context.path, 'paths', path] });
      } else if (!segments.includes(`v${major}`)) {
        results.push({ message: `Address ${base}${path} does not hold the major version v${major}.`, path: [...context.path, 'paths', path] });
      }
    }
  }
  return results;
}
