/** Reads a secret from an environment variable or a hidden prompt: never from the command line. */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

export async function readSecretValue(key: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) {
    const value = process.env[fromEnv];
    if (!value) throw new Error(`the environment variable ${fromEnv} is empty or not set`);
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new Error(`no terminal to ask for "${key}": use --from-env VAR with the value in the variable VAR`);
  }
  const value = await ask(`${key}: `, true);
  if (!value) throw new Error('nothing entered');
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
