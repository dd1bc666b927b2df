/**
 * The background between items: the congregation's image, or a plain dark screen where it has none. A new image is
 * decoded hidden and swapped in then, so that the screen never goes dark between two pictures.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { backgroundUrl } from '../api.js';
import { state } from '../store.js';

interface BackgroundProps {
  /** The background is the screen: it carries `data-media-name=""`. */
  onScreen: boolean;
  /** An image or video on screen covers it; under audio it shows, as decoration only. */
  hidden: boolean;
}

export function Background({ onScreen, hidden }: BackgroundProps) {
  const version = state.value?.background ?? null;
  /** The version on screen (null: the dark screen). */
  const [decoded, setShown] = useState<string | null>(null);
  const shown = version === null ? null : decoded;
  const pending = version !== null && version !== shown ? version : undefined;
  const layers = pending === undefined ? [shown] : [shown, pending];
  // a later image is decoded again before it shows
  useLayoutEffect(() => {
    if (version === null) setShown(null);
  }, [version]);

  return (
    <>
      {layers.map((layer) =>
        layer === null ? (
          <div
            key="dark"
            class="background dark"
            hidden={hidden}
            data-media-name={onScreen ? '' : undefined}
          />
        ) : (
          <BackgroundImage
            key={layer}
            version={layer}
            shown={layer === shown}
            hidden={hidden}
            onScreen={onScreen}
            onDecoded={() => {
              if ((state.peek()?.background ?? null) === layer) setShown(layer);
            }}
          />
        ),
      )}
    </>
  );
}

interface BackgroundImageProps extends BackgroundProps {
  version: string;
  shown: boolean;
  onDecoded(): void;
}

function BackgroundImage({ version, shown, hidden, onScreen, onDecoded }: BackgroundImageProps) {
  const ref = useRef<HTMLImageElement>(null);
  const decoded = useRef(onDecoded);
  decoded.current = onDecoded;
  useLayoutEffect(() => {
    let live = true;
    void ref.current
      ?.decode()
      .catch(() => undefined)
      .then(() => live && decoded.current());
    return () => {
      live = false;
    };
  }, []);
  return (
    <img
      ref={ref}
      class="background"
      src={backgroundUrl(version)}
      alt=""
      hidden={hidden || !shown}
      data-media-name={shown && onScreen ? '' : undefined}
    />
  );
}
