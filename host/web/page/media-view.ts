/** The media list per meeting date: sources, hidden and recurring items, thumbnails, the media window's control
 * (present-control.ts), and the commands plugins offer there (their menus, see protocol.ts). */
import { matchesWhen } from '../../menus.js';
import type { MediaView, MenuView, State } from '../protocol.js';
import { mediaUrl, thumbUrl, upload } from './api.js';
import { language, t } from './app.js';
import { h, idOf } from './dom.js';
import { actionToast, confirmDialog, inputDialog, run } from './feedback.js';
import { applyPresenting, control, openMediaWindow, presentingBar } from './present-control.js';

function formatDate(date: string): string {
  const format = new Intl.DateTimeFormat(language() === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const parsed = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : format.format(parsed);
}

/** Uploads files to the host (streamed), then hands their paths to the plugin's upload command. */
async function uploadFiles(files: File[], command: string, date?: string): Promise<void> {
  if (files.length === 0) return;
  const paths: string[] = [];
  const action = actionToast(t('media.uploading', { name: files[0]?.name ?? '' }));
  for (const file of files) {
    action.show('info', t('media.uploading', { name: file.name }));
    try {
      paths.push(await upload(file));
    } catch (error) {
      action.show('error', (error as Error).message);
      action.end();
      return;
    }
  }
  await run(command, [date === undefined ? { files: paths } : { date, files: paths }], action);
}

/** A file picker offering the entry's `accept` types (the plugin decides; the tooltip names them). */
function filePicker(
  label: string,
  accept: string | undefined,
  onFiles: (files: File[]) => void,
): HTMLElement {
  const input = h('input', {
    type: 'file',
    accept,
    multiple: true,
    class: 'visually-hidden',
    tabindex: '-1',
    'aria-hidden': 'true',
  });
  input.addEventListener('change', () => {
    onFiles([...(input.files ?? [])]);
    input.value = '';
  });
  return h(
    'span',
    null,
    input,
    h('button', { type: 'button', class: 'small', title: accept, onclick: () => input.click() }, label),
  );
}

/** Runs an item's menu entry, asking first for what it needs (a new name, a yes). */
async function runItemEntry(entry: MenuView, item: MediaView): Promise<void> {
  const args: Record<string, string> = { date: item.date, name: item.name };
  if (entry.input === 'newName') {
    const newName = await inputDialog(t('media.renamePrompt', { name: item.name }), item.name).result;
    if (!newName || newName === item.name) return;
    args.newName = newName;
  }
  if (entry.confirm) {
    const question = t('media.confirm', {
      action: entry.title,
      name: item.name,
      date: formatDate(item.date),
    });
    if (!(await confirmDialog(question, entry.title))) return;
  }
  await run(entry.command, [args]);
}

function itemActions(item: MediaView, entries: readonly MenuView[]): HTMLElement | null {
  const context = { source: item.source, hidden: item.hidden, recurring: item.recurring };
  const show =
    item.kind && !item.hidden
      ? h(
          'button',
          {
            type: 'button',
            class: 'small',
            'aria-label': `${t('media.show')}: ${item.name}`,
            onclick: () => control('show', item.name, item.date),
          },
          t('media.show'),
        )
      : null;
  const buttons = entries
    .filter((entry) => matchesWhen(entry.when, context))
    .map((entry) =>
      h(
        'button',
        {
          type: 'button',
          class: entry.confirm ? 'small danger' : 'small',
          'data-command': entry.command,
          onclick: () => void runItemEntry(entry, item),
        },
        entry.title,
      ),
    );
  if (show) buttons.unshift(show);
  if (buttons.length === 0) return null;
  return h(
    'div',
    { class: 'item-actions', role: 'group', 'aria-label': t('media.actionsFor', { name: item.name }) },
    ...buttons,
  );
}

/** The item's picture: the image itself, a video's frame at half a second, else its type. */
function thumbnail(item: MediaView): HTMLElement {
  if (item.thumb)
    return h('img', { class: 'thumb', src: thumbUrl(item.date, item.name), alt: '', width: 96, height: 54 });
  if (item.kind === 'video')
    return h('video', {
      class: 'thumb',
      src: `${mediaUrl(item.date, item.name)}#t=0.5`,
      preload: 'metadata',
      muted: true,
      tabindex: '-1',
      'aria-hidden': 'true',
      width: 96,
      height: 54,
    });
  const extension = item.name.includes('.') ? (item.name.split('.').pop() ?? '').toUpperCase() : '';
  return h('span', { class: 'thumb thumb-none', 'aria-hidden': 'true' }, extension);
}

function mediaItem(item: MediaView, entries: readonly MenuView[]): HTMLElement {
  return h(
    'li',
    {
      class: `media-item${item.hidden ? ' is-hidden' : ''}`,
      'data-name': item.name,
      'data-date': item.date,
      'data-source': item.source,
    },
    thumbnail(item),
    h(
      'div',
      { class: 'media-text' },
      h('span', { class: 'media-name' }, item.name),
      h(
        'span',
        { class: 'badges' },
        h('span', { class: `badge source-${item.source}` }, t(`media.source.${item.source}`)),
        item.recurring ? h('span', { class: 'badge' }, t('media.recurring')) : null,
        item.section
          ? h(
              'span',
              { class: 'badge badge-place' },
              item.at
                ? t('media.place', { section: t(`section.${item.section}`), at: t(`media.place.${item.at}`) })
                : t(`section.${item.section}`),
            )
          : null,
        item.hidden ? h('span', { class: 'badge badge-hidden' }, t('media.hidden')) : null,
        h('span', { class: 'badge badge-showing', hidden: true }, t('media.onScreen')),
      ),
    ),
    itemActions(item, entries),
  );
}

/** A menu entry of a date or of the whole list: a file picker where it takes files, else a button. */
function placeEntry(entry: MenuView, args: Record<string, string>): HTMLElement {
  if (entry.input !== 'files')
    return h(
      'button',
      { type: 'button', class: 'small', onclick: () => void run(entry.command, [args]) },
      entry.title,
    );
  return filePicker(entry.title, entry.accept, (files) => void uploadFiles(files, entry.command, args.date));
}

export function renderMedia(state: State): HTMLElement {
  const dates = [...new Set(state.media.map((m) => m.date))];
  const dateEntries = state.menus['media/date'] ?? [];
  const itemEntries = state.menus['media/item'] ?? [];
  const dropEntry = dateEntries.find((entry) => entry.input === 'files');
  const sections = dates.map((date) => {
    const titleId = idOf('date', date);
    const section = h(
      'section',
      { class: 'card media-date', 'aria-labelledby': titleId, 'data-date': date },
      h(
        'div',
        { class: 'date-head' },
        h('h2', { id: titleId }, h('time', { datetime: date }, formatDate(date))),
        h(
          'span',
          { class: 'date-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'small present',
              'aria-label': t('media.presentLabel', { date: formatDate(date) }),
              onclick: () => openMediaWindow(date),
            },
            t('media.present'),
          ),
          ...dateEntries.map((entry) => placeEntry(entry, { date })),
        ),
      ),
      presentingBar(date),
      dropEntry ? h('p', { class: 'hint drop-hint' }, t('media.drop')) : null,
      h(
        'ul',
        { class: 'media-list' },
        ...state.media.filter((m) => m.date === date).map((item) => mediaItem(item, itemEntries)),
      ),
    );
    if (dropEntry) {
      section.addEventListener('dragover', (event) => {
        event.preventDefault();
        section.classList.add('drop-target');
      });
      section.addEventListener('dragleave', () => section.classList.remove('drop-target'));
      section.addEventListener('drop', (event) => {
        event.preventDefault();
        section.classList.remove('drop-target');
        void uploadFiles([...(event.dataTransfer?.files ?? [])], dropEntry.command, date);
      });
    }
    return section;
  });
  const view = h(
    'div',
    { class: 'media' },
    h(
      'div',
      { class: 'media-head' },
      h('p', { class: 'muted' }, t('media.folder', { folder: state.mediaFolder })),
      ...(state.menus['media/list'] ?? []).map((entry) => placeEntry(entry, {})),
    ),
    ...(sections.length > 0 ? sections : [h('p', { class: 'muted' }, t('media.empty'))]),
  );
  applyPresenting(state.presenting, view);
  return view;
}
