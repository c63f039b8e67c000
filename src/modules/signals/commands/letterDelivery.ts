import type { Writable } from 'node:stream';
import { AppError } from '../../../platform/errors.ts';
import { letterMessages } from '../letterMessages.ts';

/** How a batch's PDF reaches its receiver (a download, a file): the stream, and when all of it was handed over. */

/** The client went away before it had the whole PDF: the batch's letters count as not made. */
export class DeliveryAbortedError extends AppError {
  constructor() {
    super('delivery_aborted', letterMessages.delivery_aborted.status, letterMessages.delivery_aborted.message(), { reason: 'delivery_aborted' });
  }
}

export interface BatchOutput {
  out: Writable;
  /**
   * Resolves once every byte written to `out` so far has been handed over (to the connection's socket, to the file);
   * rejects (or `out` closes) when the receiver went away.
   */
  flushed: () => Promise<void>;
}

/** Polls until the streams' buffers are empty: no event says "all handed to the socket" for a piped response. */
export async function untilFlushed(buffers: () => number, gone: () => boolean): Promise<void> {
  while (!gone() && buffers() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  if (gone()) throw new DeliveryAbortedError();
}

/** Waits until `out` wants more, or is gone (never rejects: the caller checks whether it is gone). */
export function drainOrClose(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}
