import { apiPaths } from './apiPaths.js';

/** /core/no-trailing-slash: no path ends with a slash (the root `/` itself excepted). */
export default function nlgovNoTrailingSlash(paths, options, context) {
  return apiPaths(paths, options)
    .filter((path) => path !== '/' && path.endsWith('/'))
    .map((path) => ({ message: `Path ${path} ends with a slash.`, path: [...context.path, path] }));
}
