/**
 * `status` in a few lines of the user's language: the last sync, the next one, the next meeting ready or what is
 * missing, and the start-at-login entry. Pure: the plugin's status, the service's state and today are given.
 */
import type { PluginStatus } from '../contract/api.js';
import { t } from '../src/i18n.js';
import type { ServiceState } from './service.js';

/** What `status --json` prints: the plugin's status (empty before the first sync) and the service. */
export interface StatusDocument extends PluginStatus {
  service: ServiceState;
}

export function statusDocument(status: PluginStatus | null, service: ServiceState): StatusDocument {
  return { last: null, next: null, dates: [], ...status, service };
}

/** A moment as the language writes it, in this computer's time zone (24-hour in German). */
function moment(language: string, iso: string): string {
  const german = language.toLowerCase().startsWith('de');
  return new Intl.DateTimeFormat(german ? 'de' : 'en', {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: german ? 'h23' : undefined,
  }).format(new Date(iso));
}

/** The lines of `status`; `today` as YYYY-MM-DD decides which meeting is next. */
export function statusLines(document: StatusDocument, language: string, today: string): string[] {
  const lines: string[] = [];
  const { last, next, note, dates, service } = document;
  if (!last) lines.push(t(language, 'cli.status.never'));
  else {
    const params = {
      time: moment(language, last.at),
      count: last.problems.length,
      problems: last.problems.join('; '),
    };
    if (last.outcome === 'ok') lines.push(t(language, 'cli.status.ok', params));
    else
      lines.push(
        t(language, last.outcome === 'failed' ? 'cli.status.failed' : 'cli.status.problems', params),
      );
  }
  lines.push(
    next
      ? t(language, 'cli.status.next', { time: moment(language, next) })
      : t(language, 'cli.status.nextNone'),
  );
  if (note) lines.push(note);
  const meeting = dates.find((d) => d.date >= today);
  if (!meeting) lines.push(t(language, 'cli.status.noMeeting'));
  else if (meeting.ready) lines.push(t(language, 'auto.meetingReady', { date: meeting.date }));
  else {
    const names = meeting.missing.map((m) => `${m.name} (${m.reason})`).join(', ');
    lines.push(
      t(language, 'auto.meetingMissing', { date: meeting.date, count: meeting.missing.length, names }),
    );
  }
  lines.push(serviceLine(service, language));
  return lines;
}

/** The service in one line: not installed, or where it is and whether it runs. */
export function serviceLine(service: ServiceState, language: string): string {
  if (service.files.length === 0) return t(language, 'service.none');
  const where = service.files.join(', ');
  if (!service.installed) return t(language, 'service.broken', { where });
  if (service.running === null) return t(language, 'service.unknown', { where });
  return t(language, service.running ? 'service.running' : 'service.stopped', { where });
}
