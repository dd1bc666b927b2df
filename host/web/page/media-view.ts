/** The media list per meeting date: sources, hidden and recurring items, thumbnails, the media window's control
 * (present-control.ts), and the organiser's actions where the plugin offers them (ORGANISER_COMMANDS in protocol.ts). */
import { type MediaView, ORGANISER_COMMANDS, type State } from '../protocol.js';
import { mediaUrl, thumbUrl, upload } from './api.js';
import { hasCommand, language, t } from './app.js';
import { h, idOf } from './dom.js';
import { confirmDialog, inputDialog, notify, run } from './feedback.js';
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
  for (const file of files) {
    notify('info', t('media.uploading', { name: file.name }));
    try {
      paths.push(await upload(file));
    } catch (error) {
      notify('error', (error as Error).message);
      return;
    }
  }
  await run(command, [date === undefined ? { files: paths } : { date, files: paths }]);
}

function filePicker(label: string, onFiles: (files: File[]) => void): HTMLElement {
  const input = h('input', {
    type: 'file',
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
    h('button', { type: 'button', class: 'small', onclick: () => input.click() }, label),
  );
}

function itemActions(item: MediaView): HTMLElement | null {
  const args = { date: item.date, name: item.name };
  const buttons = [
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
      : null,
    item.source === 'congregation' && !item.recurring && hasCommand(ORGANISER_COMMANDS.rename)
      ? h(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: async () => {
              const newName = await inputDialog(t('media.renamePrompt', { name: item.name }), item.name)
                .result;
              if (newName && newName !== item.name)
                await run(ORGANISER_COMMANDS.rename, [{ ...args, newName }]);
            },
          },
          t('media.rename'),
        )
      : null,
    item.source === 'congregation' && !item.recurring && hasCommand(ORGANISER_COMMANDS.delete)
      ? h(
          'button',
          {
            type: 'button',
            class: 'small danger',
            onclick: async () => {
              if (
                await confirmDialog(
                  t('media.deleteConfirm', { name: item.name, date: formatDate(item.date) }),
                  t('media.delete'),
                )
              )
                await run(ORGANISER_COMMANDS.delete, [args]);
            },
          },
          t('media.delete'),
        )
      : null,
    !item.hidden && hasCommand(ORGANISER_COMMANDS.hide)
      ? h(
          'button',
          { type: 'button', class: 'small', onclick: () => void run(ORGANISER_COMMANDS.hide, [args]) },
          t('media.hide'),
        )
      : null,
    item.hidden && hasCommand(ORGANISER_COMMANDS.unhide)
      ? h(
          'button',
          { type: 'button', class: 'small', onclick: () => void run(ORGANISER_COMMANDS.unhide, [args]) },
          t('media.unhide'),
        )
      : null,
  ].filter((b): b is HTMLButtonElement => b !== null);
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

function mediaItem(item: MediaView): HTMLElement {
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
        item.hidden ? h('span', { class: 'badge badge-hidden' }, t('media.hidden')) : null,
        h('span', { class: 'badge badge-showing', hidden: true }, t('media.onScreen')),
      ),
    ),
    itemActions(item),
  );
}

export function renderMedia(state: State): HTMLElement {
  const dates = [...new Set(state.media.map((m) => m.date))];
  const canUpload = hasCommand(ORGANISER_COMMANDS.upload);
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
          canUpload
            ? filePicker(
                t('media.upload'),
                (files) => void uploadFiles(files, ORGANISER_COMMANDS.upload, date),
              )
            : null,
        ),
      ),
      presentingBar(date),
      canUpload ? h('p', { class: 'hint drop-hint' }, t('media.drop')) : null,
      h('ul', { class: 'media-list' }, ...state.media.filter((m) => m.date === date).map(mediaItem)),
    );
    if (canUpload) {
      section.addEventListener('dragover', (event) => {
        event.preventDefault();
        section.classList.add('drop-target');
      });
      section.addEventListener('dragleave', () => section.classList.remove('drop-target'));
      section.addEventListener('drop', (event) => {
        event.preventDefault();
        section.classList.remove('drop-target');
        void uploadFiles([...(event.dataTransfer?.files ?? [])], ORGANISER_COMMANDS.upload, date);
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
      hasCommand(ORGANISER_COMMANDS.uploadRecurring)
        ? filePicker(
            t('media.addRecurring'),
            (files) => void uploadFiles(files, ORGANISER_COMMANDS.uploadRecurring),
          )
        : null,
    ),
    ...(sections.length > 0 ? sections : [h('p', { class: 'muted' }, t('media.empty'))]),
  );
  applyPresenting(state.presenting, view);
  return view;
}
