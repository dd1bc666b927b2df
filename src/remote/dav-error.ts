import { fromStatus, RemoteError } from './errors.js';

/** Turns the `webdav` client's errors (an Error with `status`) into ours. */
export function davError(error: unknown, what: string): unknown {
  const status = (error as { status?: number })?.status;
  if (error instanceof RemoteError || typeof status !== 'number') return error;
  return fromStatus(status, what);
}
