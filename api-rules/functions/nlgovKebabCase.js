import { apiPaths } from './apiPaths.js';

const word = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const parameter = /^\{[^{}/]+\}$/;
const operation = /^_[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * /core/path-segments-kebab-case: every path segment is lowercase letters and digits, words joined by single hyphens
 * (no underscores, capitals, dots or file extensions); a path parameter is free; only the last segment may start
 * with `_` (an operation such as `_zoek`).
 */
export default function nlgovKebabCase(paths, options, context) {
  const results = [];
  for (const path of apiPaths(paths, options)) {
    const segments = path.split('/').slice(1);
    const wrong = segments.find((segment, i) => {
      if (segment === '' && i === segments.length - 1) return false;
      if (parameter.test(segment) || word.test(segment)) return false;
      return !(i === segments.length - 1 && operation.test(segment));
    });
    if (wrong !== undefined) {
      results.push({ message: `Path segment "${wrong}" of ${path} is not kebab-case.`, path: [...context.path, path] });
    }
  }
  return results;
}
