/** The date folders a walk can ask for before it has seen the Media listing: their names follow from the settings. */
import type { IsoDate } from '../../contract/api.js';
import { type DateFormat, formatDateFolder } from '../../contract/media-folders.js';
import { MEDIA_DIR, type MeetingSchedule, meetingDates } from './layout.js';

export function expectedDateFolders(
  today: IsoDate,
  weeks: number,
  settings: { schedule: MeetingSchedule; format: DateFormat; language: string },
): string[][] {
  return meetingDates(today, weeks, settings.schedule).map((date) => [
    MEDIA_DIR,
    formatDateFolder(date, settings.format, settings.language),
  ]);
}
