/** The Connection to the configured server, opened from the plugin's settings and its stored password. */
import type { PluginContext } from '../contract/api.js';
import { connect } from './remote/connect.js';
import { RemoteError } from './remote/errors.js';
import type { Connection } from './remote/http.js';
import { PASSWORD_SECRET, readSettings, type Settings } from './settings.js';

/** Runs `use` with a Connection (settings overridden by `overrides`), closing it afterwards. */
export async function withConnection<T>(
  ctx: PluginContext,
  use: (connection: Connection) => Promise<T>,
  overrides: Partial<Settings> = {},
): Promise<T> {
  const settings = { ...readSettings(ctx), ...overrides };
  if (!settings.serverUrl) throw new RemoteError('not-configured', 'no server URL');
  const connection = await connect(settings, (await ctx.secrets.get(PASSWORD_SECRET)) ?? '');
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}
