import { operations } from './operations.js';

/** /core/version-header: every answer of every operation declares the `API-Version` header (the name in any case). */
export default function nlgovVersionHeader(paths, _options, context) {
  const results = [];
  for (const { path, method, operation, at } of operations(paths, context.path)) {
    for (const [code, response] of Object.entries(operation.responses ?? {})) {
      const headers = Object.keys(response?.headers ?? {}).map((name) => name.toLowerCase());
      if (!headers.includes('api-version')) {
        results.push({
          message: `Response ${code} of ${method.toUpperCase()} ${path} does not declare the API-Version header.`,
          path: [...at, 'responses', code],
        });
      }
    }
  }
  return results;
}
