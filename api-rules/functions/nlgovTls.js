const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** /core/transport/tls: every server is reached over https; plain http only on this machine (development, tests). */
export default function nlgovTls(url, _options, context) {
  let parsed;
  try {
    parsed = new URL(String(url));
  } catch {
    return [{ message: `Server URL ${url} is not an absolute URL.` }];
  }
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback.test(parsed.hostname))) return [];
  return [{ message: `Server ${url} does not use https.`, path: context.path }];
}
