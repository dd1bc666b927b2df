/**
 * HTTP Digest authentication (RFC 7616): MD5, MD5-sess, SHA-256, SHA-256-sess, qop=auth (or none, RFC 2069).
 * The parsing and the response computation are pure; DigestSession only counts the nonce's uses.
 */
import { createHash, randomBytes } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: DigestAlgorithm;
  /** 'auth' when the server offers it; null for the old form without qop. */
  qop: 'auth' | null;
  stale: boolean;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Every challenge of one or more WWW-Authenticate header values, e.g. `Digest realm="x", nonce="y", Basic realm="z"`. */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const found: Challenge[] = [];
  for (const value of values) {
    const pattern = /\s*,?\s*([!#$%&'*+.^_`|~\w-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*))?/gy;
    let current: Challenge | undefined;
    for (let match = pattern.exec(value); match && match[0].length > 0; match = pattern.exec(value)) {
      const [, token, raw] = match as unknown as [string, string, string | undefined];
      if (raw === undefined) {
        current = { scheme: token.toLowerCase(), params: {} };
        found.push(current);
      } else if (current) {
        current.params[token.toLowerCase()] = raw.startsWith('"')
          ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
          : raw;
      }
    }
  }
  return found;
}

const STRENGTH: Record<DigestAlgorithm, number> = { 'SHA-256-sess': 4, 'SHA-256': 3, 'MD5-sess': 2, MD5: 1 };

/** The strongest Digest challenge we can answer, or null (no Digest, or only algorithms or qops we lack). */
export function digestChallenge(values: readonly string[]): DigestChallenge | null {
  const usable = parseChallenges(values)
    .filter((c) => c.scheme === 'digest' && c.params.nonce !== undefined)
    .map((c): DigestChallenge | null => {
      const algorithm = (Object.keys(STRENGTH) as DigestAlgorithm[]).find(
        (a) => a.toLowerCase() === (c.params.algorithm ?? 'MD5').toLowerCase(),
      );
      const qops = c.params.qop?.split(',').map((q) => q.trim().toLowerCase());
      if (!algorithm || (qops && !qops.includes('auth'))) return null;
      const challenge: DigestChallenge = {
        realm: c.params.realm ?? '',
        nonce: c.params.nonce as string,
        algorithm,
        qop: qops ? 'auth' : null,
        stale: c.params.stale?.toLowerCase() === 'true',
      };
      if (c.params.opaque !== undefined) challenge.opaque = c.params.opaque;
      return challenge;
    })
    .filter((c): c is DigestChallenge => c !== null);
  return usable.sort((a, b) => STRENGTH[b.algorithm] - STRENGTH[a.algorithm])[0] ?? null;
}

export interface DigestRequest {
  username: string;
  password: string;
  method: string;
  /** The request target as sent: path and query. */
  uri: string;
  /** The nonce count, 1 for the first use of a nonce. */
  nc: number;
  cnonce: string;
}

/** The Authorization header's value answering `challenge` for one request. */
export function digestAuthorization(challenge: DigestChallenge, request: DigestRequest): string {
  const hash = (text: string) =>
    createHash(challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
      .update(text, 'utf8')
      .digest('hex');
  const { username, password, method, uri, cnonce } = request;
  const nc = request.nc.toString(16).padStart(8, '0');
  let ha1 = hash(`${username}:${challenge.realm}:${password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${method}:${uri}`);
  const response = challenge.qop
    ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`)
    : hash(`${ha1}:${challenge.nonce}:${ha2}`);
  const fields = [
    `username="${quote(username)}"`,
    `realm="${quote(challenge.realm)}"`,
    `nonce="${quote(challenge.nonce)}"`,
    `uri="${quote(uri)}"`,
    `algorithm=${challenge.algorithm}`,
    `response="${response}"`,
  ];
  if (challenge.opaque !== undefined) fields.push(`opaque="${quote(challenge.opaque)}"`);
  if (challenge.qop) fields.push(`qop=${challenge.qop}`, `nc=${nc}`, `cnonce="${quote(cnonce)}"`);
  return `Digest ${fields.join(', ')}`;
}

const quote = (text: string) => text.replace(/(["\\])/g, '\\$1');

/** The challenge a Connection answers, with the count of the nonce's uses (one session per server). */
export class DigestSession {
  private nc = 0;

  constructor(readonly challenge: DigestChallenge) {}

  authorization(username: string, password: string, method: string, uri: string): string {
    this.nc += 1;
    const cnonce = randomBytes(16).toString('hex');
    return digestAuthorization(this.challenge, { username, password, method, uri, nc: this.nc, cnonce });
  }
}
