import { apiPaths } from './apiPaths.js';

const camelCase = /^[a-z][a-zA-Z0-9]*$/;
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** /core/query-keys-camel-case: every query parameter is lower camelCase: letters and digits, starting with a lowercase letter. */
export default function nlgovQueryKeys(paths, options, context) {
  const results = [];
  for (const path of apiPaths(paths, options)) {
    const item = paths[path] ?? {};
    const lists = [[[], item.parameters], ...methods.map((method) => [[method], item[method]?.parameters])];
    for (const [where, parameters] of lists) {
      (parameters ?? []).forEach((parameter, i) => {
        if (parameter?.in === 'query' && !camelCase.test(String(parameter.name))) {
          results.push({
            message: `Query key "${parameter.name}" of ${path} is not camelCase.`,
            path: [...context.path, path, ...where, 'parameters', i, 'name'],
          });
        }
      });
    }
  }
  return results;
}
