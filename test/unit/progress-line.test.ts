/** The progress line's text (fits a width, never cuts a number) and its rate (speed and time left from samples). */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, progressText, Rate } from '../../host/progress-line.js';

const state = {
  title: 'Sync congregation',
  percent: 42,
  message: '3/12 files, 120.5 of 300.0 MB',
  speed: 2.5 * 1024 * 1024,
  secondsLeft: 75,
};

describe('progressText', () => {
  it('shows title, bar, percent, files, bytes, speed and time left where there is room', () => {
    expect(progressText(state, 120, 'en')).toBe(
      'Sync congregation [########------------] 42% 3/12 files, 120.5 of 300.0 MB 2.5 MB/s 1:15 left',
    );
    expect(progressText(state, 120, 'de')).toContain('noch 1:15');
  });

  it('in German, numbers with a decimal comma stay whole, and the speed is written the German way', () => {
    const german = { ...state, message: '3/12 Dateien, 120,5 von 300,0 MB' };
    expect(progressText(german, 120, 'de')).toContain('3/12 Dateien, 120,5 von 300,0 MB 2,5 MB/s');
    for (let columns = 20; columns <= 80; columns++) {
      const line = progressText(german, columns, 'de');
      if (line.includes('120')) expect(line).toContain('120,5 von 300,0 MB');
    }
  });

  it('fits any width by leaving out whole parts, never cutting a number', () => {
    const tokens = (line: string) => line.split(' ').map((w) => w.replace(/,$/, ''));
    const whole = new Set(tokens(progressText(state, 200, 'en')));
    for (let columns = 10; columns <= 120; columns++) {
      const line = progressText(state, columns, 'en');
      expect(line.length).toBeLessThan(Math.max(columns, 11));
      for (const token of tokens(line)) expect(token.startsWith('[') || whole.has(token)).toBe(true);
    }
    expect(progressText(state, 60, 'en')).toBe('[###-----] 42% 3/12 files, 120.5 of 300.0 MB 2.5 MB/s');
    expect(progressText(state, 30, 'en')).toBe('42% 3/12 files');
  });
});

describe('Rate', () => {
  it('gives the speed and the time left from the samples of the last seconds', () => {
    const rate = new Rate(5000);
    expect(rate.sample(0, 0, 100 * 1024 * 1024)).toEqual({});
    const mb = 1024 * 1024;
    const { speed, secondsLeft } = rate.sample(2000, 20 * mb, 100 * mb);
    expect(speed).toBe(10 * mb);
    expect(secondsLeft).toBe(8);
    // older samples drop out of the window: the speed follows what happens now
    rate.sample(10_000, 30 * mb, 100 * mb);
    expect(rate.sample(12_000, 32 * mb, 100 * mb).speed).toBe(mb);
  });

  it('formats bytes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
    expect(formatBytes(1536, 'de')).toBe('1,5 KB');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
