/** Which of a folder's files are the organiser's leftover upload files: the name pattern and the age. */
import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../src/core/remote-entry.js';
import { isUploadTemp, staleUploadTemps, uploadTempName } from '../../src/core/upload-temps.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const entry = (name: string, minutesAgo: number | null, isDirectory = false): RemoteEntry => ({
  path: ['Media', '2026-12-02', name],
  isDirectory,
  size: isDirectory ? null : 100,
  etag: null,
  lastModified: minutesAgo === null ? null : new Date(NOW - minutesAgo * 60_000).toISOString(),
});

describe('upload temporary files', () => {
  it('names made by uploadTempName, and only those, are upload files', () => {
    expect(isUploadTemp(uploadTempName('0123456789ab'))).toBe(true);
    for (const other of [
      '.congsync-0123456789ab.part',
      '.congsync-upload-0123456789ab.part.jpg',
      '.congsync-upload-0123456789AB.part',
      '.congsync-upload-0123456789a.part',
      'congsync-upload-0123456789ab.part',
      'Talk.mp4',
    ])
      expect(isUploadTemp(other), other).toBe(false);
  });

  it('chooses those older than an hour; a fresh one, one of unknown age, folders and other names stay', () => {
    const stale = entry(uploadTempName('0123456789ab'), 61);
    const chosen = staleUploadTemps(
      [
        stale,
        entry(uploadTempName('111111111111'), 59),
        entry(uploadTempName('222222222222'), null),
        entry(uploadTempName('333333333333'), 120, true),
        entry('.congsync-0123456789ab.part', 120),
        entry('Talk.mp4', 600),
      ],
      NOW,
    );
    expect(chosen).toEqual([stale]);
  });
});
