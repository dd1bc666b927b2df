/** The headless sync CLI (`npm run --silent sync -- …`): filled in by the sync engine. */
import { EXIT } from './cli.js';

export async function runSyncCli(_args: string[], _values: unknown): Promise<number> {
  process.stderr.write('Sync is not available yet in this version.\n');
  return EXIT.error;
}
