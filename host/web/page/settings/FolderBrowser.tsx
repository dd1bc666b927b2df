/** The folder browser of a remote-folder field: the field's browse(path) on the host; in, up, choose. */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelView } from '../../protocol.js';
import { post } from '../api.js';
import { t } from '../app.js';
import { DialogButtons } from '../feedback/Modal.js';

interface Props {
  panel: PanelView;
  /** The field's index in its panel. */
  field: number;
  start: string;
  /** The chosen folder, or undefined when the dialog was closed without one. */
  onDone: (chosen: string | undefined) => void;
}

const normal = (folder: string) => `/${folder.split('/').filter(Boolean).join('/')}`;
const parentOf = (folder: string) => normal(folder.split('/').filter(Boolean).slice(0, -1).join('/'));
const childOf = (folder: string, name: string) => `${folder.replace(/\/+$/, '')}/${name}`;

interface Listing {
  folder: string;
  folders: string[] | undefined;
  problem: string;
}

export function FolderBrowser({ panel, field, start, onDone }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** The folder last listed: what "Use this folder" chooses. */
  const [current, setCurrent] = useState(normal(start));
  const [listing, setListing] = useState<Listing>({ folder: normal(start), folders: undefined, problem: '' });
  const chosen = useRef<string | undefined>(undefined);
  const done = useRef(onDone);
  done.current = onDone;

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    const closed = () => done.current(chosen.current);
    element.addEventListener('close', closed);
    return () => element.removeEventListener('close', closed);
  }, []);

  const folder = listing.folder;
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { folders } = await post<{ folders: string[] }>('/api/browse', {
          plugin: panel.pluginId,
          panel: panel.id,
          field,
          path: folder,
        });
        if (!live) return;
        setCurrent(folder);
        setListing({ folder, folders, problem: '' });
      } catch (error) {
        if (live) setListing({ folder, folders: [], problem: (error as Error).message });
      }
    })();
    return () => {
      live = false;
    };
  }, [folder]);

  // a listing replaces the buttons that were clicked: the focus goes to the new list's first button
  const loaded = listing.folders !== undefined;
  useEffect(() => {
    if (loaded)
      (
        list.current?.querySelector<HTMLElement>('button') ??
        dialog.current?.querySelector<HTMLElement>('#browse-choose')
      )?.focus();
  }, [loaded, folder]);

  const open = (next: string) => setListing({ folder: next, folders: undefined, problem: '' });
  const finish = (value: string | undefined) => {
    chosen.current = value;
    dialog.current?.close();
  };
  const arrows = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    event.preventDefault();
    buttons[(index + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };
  return (
    <dialog ref={dialog} class="dialog browser" aria-label={t('browse.title')}>
      <h2 class="dialog-title">{t('browse.title')}</h2>
      <p class="current" aria-live="polite">
        {t('browse.current', { path: folder })}
      </p>
      <p class="error" role="alert">
        {listing.problem}
      </p>
      <ul class="folder-list" ref={list} aria-busy={loaded ? undefined : 'true'} onKeyDown={arrows}>
        {folder !== '/' ? (
          <li key="..">
            <button type="button" class="up" onClick={() => open(parentOf(folder))}>
              <span aria-hidden="true">↑ </span>
              {t('browse.up')}
            </button>
          </li>
        ) : null}
        {!loaded ? (
          <li key="loading" class="muted">
            {t('browse.loading')}
          </li>
        ) : (
          listing.folders?.map((name) => (
            <li key={`folder-${name}`}>
              <button type="button" class="folder" onClick={() => open(childOf(folder, name))}>
                {name}
              </button>
            </li>
          ))
        )}
        {loaded && listing.folders?.length === 0 && !listing.problem ? (
          <li key="empty" class="muted">
            {t('browse.empty')}
          </li>
        ) : null}
      </ul>
      <DialogButtons
        primary={{ label: t('browse.choose'), onClick: () => finish(current), id: 'browse-choose' }}
        onCancel={() => finish(undefined)}
      />
    </dialog>
  );
}
