/**
 * What the window shows: the item the host presents for this date, else the background. An item's element is built
 * hidden and swapped in once it can show itself (no black flash between items); the element on screen carries
 * `data-media-name` (the background: ""), the others are hidden and unnamed.
 */
import { type ReadonlySignal, useComputed } from '@preact/signals';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { MediaView } from '../../protocol.js';
import { mediaUrl } from '../api.js';
import { presenting, refresh, state } from '../store.js';
import { Background } from './background.js';
import { Item, type ItemElement, type Layer } from './item.js';

interface ScreenProps {
  date: string;
  /** The element on screen, for play and pause; null: an image or the background. */
  onShown(element: ItemElement | null): void;
}

const itemOf = (date: string, name: string): MediaView | undefined =>
  state.peek()?.media.find((m) => m.date === date && m.name === name);

let layerKey = 0;

export function Screen({ date, onShown }: ScreenProps) {
  /** The name the host presents here ('' the background). */
  const wanted: ReadonlySignal<string> = useComputed(() =>
    presenting.value?.date === date ? presenting.value.name : '',
  );
  const [layers, setLayers] = useState<{ shown?: Layer; loading?: Layer }>({});
  const shownName = useRef<string | undefined>(undefined);
  shownName.current = layers.shown?.name;
  const name = wanted.value;

  useEffect(() => {
    let stale = false;
    // an item still loading for an earlier name never shows
    setLayers(({ shown }) => ({ shown }));
    if (name === '') {
      setLayers({});
      return;
    }
    if (shownName.current === name) return;
    void (async () => {
      let item = itemOf(date, name);
      if (!item) {
        await refresh();
        item = itemOf(date, name);
      }
      if (stale) return;
      const kind = item?.kind;
      if (!kind) setLayers({});
      else
        setLayers(({ shown }) => ({
          shown,
          loading: { key: ++layerKey, name, kind, src: mediaUrl(date, name) },
        }));
    })();
    return () => {
      stale = true;
    };
  }, [date, name]);

  const onReady = useCallback(
    (layer: Layer) =>
      setLayers((now) => (now.loading === layer && wanted.peek() === layer.name ? { shown: layer } : now)),
    [wanted],
  );

  const shown = layers.shown;
  const items = [shown, layers.loading].filter((layer): layer is Layer => layer !== undefined);
  return (
    <>
      <Background onScreen={!shown} hidden={shown !== undefined && shown.kind !== 'audio'} />
      {items.map((layer) => (
        <Item key={layer.key} layer={layer} shown={layer === shown} onReady={onReady} onShown={onShown} />
      ))}
    </>
  );
}
