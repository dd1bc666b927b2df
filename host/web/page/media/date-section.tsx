/** One meeting date of the media view: its heading with the status mark, the Present button and the plugins'
 * entries, the media window's control while it is on screen, an upload's progress, and the items. */
import { useRef, useState } from 'preact/hooks';
import type { MediaView, MenuView } from '../../protocol.js';
import { t } from '../app.js';
import { idOf } from '../dom.js';
import { run } from '../feedback.js';
import { formatDate } from '../format.js';
import { MediaItem } from './media-item.js';
import { openMediaWindow, PresentingBar, presentLabel } from './present-control.js';
import { DateMark, DateMissing } from './status.js';
import { UploadCard, uploadFiles } from './upload.js';

/** A file picker offering the entry's `accept` types (the plugin decides; the tooltip names them). */
function FilePicker({ entry, date }: { entry: MenuView; date?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <span>
      <input
        ref={input}
        type="file"
        accept={entry.accept}
        multiple
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          void uploadFiles(files, entry.command, date);
        }}
      />
      <button type="button" class="small" title={entry.accept} onClick={() => input.current?.click()}>
        {entry.title}
      </button>
    </span>
  );
}

/** A menu entry of a date or of the whole list: a file picker where it takes files, else a button. */
export function PlaceEntry({ entry, date }: { entry: MenuView; date?: string }) {
  if (entry.input === 'files') return <FilePicker entry={entry} date={date} />;
  const args = date === undefined ? {} : { date };
  return (
    <button type="button" class="small" onClick={() => void run(entry.command, [args])}>
      {entry.title}
    </button>
  );
}

interface DateSectionProps {
  date: string;
  items: readonly MediaView[];
  dateEntries: readonly MenuView[];
  itemEntries: readonly MenuView[];
}

export function DateSection({ date, items, dateEntries, itemEntries }: DateSectionProps) {
  const [dropping, setDropping] = useState(false);
  const dropEntry = dateEntries.find((entry) => entry.input === 'files');
  const titleId = idOf('date', date);
  const drop = dropEntry
    ? {
        onDragOver: (event: DragEvent) => {
          event.preventDefault();
          setDropping(true);
        },
        onDragLeave: () => setDropping(false),
        onDrop: (event: DragEvent) => {
          event.preventDefault();
          setDropping(false);
          void uploadFiles([...(event.dataTransfer?.files ?? [])], dropEntry.command, date);
        },
      }
    : {};
  return (
    <section
      class={dropping ? 'card media-date drop-target' : 'card media-date'}
      aria-labelledby={titleId}
      data-date={date}
      {...drop}
    >
      <div class="date-head">
        <h2 id={titleId}>
          <time dateTime={date}>{formatDate(date)}</time> <DateMark date={date} />
        </h2>
        <span class="date-actions">
          <button
            type="button"
            class="small present"
            aria-label={presentLabel(date)}
            onClick={() => openMediaWindow(date)}
          >
            {t('media.present')}
          </button>
          {dateEntries.map((entry) => (
            <PlaceEntry key={entry.command} entry={entry} date={date} />
          ))}
        </span>
      </div>
      <DateMissing date={date} />
      <UploadCard date={date} />
      <PresentingBar date={date} />
      {dropEntry ? <p class="hint drop-hint">{t('media.drop')}</p> : null}
      <ul class="media-list">
        {items.map((item) => (
          <MediaItem key={item.name} item={item} entries={itemEntries} />
        ))}
      </ul>
    </section>
  );
}
