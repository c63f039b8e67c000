import { operations } from './operations.js';

const problemTypes = /^application\/problem\+(json|xml)$/;
const mustHave = ['status', 'title', 'detail'];

/**
 * /core/error-handling/problem-details: every operation documents its error answers, and every 4xx, 5xx or default
 * answer is `application/problem+json` (or `+xml`) whose schema has and requires `status`, `title` and `detail`.
 */
export default function nlgovProblemDetails(paths, _options, context) {
  const results = [];
  for (const { path, method, operation, at } of operations(paths, context.path)) {
    const errors = Object.entries(operation.responses ?? {}).filter(([code]) => /^([45](\d\d|XX)|default)$/.test(code));
    if (!errors.length) {
      results.push({ message: `${method.toUpperCase()} ${path} documents no error response.`, path: [...at, 'responses'] });
    }
    for (const [code, response] of errors) {
      const content = Object.entries(response?.content ?? {});
      if (!content.length)
        results.push({ message: `Response ${code} of ${method.toUpperCase()} ${path} documents no problem+json body.`, path: [...at, 'responses', code] });
      for (const [type, media] of content) {
        const where = [...at, 'responses', code, 'content', type];
        if (!problemTypes.test(type)) {
          results.push({ message: `Response ${code} of ${method.toUpperCase()} ${path} is ${type}, not application/problem+json.`, path: where });
          continue;
        }
        const schema = media?.schema ?? {};
        const missing = mustHave.filter((field) => !schema.properties?.[field] || !(schema.required ?? []).includes(field));
        if (missing.length) {
          results.push({
            message: `The problem schema of response ${code} of ${method.toUpperCase()} ${path} lacks (as required) ${missing.join(', ')}.`,
            path: where,
          });
        }
      }
    }
  }
  return results;
}
