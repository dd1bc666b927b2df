import { describe, expect, it } from 'vitest';
import { digestAuthorization, digestChallenge, parseChallenges } from '../../src/remote/digest.js';

// RFC 7616 section 3.9.1: the same request answered with MD5 and with SHA-256.
const RFC = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
};
const REQUEST = {
  username: 'Mufasa',
  password: 'Circle of Life',
  method: 'GET',
  uri: '/dir/index.html',
  nc: 1,
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
};
const HEADERS = [
  `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=SHA-256, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`,
  `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=MD5, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`,
];

const responseOf = (header: string) => /response="([0-9a-f]+)"/.exec(header)?.[1];

describe('digest', () => {
  it('prefers SHA-256 of the RFC 7616 example and computes its response', () => {
    const challenge = digestChallenge(HEADERS);
    expect(challenge).toEqual({ ...RFC, algorithm: 'SHA-256', qop: 'auth', stale: false });
    const header = digestAuthorization(challenge as NonNullable<typeof challenge>, REQUEST);
    expect(responseOf(header)).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(header).toContain('nc=00000001');
    expect(header).toContain(`cnonce="${REQUEST.cnonce}"`);
    expect(header).toContain(`opaque="${RFC.opaque}"`);
    expect(header).toContain('uri="/dir/index.html"');
  });

  it('computes the MD5 response of the RFC 7616 example', () => {
    const challenge = digestChallenge([HEADERS[1] as string]);
    expect(challenge?.algorithm).toBe('MD5');
    const header = digestAuthorization(challenge as NonNullable<typeof challenge>, REQUEST);
    expect(responseOf(header)).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('MD5-sess hashes the nonce and cnonce into HA1, so its response differs from MD5', () => {
    const md5 = digestChallenge([HEADERS[1] as string]) as NonNullable<ReturnType<typeof digestChallenge>>;
    const sess = { ...md5, algorithm: 'MD5-sess' as const };
    expect(responseOf(digestAuthorization(sess, REQUEST))).not.toBe(
      responseOf(digestAuthorization(md5, REQUEST)),
    );
    expect(responseOf(digestAuthorization(sess, REQUEST))).toMatch(/^[0-9a-f]{32}$/);
  });

  it('counts the nonce in hex and changes the response with the count', () => {
    const challenge = digestChallenge(HEADERS) as NonNullable<ReturnType<typeof digestChallenge>>;
    const tenth = digestAuthorization(challenge, { ...REQUEST, nc: 26 });
    expect(tenth).toContain('nc=0000001a');
    expect(responseOf(tenth)).not.toBe(responseOf(digestAuthorization(challenge, REQUEST)));
  });

  it('reads stale=true, several challenges in one header, and skips what it cannot answer', () => {
    const one = `Basic realm="x", Digest realm="r", nonce="n2", stale=TRUE, qop="auth"`;
    expect(parseChallenges([one]).map((c) => c.scheme)).toEqual(['basic', 'digest']);
    expect(digestChallenge([one])).toEqual({
      realm: 'r',
      nonce: 'n2',
      algorithm: 'MD5',
      qop: 'auth',
      stale: true,
    });
    expect(digestChallenge(['Basic realm="x"'])).toBeNull();
    expect(digestChallenge(['Digest realm="r", nonce="n", qop="auth-int"'])).toBeNull();
    expect(digestChallenge(['Digest realm="r", nonce="n", algorithm=SHA-512-256'])).toBeNull();
  });

  it('answers the old form without qop (RFC 2069) and quotes what needs it', () => {
    const challenge = digestChallenge(['Digest realm="a \\"b\\"", nonce="n"']);
    expect(challenge).toEqual({ realm: 'a "b"', nonce: 'n', algorithm: 'MD5', qop: null, stale: false });
    const header = digestAuthorization(challenge as NonNullable<typeof challenge>, REQUEST);
    expect(header).not.toContain('nc=');
    expect(header).toContain('realm="a \\"b\\""');
  });
});
