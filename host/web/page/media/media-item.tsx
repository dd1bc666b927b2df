/** One item of a date's media list: its picture, name, badges, why it cannot be shown, and its buttons. */
import { matchesWhen } from '../../../menus.js';
import type { MediaView, MenuView } from '../../protocol.js';
import { mediaUrl, thumbUrl } from '../api.js';
import { t } from '../app.js';
import { confirmDialog, inputDialog, run } from '../feedback.js';
import { formatDate } from '../format.js';
import { presenting } from '../store.js';
import { control } from './present-control.js';

/** An address with the file's version, so that new content under the same name loads at once. */
const versioned = (url: string, version: string | undefined) =>
  version ? `${url}&v=${encodeURIComponent(version)}` : url;

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

/** The item's picture: the image itself, a video's frame at half a second, else its type. */
function Thumbnail({ item }: { item: MediaView }) {
  if (item.thumb)
    return (
      <img
        class="thumb"
        src={versioned(thumbUrl(item.date, item.name), item.version)}
        alt=""
        width={96}
        height={54}
      />
    );
  if (item.kind === 'video')
    return (
      <video
        class="thumb"
        src={`${versioned(mediaUrl(item.date, item.name), item.version)}#t=0.5`}
        preload="metadata"
        muted
        tabIndex={-1}
        aria-hidden="true"
        width={96}
        height={54}
      />
    );
  const extension = item.name.includes('.') ? (item.name.split('.').pop() ?? '').toUpperCase() : '';
  return (
    <span class="thumb thumb-none" aria-hidden="true">
      {extension}
    </span>
  );
}

function Badges({ item, showing }: { item: MediaView; showing: boolean }) {
  const place = item.section
    ? item.at
      ? t('media.place', { section: t(`section.${item.section}`), at: t(`media.place.${item.at}`) })
      : t(`section.${item.section}`)
    : null;
  return (
    <span class="badges">
      <span class={`badge source-${item.source}`}>{t(`media.source.${item.source}`)}</span>
      {item.recurring ? <span class="badge">{t('media.recurring')}</span> : null}
      {place ? <span class="badge badge-place">{place}</span> : null}
      {item.hidden ? <span class="badge badge-hidden">{t('media.hidden')}</span> : null}
      <span class="badge badge-showing" hidden={!showing}>
        {t('media.onScreen')}
      </span>
    </span>
  );
}

function Actions({ item, entries }: { item: MediaView; entries: readonly MenuView[] }) {
  const context = { source: item.source, hidden: item.hidden, recurring: item.recurring };
  const matching = entries.filter((entry) => matchesWhen(entry.when, context));
  const canShow = item.kind !== null && !item.hidden;
  if (!canShow && matching.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons outside any form, not a fieldset
    <div class="item-actions" role="group" aria-label={t('media.actionsFor', { name: item.name })}>
      {canShow ? (
        <button
          type="button"
          class="small"
          aria-label={`${t('media.show')}: ${item.name}`}
          onClick={() => control('show', item.name, item.date)}
        >
          {t('media.show')}
        </button>
      ) : null}
      {matching.map((entry) => (
        <button
          key={entry.command}
          type="button"
          class={entry.confirm ? 'small danger' : 'small'}
          data-command={entry.command}
          onClick={() => void runItemEntry(entry, item)}
        >
          {entry.title}
        </button>
      ))}
    </div>
  );
}

export function MediaItem({ item, entries }: { item: MediaView; entries: readonly MenuView[] }) {
  const view = presenting.value;
  const showing = view?.name !== '' && view?.date === item.date && view?.name === item.name;
  const classes = ['media-item'];
  if (item.hidden) classes.push('is-hidden');
  if (showing) classes.push('is-showing');
  if (item.problem) classes.push('media-unshowable');
  return (
    <li
      class={classes.join(' ')}
      data-name={item.name}
      data-date={item.date}
      data-source={item.source}
      data-problem={item.problem}
      aria-current={showing ? 'true' : undefined}
    >
      <Thumbnail item={item} />
      <div class="media-text">
        <span class="media-name">{item.name}</span>
        <Badges item={item} showing={showing} />
        {item.problem ? <span class="media-problem">{t(`media.problem.${item.problem}`)}</span> : null}
      </div>
      <Actions item={item} entries={entries} />
    </li>
  );
}
