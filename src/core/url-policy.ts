/** The HTTPS rule: plain HTTP only for loopback addresses (tests and the demo). Pure. */

export type UrlProblem = 'invalid' | 'scheme' | 'insecure' | 'credentials';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** A regular expression for the manifest's JSON schema, mirroring checkServerUrl for the settings page. */
export const SERVER_URL_PATTERN =
  '^$|^https://[^\\s/@]+(/.*)?$|^http://(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]+)?(/.*)?$';

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

export function checkServerUrl(raw: string): { ok: true; url: URL } | { ok: false; problem: UrlProblem } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol !== 'http:') return { ok: false, problem: 'scheme' };
  return isLoopbackHost(url.hostname) ? { ok: true, url } : { ok: false, problem: 'insecure' };
}
