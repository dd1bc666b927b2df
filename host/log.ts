/** The host's log: one file per profile, with levels; every known secret is redacted before a line is written. */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LogChannel, LogLevel } from '../contract/api.js';

const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

export class Redactor {
  constructor(private readonly secrets: () => string[]) {}

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets()) {
      if (secret.length >= 3) {
        out = out.split(secret).join('***');
        const encoded = encodeURIComponent(secret);
        if (encoded !== secret) out = out.split(encoded).join('***');
        out = out.split(Buffer.from(secret).toString('base64')).join('***');
      }
    }
    return out;
  }
}

export class HostLog {
  readonly file: string;
  /** Lines of these levels are also shown here, besides the file (the watch CLI's --verbose). */
  echo: { levels: readonly LogLevel[]; to: (line: string) => void } | undefined;

  constructor(
    profileDir: string,
    private readonly redactor: Redactor,
    private readonly minLevel: LogLevel = 'debug',
  ) {
    this.file = path.join(profileDir, 'logs', 'host.log');
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
  }

  channel(name: string): LogChannel {
    const at = (level: LogLevel) => (message: string) => this.write(level, name, message);
    return {
      trace: at('trace'),
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      file: this.file,
    };
  }

  write(level: LogLevel, source: string, message: string): void {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.minLevel)) return;
    const line = this.redactor.redact(
      `${new Date().toISOString()} ${level.toUpperCase()} [${source}] ${message}`,
    );
    appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
    if (this.echo?.levels.includes(level)) this.echo.to(line);
  }
}
