/** Fills a command's missing arguments by asking (palette use); scripts and the CLI pass them all. */
import type { PluginContext } from '../../contract/api.js';

export type Field = 'date' | 'name' | 'newName' | 'files' | 'before' | 'keys';

const PROMPTS: Record<Field, { en: string; de: string }> = {
  date: { en: 'Meeting date (YYYY-MM-DD)', de: 'Datum der Zusammenkunft (JJJJ-MM-TT)' },
  name: { en: 'File name', de: 'Dateiname' },
  newName: { en: 'New file name', de: 'Neuer Dateiname' },
  files: {
    en: 'Files to upload (paths, separated by ";")',
    de: 'Hochzuladende Dateien (Pfade, durch „;“ getrennt)',
  },
  before: { en: 'Remove date folders before (YYYY-MM-DD)', de: 'Datumsordner entfernen vor (JJJJ-MM-TT)' },
  keys: {
    en: 'Settings (keys, separated by spaces)',
    de: 'Einstellungen (Schlüssel, durch Leerzeichen getrennt)',
  },
};

export async function withAsked(
  ctx: PluginContext,
  raw: unknown,
  fields: Field[],
): Promise<Record<string, unknown>> {
  const args: Record<string, unknown> = raw && typeof raw === 'object' ? { ...raw } : {};
  const lang = ctx.env.language.startsWith('de') ? 'de' : 'en';
  for (const field of fields) {
    if (args[field] !== undefined) continue;
    const answer = await ctx.window.showInputBox({ prompt: PROMPTS[field][lang] });
    if (answer === undefined) continue;
    args[field] =
      field === 'files'
        ? answer
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : field === 'keys'
          ? answer.split(/\s+/).filter(Boolean)
          : answer.trim();
  }
  return args;
}
