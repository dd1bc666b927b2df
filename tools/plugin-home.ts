/** Where this plugin's tooling finds things: the plugin folder (this repository), the default profile, and the
 * password given for one run in the environment. */
import { configFolder } from '../host/cli-kit.js';
import { repositoryRoot } from '../host/paths.js';
import type { Host } from '../host/runtime.js';
import { PLUGIN_ID } from '../src/commands.js';
import { PASSWORD_SECRET } from '../src/settings.js';

/** The environment variable that gives the password for one run (never stored). */
export const PASSWORD_ENV = 'CONGSYNC_PASSWORD';

export const pluginFolder = (): string => repositoryRoot();

/** The platform's profile folder of this user, where `CONGSYNC_PROFILE` names no other. */
export const standardProfile = (): string => configFolder('congregation-sync-host');

export function defaultProfile(): string {
  return process.env.CONGSYNC_PROFILE || standardProfile();
}

/** The password of PASSWORD_ENV, for this process only: used, never written. */
export function usePasswordFromEnvironment(host: Host): void {
  const password = process.env[PASSWORD_ENV];
  if (password) host.secrets.setTransient(PLUGIN_ID, PASSWORD_SECRET, password);
}
