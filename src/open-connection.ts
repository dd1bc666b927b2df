/**
 * The Connection to the configured server, opened from the plugin's settings and its stored password. Every connection
 * of one plugin context shares one bandwidth limiter, so a sync's downloads and an organiser's upload at the same
 * time stay under the limit together; each opening sets its rate from the settings in force.
 */
import type { PluginContext } from '../contract/api.js';
import { parseRate } from './core/rate-limit.js';
import { BandwidthLimiter } from './remote/bandwidth.js';
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
  const connection = await connect(
    settings,
    (await ctx.secrets.get(PASSWORD_SECRET)) ?? '',
    limiterOf(ctx, parseRate(settings.bwlimit) ?? 0),
  );
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

const limiters = new WeakMap<PluginContext, BandwidthLimiter>();

/** The plugin context's one limiter, at `bytesPerSecond` from now on. */
function limiterOf(ctx: PluginContext, bytesPerSecond: number): BandwidthLimiter {
  const known = limiters.get(ctx);
  if (known) {
    known.setRate(bytesPerSecond);
    return known;
  }
  const made = new BandwidthLimiter(bytesPerSecond);
  limiters.set(ctx, made);
  return made;
}
