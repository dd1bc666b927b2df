/** Turns any failure into one clear, localised sentence that names the cause and what to do. */
import path from 'node:path';
import type { HostEnvironment } from '../contract/api.js';
import { MESSAGES, type MessageKey, type Params, t } from './i18n.js';
import { LocalError } from './local/errors.js';
import { CaFileError } from './remote/connect.js';
import { RemoteError } from './remote/errors.js';

export interface ErrorContext {
  url?: string;
  folder?: string;
  path?: string;
  timeoutSeconds?: number;
  /** The local folder a disk error concerns (the media folder). */
  mediaFolder?: string;
  /** What a full disk keeps out: the bytes the sync still has to write. */
  neededBytes?: number;
}

const MB = 1024 * 1024;

/** Who reads a message: the host's language, and the interface it appears in (`HostEnvironment.surface`). */
export type Reader = string | Pick<HostEnvironment, 'language' | 'surface'>;

/** A text in the reader's language, in the words of the reader's interface where the catalogue has them. */
function say(reader: Reader, key: MessageKey, params: Params): string {
  if (typeof reader === 'string') return t(reader, key, params);
  const variant = `${key}.${reader.surface}`;
  return t(reader.language, variant in MESSAGES.en ? (variant as MessageKey) : key, params);
}

export function describeError(error: unknown, reader: Reader, context: ErrorContext = {}): string {
  const language = typeof reader === 'string' ? reader : reader.language;
  if (error instanceof LocalError) {
    const needed = error.kind === 'disk-full' && context.neededBytes !== undefined;
    // The media folder itself cannot be used: the setting that names it is what to change.
    const media = error.path === context.mediaFolder && error.kind !== 'disk-full' && error.kind !== 'io';
    const key: MessageKey = needed
      ? 'error.disk-full.needed'
      : media
        ? `error.media-${error.kind as 'not-a-folder' | 'read-only' | 'no-permission'}`
        : `error.${error.kind}`;
    return t(language, key, {
      path: error.path,
      detail: error.message,
      folder: context.mediaFolder ?? path.dirname(error.path),
      mb: Math.max(1, Math.ceil((context.neededBytes ?? 0) / MB)),
    });
  }
  if (error instanceof CaFileError)
    return t(language, 'error.ca-file', { file: error.file, detail: error.detail });
  if (!(error instanceof RemoteError)) return error instanceof Error ? error.message : String(error);
  // A file that was listed but is not there is no folder to choose again.
  const kind = error.kind === 'not-found' && context.path ? 'file-not-found' : error.kind;
  return say(reader, `error.${kind}`, {
    url: context.url ?? error.message,
    folder: context.folder ?? '/',
    path: context.path ?? '',
    status: error.status,
    seconds: context.timeoutSeconds,
    detail: error.message,
  });
}

/** A failure of a run against the configured server, in the reader's language and words; `path` names the remote file, if any. */
export function describeForSettings(
  error: unknown,
  reader: Reader,
  settings: { serverUrl: string; folder: string; requestTimeoutSeconds: number },
  path?: string,
): string {
  return describeError(error, reader, {
    url: settings.serverUrl,
    folder: path ?? settings.folder,
    path,
    timeoutSeconds: settings.requestTimeoutSeconds,
  });
}
