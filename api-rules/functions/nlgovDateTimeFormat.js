/**
 * /core/date-time/format: a field whose name says it holds a date or a moment (`...Date`, `...At`, `...datum`) is a
 * string with the OpenAPI format `date`, `date-time` or `time-local` (for a time of day). Looks through every schema
 * of every parameter, request body and response.
 */
const temporal = /(Date|At|datum)$/;
const formats = new Set(['date', 'date-time', 'time-local']);

export default function nlgovDateTimeFormat(paths, _options, context) {
  const results = [];
  const seen = new Set();
  const visit = (schema, name, at, depth) => {
    if (!schema || typeof schema !== 'object' || depth > 40) return;
    if (name && temporal.test(name) && schema.type === 'string' && !formats.has(schema.format)) {
      const key = `${at.join('.')}`;
      if (!seen.has(key)) {
        seen.add(key);
        results.push({ message: `Field "${name}" is a date or time without format date, date-time or time-local.`, path: at });
      }
    }
    for (const [key, property] of Object.entries(schema.properties ?? {})) visit(property, key, [...at, 'properties', key], depth + 1);
    if (schema.items) visit(schema.items, name, [...at, 'items'], depth + 1);
    for (const combiner of ['anyOf', 'oneOf', 'allOf']) {
      (schema[combiner] ?? []).forEach((part, i) => visit(part, name, [...at, combiner, i], depth + 1));
    }
  };
  for (const [path, item] of Object.entries(paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      const at = [...context.path, path, method];
      (operation.parameters ?? []).forEach((p, i) => visit(p?.schema, p?.name, [...at, 'parameters', i, 'schema'], 0));
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
        visit(media?.schema, '', [...at, 'requestBody', 'content', type, 'schema'], 0);
      for (const [code, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response?.content ?? {})) visit(media?.schema, '', [...at, 'responses', code, 'content', type, 'schema'], 0);
      }
    }
  }
  return results;
}
