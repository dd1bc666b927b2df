/** One item's element: an image, a video or an audio player, built hidden and shown once it can show itself. */
import type { Ref } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { MediaKind } from '../../media-types.js';

export type ItemElement = HTMLImageElement | HTMLMediaElement;

/** An item in the window: `key` tells two loads of the same name apart. */
export interface Layer {
  key: number;
  name: string;
  kind: MediaKind;
  src: string;
}

/** Resolves once the element can show its first picture (or failed: its player then says why). */
export function ready(element: ItemElement): Promise<void> {
  if (element instanceof HTMLImageElement) return element.decode().catch(() => undefined);
  const enough = element instanceof HTMLVideoElement ? 2 : 1;
  if (element.readyState >= enough) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    element.addEventListener(element instanceof HTMLVideoElement ? 'loadeddata' : 'loadedmetadata', done, {
      once: true,
    });
    element.addEventListener('error', done, { once: true });
  });
}

interface ItemProps {
  layer: Layer;
  /** On screen: visible and named by `data-media-name`; otherwise hidden and unnamed. */
  shown: boolean;
  /** Called once the element can show itself. */
  onReady(layer: Layer): void;
  /** The element while it is on screen, null when it leaves it. */
  onShown(element: ItemElement | null): void;
}

export function Item({ layer, shown, onReady, onShown }: ItemProps) {
  const ref = useRef<ItemElement>(null);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let live = true;
    void ready(element).then(() => live && readyRef.current(layer));
    return () => {
      live = false;
      // a player that leaves the screen stops, also before the browser removes it
      if (!(element instanceof HTMLImageElement)) element.pause();
    };
  }, [layer]);

  useLayoutEffect(() => {
    if (!shown) return;
    onShown(ref.current);
    return () => onShown(null);
  }, [shown, onShown]);

  const common = {
    class: `item ${layer.kind}`,
    src: layer.src,
    hidden: !shown,
    'data-media-name': shown ? layer.name : undefined,
  };
  if (layer.kind === 'image') return <img {...common} ref={ref as Ref<HTMLImageElement>} alt="" />;
  const player = { ...common, controls: true, preload: 'auto' as const, playsInline: true };
  if (layer.kind === 'video') return <video {...player} ref={ref as Ref<HTMLVideoElement>} />;
  return <audio {...player} ref={ref as Ref<HTMLAudioElement>} />;
}
