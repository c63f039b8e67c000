import { operations } from './operations.js';

/**
 * /core/transport/no-sensitive-uris: no path or query parameter whose name says it carries sensitive data (options.names,
 * compared without case). `allow` lists the known exceptions as "METHOD path name", each explained in docs/api-rules.md.
 */
export default function nlgovSensitiveUris(paths, options, context) {
  const names = new Set((options?.names ?? []).map((name) => name.toLowerCase()));
  const allow = new Set(options?.allow ?? []);
  const results = [];
  for (const { path, method, parameters, at } of operations(paths, context.path)) {
    for (const parameter of parameters) {
      if (parameter?.in !== 'query' && parameter?.in !== 'path') continue;
      const name = String(parameter.name);
      if (!names.has(name.toLowerCase()) || allow.has(`${method.toUpperCase()} ${path} ${name}`)) continue;
      results.push({ message: `${method.toUpperCase()} ${path} puts "${name}" in the URI; send it in a body instead (for example POST .../_zoek).`, path: at });
    }
  }
  return results;
}
