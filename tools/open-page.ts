/** Opens the page in the desktop's browser, where a person at a desktop session can see it; never fails. */
import { spawn } from 'node:child_process';

/** The opener of this platform, or undefined where no desktop session is to be expected (pure: tests use it). */
export function pageOpener(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  interactive: boolean,
): { command: string; args: string[] } | undefined {
  if (!interactive || env.CI || env.SSH_CONNECTION || env.CONGSYNC_NO_OPEN) return undefined;
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: [] };
  return undefined;
}

/** Tries to open `url`; a missing opener or a failed start is ignored (the address is printed anyway). */
export function openPage(url: string, interactive: boolean): void {
  const opener = pageOpener(process.platform, process.env, interactive);
  if (!opener) return;
  try {
    const child = spawn(opener.command, [...opener.args, url], { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no opener: the printed address is enough
  }
}
