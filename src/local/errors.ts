/** Errors of the computer's own disk (full, read-only, forbidden, failing), named by their cause: never retried as
 * network faults. */

export type LocalErrorKind = 'disk-full' | 'read-only' | 'no-permission' | 'not-a-folder' | 'io';

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

/** The codes of a file system that no network operation gives: a failure with one of them is the disk's. */
const DISK_CODES: Readonly<Record<string, LocalErrorKind>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'no-permission',
  EPERM: 'no-permission',
  ENOTDIR: 'not-a-folder',
};

/** The kind of a file system error's code, or undefined for a code that is not the disk's own. */
export function diskErrorKind(error: unknown): LocalErrorKind | undefined {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ? DISK_CODES[code] : undefined;
}

/** A file system error of `file`, classified. */
export function localError(error: unknown, file: string): LocalError {
  if (error instanceof LocalError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  return new LocalError(diskErrorKind(error) ?? 'io', file, `${code}: ${file}`);
}
