/** The page's requests to the host: JSON with the session token, the event stream, uploads. */
import type { PresentAction, PresentingView, RunResult, State } from '../protocol.js';

const token =
  document.querySelector<HTMLMetaElement>('meta[name="session-token"]')?.content ??
  new URLSearchParams(location.search).get('token') ??
  '';

/** `token=…` for addresses that cannot carry a header (images, the event stream). */
export const tokenQuery = `token=${encodeURIComponent(token)}`;

export class RequestError extends Error {}

async function request<T>(method: string, url: string, body?: BodyInit, type?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { 'x-session-token': token, ...(type ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
  } catch (error) {
    throw new RequestError((error as Error).message);
  }
  const data = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new RequestError(data.error ?? `HTTP ${response.status}`);
  return data as T;
}

export function post<T = Record<string, never>>(url: string, body: unknown): Promise<T> {
  return request<T>('POST', url, JSON.stringify(body), 'application/json');
}

export function getState(): Promise<State> {
  return request<State>('GET', '/api/state');
}

export function runCommand(command: string, args: unknown[] = []): Promise<RunResult> {
  return post<RunResult>('/api/run', { command, args });
}

/** Sends a file to the host (streamed from disk by the browser); resolves to its path on the host. */
export async function upload(file: File): Promise<string> {
  const url = `/api/upload?name=${encodeURIComponent(file.name)}`;
  return (await request<{ file: string }>('PUT', url, file, 'application/octet-stream')).file;
}

export function thumbUrl(date: string, name: string): string {
  return `/api/thumb?date=${encodeURIComponent(date)}&name=${encodeURIComponent(name)}&${tokenQuery}`;
}

/** An item's file for the media window (and a video's poster frame). */
export function mediaUrl(date: string, name: string): string {
  return `/api/media?date=${encodeURIComponent(date)}&name=${encodeURIComponent(name)}&${tokenQuery}`;
}

/** The media window's background image; `version` (State.background) makes a changed image load again. */
export function backgroundUrl(version: string): string {
  return `/api/background?v=${encodeURIComponent(version)}&${tokenQuery}`;
}

export function presentUrl(date: string): string {
  return `/present?date=${encodeURIComponent(date)}&${tokenQuery}`;
}

export function present(action: PresentAction, date: string, name?: string): Promise<PresentingView> {
  return post<PresentingView>('/api/present', { action, date, name });
}

export function openEvents(
  onEvent: (event: string, data: unknown) => void,
  onStatus: (connected: boolean) => void,
): EventSource {
  const source = new EventSource(`/api/events?${tokenQuery}`);
  for (const name of [
    'changed',
    'task',
    'task-end',
    'message',
    'prompt',
    'prompt-end',
    'presenting',
    'present-play',
  ])
    source.addEventListener(name, (event) => onEvent(name, JSON.parse((event as MessageEvent).data)));
  source.addEventListener('open', () => onStatus(true));
  source.addEventListener('error', () => onStatus(false));
  return source;
}
