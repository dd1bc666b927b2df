/** PUT /api/upload: a file from the page, streamed into a temporary folder of the host, then handed to a command. */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../http-error.js';

export class Uploads {
  private readonly root = mkdtempSync(path.join(os.tmpdir(), 'presenter-uploads-'));

  /** `maxBytes`: the largest upload accepted. */
  constructor(private readonly maxBytes: number) {}

  async receive(url: URL, req: http.IncomingMessage): Promise<{ file: string }> {
    const name = url.searchParams.get('name') ?? '';
    if (!safeFileName(name)) throw new HttpError(400, `"${name}" is not a valid file name`);
    const dir = path.join(this.root, randomUUID());
    mkdirSync(dir, { mode: 0o700 });
    const file = path.join(dir, name);
    let bytes = 0;
    const max = this.maxBytes;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > max ? new HttpError(413, 'the file is too large') : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error instanceof HttpError
        ? error
        : new HttpError(400, `upload failed: ${(error as Error).message}`);
    }
    return { file };
  }

  /** The uploaded files a command's arguments name (`{ files }`); any other path is refused. */
  handedOver(args: readonly unknown[]): string[] {
    const files = (args[0] as { files?: unknown } | undefined)?.files;
    if (!Array.isArray(files)) return [];
    return files.map((f) => {
      const file = typeof f === 'string' ? path.resolve(f) : '';
      if (!file.startsWith(this.root + path.sep))
        throw new HttpError(400, 'only uploaded files can be handed over');
      return file;
    });
  }

  /** Removes uploaded files once their command has finished. */
  remove(files: readonly string[]): void {
    for (const file of files) rmSync(path.dirname(file), { recursive: true, force: true });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A plain file name: no folders, no control characters, not `.`/`..`, at most 255 bytes. */
function safeFileName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name) <= 255 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\]/.test(name) &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    !/[\u0000-\u001f\u007f]/.test(name)
  );
}
