import type { CancellationToken, Disposable, Event } from '../contract/api.js';

/** A minimal event emitter behind the contract's `Event<T>`. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

export function disposeAll(items: Disposable[]): void {
  while (items.length > 0) {
    try {
      items.pop()?.dispose();
    } catch {
      // one failing disposal must not keep the others alive
    }
  }
}

/** A cancellation token and the function that cancels it (once). */
export function cancellationSource(): { token: CancellationToken; cancel(): boolean } {
  const cancelled = new Emitter<void>();
  const token = { isCancellationRequested: false, onCancellationRequested: cancelled.event };
  return {
    token,
    cancel() {
      if (token.isCancellationRequested) return false;
      token.isCancellationRequested = true;
      cancelled.fire();
      return true;
    },
  };
}
