/** Reads a secret from an environment variable or a hidden prompt: never from the command line. */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { type Language, text } from './i18n.js';

export async function readSecretValue(
  key: string,
  fromEnv: string | undefined,
  language: Language,
): Promise<string> {
  if (fromEnv) {
    const value = process.env[fromEnv];
    if (!value) throw new Error(text(language, 'prompt.emptyEnv', { name: fromEnv }));
    return value;
  }
  if (!process.stdin.isTTY) throw new Error(text(language, 'prompt.noTerminal', { key }));
  const value = await ask(`${key}: `, true);
  if (!value) throw new Error(text(language, 'prompt.nothing'));
  return value;
}

/** Asks one question on the terminal (stderr), optionally without echoing what is typed. */
export async function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = hidden;
  try {
    return await answer;
  } finally {
    rl.close();
    if (hidden) process.stderr.write('\n');
  }
}
