const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every operation of a (resolved) document with its method, path, parameters (its own and its path's) and location. */
export function operations(paths, basePath) {
  const found = [];
  for (const [path, item] of Object.entries(paths ?? {})) {
    for (const method of methods) {
      const operation = item?.[method];
      if (!operation || typeof operation !== 'object') continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      found.push({ path, method, operation, parameters, at: [...basePath, path, method] });
    }
  }
  return found;
}
