/** What a presenter shows a media file as, by its extension: pure, shared by the host's server and its pages. */
export type MediaKind = 'image' | 'video' | 'audio';

export interface MediaType {
  kind: MediaKind;
  contentType: string;
}

const TYPES: Record<string, MediaType> = {
  jpg: { kind: 'image', contentType: 'image/jpeg' },
  jpeg: { kind: 'image', contentType: 'image/jpeg' },
  png: { kind: 'image', contentType: 'image/png' },
  gif: { kind: 'image', contentType: 'image/gif' },
  webp: { kind: 'image', contentType: 'image/webp' },
  avif: { kind: 'image', contentType: 'image/avif' },
  bmp: { kind: 'image', contentType: 'image/bmp' },
  // shown only through <img>, where an SVG's scripts never run; served with a sandboxing policy besides
  svg: { kind: 'image', contentType: 'image/svg+xml' },
  mp4: { kind: 'video', contentType: 'video/mp4' },
  m4v: { kind: 'video', contentType: 'video/mp4' },
  mov: { kind: 'video', contentType: 'video/quicktime' },
  webm: { kind: 'video', contentType: 'video/webm' },
  mkv: { kind: 'video', contentType: 'video/x-matroska' },
  mp3: { kind: 'audio', contentType: 'audio/mpeg' },
  m4a: { kind: 'audio', contentType: 'audio/mp4' },
  ogg: { kind: 'audio', contentType: 'audio/ogg' },
  wav: { kind: 'audio', contentType: 'audio/wav' },
  flac: { kind: 'audio', contentType: 'audio/flac' },
};

/** The type of a file name (case-insensitive extension), or undefined for what a presenter does not show. */
export function mediaTypeOf(name: string): MediaType | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : TYPES[name.slice(dot + 1).toLowerCase()];
}
