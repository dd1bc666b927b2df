// Writes manifest.json's contributes.configuration from the zod schema in src/settings.ts (the single source).
import { readFile, writeFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const out = await esbuild.build({
  entryPoints: ['src/settings.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'error',
});
const settings = await import(
  `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`
);
const manifest = JSON.parse(await readFile('manifest.json', 'utf8'));
manifest.contributes.configuration = settings.configurationJsonSchema();
await writeFile('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log('manifest.json: configuration written from src/settings.ts');
