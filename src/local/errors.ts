/** Errors of the computer's own disk (full, forbidden, failing), named by their cause: never retried as network faults. */

export type LocalErrorKind = 'disk-full' | 'no-permission' | 'io';

export class LocalError extends Error {
  constructor(
    readonly kind: LocalErrorKind,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'LocalError';
  }
}

/** A file system error of `file`, classified. */
export function localError(error: unknown, file: string): LocalError {
  if (error instanceof LocalError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  if (code === 'ENOSPC' || code === 'EDQUOT') return new LocalError('disk-full', file, `${code}: ${file}`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new LocalError('no-permission', file, `${code}: ${file}`);
  }
  return new LocalError('io', file, `${code}: ${file}`);
}
