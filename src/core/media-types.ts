/** The file types a presenter shows (M³'s list), by lower-case extension without the dot; shared by every tool. */

export const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'apng',
  'avif',
  'gif',
  'png',
  'webp',
  'bmp',
  'jpg',
  'jpeg',
  'jfif',
  'pjpeg',
  'pjp',
]);
export const VIDEO_TYPES: ReadonlySet<string> = new Set(['mp4', 'm4v', 'mov', 'mkv', 'avi', 'webm']);
export const AUDIO_TYPES: ReadonlySet<string> = new Set(['mp3', 'wav', 'ogg', 'flac', 'm4a']);
export const DOCUMENT_TYPES: ReadonlySet<string> = new Set(['pdf', 'jwlplaylist']);

export const MEDIA_TYPES: ReadonlySet<string> = new Set([
  ...IMAGE_TYPES,
  ...VIDEO_TYPES,
  ...AUDIO_TYPES,
  ...DOCUMENT_TYPES,
]);

/** The lower-case extension of a file name, '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function isMediaType(name: string): boolean {
  return MEDIA_TYPES.has(extensionOf(name));
}

/** The accepted types as a file input's `accept` value: `.apng,.avif,…`. */
export const MEDIA_ACCEPT = [...MEDIA_TYPES].map((t) => `.${t}`).join(',');
