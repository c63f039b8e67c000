import { operations } from './operations.js';

/** /core/error-handling/invalid-input: an operation that takes query parameters or a body documents the 400 answer for invalid input. */
export default function nlgovInvalidInput(paths, _options, context) {
  return operations(paths, context.path)
    .filter(({ operation, parameters }) => operation.requestBody || parameters.some((p) => p?.in === 'query'))
    .filter(({ operation }) => !operation.responses?.['400'] && !operation.responses?.['4XX'])
    .map(({ path, method, at }) => ({ message: `${method.toUpperCase()} ${path} takes input but documents no 400 response.`, path: [...at, 'responses'] }));
}
