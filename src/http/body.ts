import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../platform/errors.ts';

/**
 * How much a request may send. Every route gets the small default; a route that takes more says so where it is
 * declared (`config: { body: 'batch' }` or `{ body: 'file' }`), next to its access rule, and the server applies
 * the limit from this one table. A route may not set Fastify's own `bodyLimit` above the default.
 */
export type BodySize = 'default' | 'batch' | 'file';

export interface BodyLimits {
  /** Bytes per size class. */
  bytes: Record<BodySize, number>;
  /** Values (array elements and object members) in one JSON body, per size class. */
  jsonValues: Record<BodySize, number>;
  /** The same for every JSON body: nesting depth, members of one object, elements of one array. */
  jsonDepth: number;
  jsonKeys: number;
  jsonArray: number;
}

const KB = 1024;
const MB = 1024 * KB;

export function bodyLimits(uploadMaxBytes: number): BodyLimits {
  return {
    // The longest form a person fills in (a pass application with children, a service in the social map) is a few kB.
    bytes: { default: 64 * KB, batch: 4 * MB, file: uploadMaxBytes },
    jsonValues: { default: 5_000, batch: 500_000, file: 5_000 },
    jsonDepth: 16,
    jsonKeys: 100,
    jsonArray: 10_000,
  };
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super('payload_too_large', 413, `Het bericht is te groot. Hier kan ten hoogste ${readableSize(limit)} worden verstuurd.`);
  }
}

export function readableSize(bytes: number): string {
  return bytes >= MB ? `${Math.floor(bytes / MB)} MB` : `${Math.floor(bytes / KB)} kB`;
}

export function sizeOf(request: FastifyRequest): BodySize {
  return request.routeOptions.config?.body ?? 'default';
}

/**
 * preParsing: refuse a body whose Content-Length passes the route's limit before reading a byte, and count the
 * bytes of every body as they stream in (also chunked bodies and the file streams handed on unparsed), failing
 * the stream at the first byte past the limit. Nothing is buffered here.
 */
export function limitBody(limits: BodyLimits) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> => {
    // The route's own limit, as the onRoute hook set it from its size class (or lower, as the self-test forms do).
    const limit = request.routeOptions.bodyLimit ?? limits.bytes[sizeOf(request)];
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      // The client may still be sending: close the connection after the answer rather than read on.
      reply.header('connection', 'close');
      throw new PayloadTooLargeError(limit);
    }
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > limit) {
          reply.header('connection', 'close');
          callback(new PayloadTooLargeError(limit));
          return;
        }
        callback(null, chunk);
      },
    });
    payload.on('error', (error) => counter.destroy(error));
    const counted = payload.pipe(counter) as Transform & { receivedEncodedLength?: number };
    return counted;
  };
}

/**
 * Where a JSON text passes the structure limits, or null. A single pass over the characters, before JSON.parse
 * builds anything: a body of millions of keys or thousands of nested brackets is refused for the price of reading it.
 */
export function jsonStructureProblem(text: string, limits: BodyLimits, size: BodySize): string | null {
  const maxValues = limits.jsonValues[size];
  const counts = new Int32Array(limits.jsonDepth + 2);
  const isObject = new Uint8Array(limits.jsonDepth + 2);
  let depth = 0;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limits.jsonDepth) return `Het bericht is dieper genest dan ${limits.jsonDepth} niveaus.`;
      counts[depth] = 1;
      isObject[depth] = c === 0x7b ? 1 : 0;
      if (++values > maxValues) return `Het bericht bevat meer dan ${maxValues} waarden.`;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (c === 0x2c && depth > 0) {
      counts[depth]!++;
      if (++values > maxValues) return `Het bericht bevat meer dan ${maxValues} waarden.`;
      if (isObject[depth] && counts[depth]! > limits.jsonKeys) return `Een object in het bericht heeft meer dan ${limits.jsonKeys} velden.`;
      if (!isObject[depth] && counts[depth]! > limits.jsonArray) return `Een lijst in het bericht heeft meer dan ${limits.jsonArray} elementen.`;
    }
  }
  return null;
}

type JsonParser = (request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void) => void;

/** Fastify's own JSON parser (prototype poisoning refused), behind the structure check. */
export function boundedJsonParser(limits: BodyLimits, parse: JsonParser): JsonParser {
  return (request, body, done) => {
    const problem = jsonStructureProblem(body, limits, sizeOf(request));
    if (problem) {
      done(new ValidationError(problem, [{ field: 'body', reason: problem }]));
      return;
    }
    parse(request, body, done);
  };
}
