/** Before a command that needs the server: the exact `config set` / `secret set` commands that are still missing. */
import type { LoadedPlugin } from '../host/runtime.js';
import { COMMANDS } from '../src/commands.js';
import { t } from '../src/i18n.js';
import { PASSWORD_SECRET } from '../src/settings.js';
import { PASSWORD_ENV } from './plugin-home.js';

/** The plugin's commands that cannot start without a server, user and password. */
const NEEDS_SERVER = new Set<string>(
  Object.entries(COMMANDS)
    .filter(([name]) => name !== 'choosePreset' && name !== 'congregationSettings')
    .map(([, id]) => id),
);

export const needsServer = (command: string): boolean => NEEDS_SERVER.has(command);

/** The lines a person types to finish the setup, or [] when nothing is missing. */
export async function missingSetup(plugin: LoadedPlugin, language: string): Promise<string[]> {
  const config = plugin.configuration;
  const host = 'npm run --silent host --';
  const lines: string[] = [];
  if (!config.get('serverUrl'))
    lines.push(`${host} config set serverUrl https://cloud.example.org/remote.php/dav/files/USER/`);
  if (!config.get('username')) lines.push(`${host} config set username USER`);
  if (!(await plugin.context.secrets.get(PASSWORD_SECRET)))
    lines.push(
      `${host} secret set ${PASSWORD_SECRET}   (${t(language, 'setup.oneRun', { env: PASSWORD_ENV })})`,
    );
  return lines;
}

/** Refuses to go on while something is missing, with the commands that fix it. */
export async function requireSetup(plugin: LoadedPlugin, language: string): Promise<void> {
  const lines = await missingSetup(plugin, language);
  if (lines.length === 0) return;
  throw new Error(`${t(language, 'setup.missing')}\n${lines.map((l) => `  ${l}`).join('\n')}`);
}
