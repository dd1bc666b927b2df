/** Small downloads gathered whole and written with one call, instead of streamed (measured: less CPU and a lower
 * peak RSS for the thousands of small files of a congregation folder). Used by files.ts's writeDownload only. */
import type { Readable } from 'node:stream';
import { RemoteError } from '../remote/errors.js';

/**
 * Bodies up to this size are gathered and written with one call: for the many small files of a congregation folder,
 * a stream per file costs more CPU and memory than it saves. Larger bodies are streamed, so memory stays flat.
 */
export const SMALL_FILE_BYTES = 256 * 1024;

export interface WriteOptions {
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
  /** A small body has arrived whole (before it is written). */
  onReceived?: () => void;
}

/** A small body, whole, refused when it is longer or shorter than expected. */
export async function gather(
  source: Readable,
  expected: number,
  what: string,
  options: WriteOptions,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let seen = 0;
  const abort = () => source.destroy(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (options.signal?.aborted) abort();
    for await (const chunk of source as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > expected)
        throw new RemoteError('size-mismatch', `${what}: more than the listed ${expected} bytes`);
      chunks.push(chunk);
      options.onBytes?.(chunk.length);
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  if (seen !== expected) throw new RemoteError('size-mismatch', `${what}: ${seen} of ${expected} bytes`);
  return Buffer.concat(chunks, seen);
}
