import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../src/core/remote-entry.js';
import { segmentsBelow } from '../../src/remote/multistatus/hrefs.js';
import { MultistatusError } from '../../src/remote/multistatus/scanner.js';
import { MultistatusParser, parseMultistatus } from '../../src/remote/multistatus.js';

const NC_BASE = '/remote.php/dav/files/user%40example.com/Congregation/';

/** A response with one 200 propstat, in the `d:` style of SabreDAV. */
function response(
  href: string,
  props = '<d:resourcetype/><d:getcontentlength>10</d:getcontentlength>',
): string {
  return `<d:response><d:href>${href}</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
}

function multistatus(...responses: string[]): string {
  return `<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:">${responses.join('\n')}</d:multistatus>`;
}

function paths(entries: RemoteEntry[]): string[][] {
  return entries.map((entry) => entry.path);
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof MultistatusError) return error.reason;
    throw error;
  }
  return 'no error';
}

describe('parseMultistatus: propstats', () => {
  it('takes the props of the 200 propstat when a 404 propstat comes first (Nextcloud)', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/user%40example.com/Congregation/</d:href>
  <d:propstat>
   <d:prop><d:getcontentlength/><d:getcontenttype/></d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat>
  <d:propstat>
   <d:prop>
    <d:getlastmodified>Tue, 02 Jan 2024 10:00:00 GMT</d:getlastmodified>
    <d:resourcetype><d:collection/></d:resourcetype>
    <d:getetag>&quot;6593dd6a1c2b3&quot;</d:getetag>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/user%40example.com/Congregation/2024-01-04/01%20Song%20151.mp4</d:href>
  <d:propstat>
   <d:prop><d:quota-used-bytes/><d:quota-available-bytes/></d:prop>
   <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:propstat>
  <d:propstat>
   <d:prop>
    <d:getlastmodified>Wed, 03 Jan 2024 18:30:00 GMT</d:getlastmodified>
    <d:getcontentlength>12345678</d:getcontentlength>
    <d:resourcetype/>
    <d:getetag>"a1b2c3d4e5f6"</d:getetag>
    <d:getcontenttype>video/mp4</d:getcontenttype>
   </d:prop>
   <d:status>HTTP/1.1 200 OK</d:status>
  </d:propstat>
 </d:response>
</d:multistatus>`;
    expect(parseMultistatus(xml, NC_BASE)).toEqual([
      {
        path: [],
        isDirectory: true,
        size: null,
        etag: '"6593dd6a1c2b3"',
        lastModified: '2024-01-02T10:00:00.000Z',
      },
      {
        path: ['2024-01-04', '01 Song 151.mp4'],
        isDirectory: false,
        size: 12345678,
        etag: '"a1b2c3d4e5f6"',
        lastModified: '2024-01-03T18:30:00.000Z',
      },
    ]);
  });

  it('merges several 2xx propstats, first value winning', () => {
    const xml = multistatus(
      `<d:response><d:href>/dav/a.jpg</d:href>
        <d:propstat><d:prop><d:getetag>"one"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
        <d:propstat><d:prop><d:getetag>"two"</d:getetag><d:getcontentlength>7</d:getcontentlength></d:prop>
          <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
      </d:response>`,
    );
    const [entry] = parseMultistatus(xml, '/dav/');
    expect(entry?.etag).toBe('"one"');
    expect(entry?.size).toBe(7);
  });

  it('counts a propstat without status as 200 and skips responses without a 2xx', () => {
    const xml = multistatus(
      '<d:response><d:href>/dav/ok.jpg</d:href><d:propstat><d:prop><d:getcontentlength>3</d:getcontentlength></d:prop></d:propstat></d:response>',
      '<d:response><d:href>/dav/gone.jpg</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>',
      '<d:response><d:href>/dav/locked.jpg</d:href><d:propstat><d:prop><d:getetag/></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat></d:response>',
    );
    expect(parseMultistatus(xml, '/dav')).toEqual([
      { path: ['ok.jpg'], isDirectory: false, size: 3, etag: null, lastModified: null },
    ]);
  });
});

describe('parseMultistatus: ETags', () => {
  it('keeps an unquoted numeric ETag as the string the server sent', () => {
    const xml = multistatus(
      response('/dav/a.jpg', '<d:getetag>12345</d:getetag>'),
      response('/dav/b.jpg', '<d:getetag>00123</d:getetag>'),
      response('/dav/c.jpg', '<d:getetag>1.50e3</d:getetag>'),
    );
    expect(parseMultistatus(xml, '/dav/').map((entry) => entry.etag)).toEqual(['12345', '00123', '1.50e3']);
  });

  it('keeps a weak ETag exactly, raw or entity-encoded', () => {
    const xml = multistatus(
      response('/dav/a.jpg', '<d:getetag>W/"abc-1"</d:getetag>'),
      response('/dav/b.jpg', '<d:getetag> W/&quot;abc-1&quot; </d:getetag>'),
    );
    expect(parseMultistatus(xml, '/dav/').map((entry) => entry.etag)).toEqual(['W/"abc-1"', 'W/"abc-1"']);
  });

  it('gives null for a missing or empty ETag', () => {
    const xml = multistatus(
      response('/dav/a.jpg', '<d:getcontentlength>5</d:getcontentlength>'),
      response('/dav/b.jpg', '<d:getetag/>'),
      response('/dav/c.jpg', '<d:getetag>   </d:getetag>'),
    );
    expect(parseMultistatus(xml, '/dav/').map((entry) => entry.etag)).toEqual([null, null, null]);
  });
});

describe('parseMultistatus: other props', () => {
  it('gives null for unparseable sizes and dates, and no size for directories', () => {
    const xml = multistatus(
      response(
        '/dav/a.jpg',
        '<d:getcontentlength>-1</d:getcontentlength><d:getlastmodified>yesterday</d:getlastmodified>',
      ),
      response('/dav/b.jpg', '<d:getcontentlength>12.5</d:getcontentlength>'),
      response('/dav/c.jpg', '<d:getcontentlength>99999999999999999999</d:getcontentlength>'),
      response(
        '/dav/d/',
        '<d:resourcetype><d:collection/></d:resourcetype><d:getcontentlength>4096</d:getcontentlength>',
      ),
    );
    expect(parseMultistatus(xml, '/dav/').map(({ size, lastModified }) => [size, lastModified])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });
});

describe('parseMultistatus: hrefs', () => {
  it('uses only the pathname of absolute-URL hrefs', () => {
    const xml = multistatus(
      response('https://cloud.example.org:8443/dav/x/'),
      response('https://cloud.example.org:8443/dav/x/y.jpg'),
      response('http://other.example.org/dav/elsewhere/z.jpg'),
    );
    expect(paths(parseMultistatus(xml, '/dav/x/'))).toEqual([[], ['y.jpg']]);
  });

  it('resolves relative hrefs against the base folder', () => {
    const xml = multistatus(
      response(''),
      response('2024-01-04/'),
      response('2024-01-04/image.jpg'),
      response('./flyer.pdf'),
      response('../Other/secret.jpg'),
    );
    expect(paths(parseMultistatus(xml, '/dav/Congregation'))).toEqual([
      [],
      ['2024-01-04'],
      ['2024-01-04', 'image.jpg'],
      ['flyer.pdf'],
    ]);
  });

  it('decodes encoded and unencoded special characters alike', () => {
    const xml = multistatus(
      response('/dav/base/%C3%9Cbung%20f%C3%BCr%20alle.jpg'),
      response('/dav/base/Übung für alle.jpg'),
      response('/dav/base/Lied%20%2342.mp3'),
      response('/dav/base/100%25%20Sicher.pdf'),
      response('/dav/base/Tom%20&amp;%20Jerry.png'),
      response('/dav/base/%5B2024%5D%20Plan.pdf'),
      response('/dav/base/[2024] Plan.pdf'),
    );
    expect(paths(parseMultistatus(xml, '/dav/base/'))).toEqual([
      ['Übung für alle.jpg'],
      ['Übung für alle.jpg'],
      ['Lied #42.mp3'],
      ['100% Sicher.pdf'],
      ['Tom & Jerry.png'],
      ['[2024] Plan.pdf'],
      ['[2024] Plan.pdf'],
    ]);
  });

  it('matches the base path with or without the @ encoded, either way round', () => {
    const encoded = response('/remote.php/dav/files/user%40example.com/a.jpg');
    const raw = response('/remote.php/dav/files/user@example.com/a.jpg');
    const xml = multistatus(encoded, raw);
    expect(paths(parseMultistatus(xml, '/remote.php/dav/files/user@example.com/'))).toEqual([
      ['a.jpg'],
      ['a.jpg'],
    ]);
    expect(paths(parseMultistatus(xml, '/remote.php/dav/files/user%40example.com'))).toEqual([
      ['a.jpg'],
      ['a.jpg'],
    ]);
  });

  it('matches a base in NFC against hrefs in NFD and keeps the server spelling', () => {
    const nfd = 'Mu\u0308nchen';
    const xml = multistatus(response(`/dav/${encodeURIComponent(nfd)}/Plan.pdf`));
    expect(paths(parseMultistatus(xml, '/dav/M%C3%BCnchen/'))).toEqual([['Plan.pdf']]);
    expect(segmentsBelow('/dav/München')(`/dav/${nfd}/${nfd}.pdf`)).toEqual([`${nfd}.pdf`]);
  });

  it('keeps an encoded slash inside its segment', () => {
    const xml = multistatus(response('/dav/base/AC%2FDC.mp3'));
    expect(paths(parseMultistatus(xml, '/dav/base/'))).toEqual([['AC/DC.mp3']]);
  });

  it('skips an entry whose href has a malformed escape, keeping the others', () => {
    const xml = multistatus(response('/dav/base/100%.jpg'), response('/dav/base/ok.jpg'));
    expect(paths(parseMultistatus(xml, '/dav/base/'))).toEqual([['ok.jpg']]);
  });
});

describe('segmentsBelow', () => {
  it.each([
    ['/dav/base/', '/dav/base', []],
    ['/dav/base', '/dav/base/', []],
    ['/dav/base//a//b/', '/dav/base/', ['a', 'b']],
    ['/dav/base/a/../b.jpg', '/dav/base/', ['b.jpg']],
    ['/dav/base/a/%2E%2E/b.jpg', '/dav/base/', ['b.jpg']],
    ['https://h/dav/base/%F0%9F%8E%B5.mp3', '/dav/base/', ['🎵.mp3']],
  ])('%s below %s is %j', (href, base, expected) => {
    expect(segmentsBelow(base)(href)).toEqual(expected);
  });

  it.each([
    ['/dav/basement/a.jpg', '/dav/base/'],
    ['/dav/', '/dav/base/'],
    ['/dav/base/../other/a.jpg', '/dav/base/'],
    ['/../../etc/passwd', '/'],
    ['/dav/base/%E0%A4%A.jpg', '/dav/base/'],
    ['/dav/base/a.jpg', '/dav/%zz/'],
  ])('%s is not below %s', (href, base) => {
    expect(segmentsBelow(base)(href)).toBeNull();
  });
});

describe('parseMultistatus: refusals', () => {
  it('refuses DOCTYPE and ENTITY declarations (billion laughs, XXE)', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/&lol3;</d:href></d:response></d:multistatus>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE d:multistatus [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${multistatus(response('/dav/&xxe;'))}`;
    const bare = `<!ENTITY x "y">${multistatus()}`;
    expect(reasonOf(() => parseMultistatus(laughs, '/dav/'))).toBe('entity');
    expect(reasonOf(() => parseMultistatus(xxe, '/dav/'))).toBe('entity');
    expect(reasonOf(() => parseMultistatus(bare, '/dav/'))).toBe('entity');
  });

  it('refuses an HTML page (login or error page answered with 200)', () => {
    const html5 = `<!DOCTYPE html>
<html class="ng-csp" data-placeholder-focus="false" lang="en">
<head><meta charset="utf-8"><title>Login – Nextcloud</title><link rel="icon" href="/core/img/favicon.ico"></head>
<body id="body-login"><form method="post" name="login"><input type="text" name="user"><br></form></body>
</html>`;
    const xhtml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>It works!</p></body></html>`;
    const bare = '<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';
    for (const page of [html5, xhtml, bare]) {
      expect(reasonOf(() => parseMultistatus(page, '/dav/'))).toBe('not-multistatus');
    }
  });

  it('refuses other roots as not-multistatus and non-XML as not-xml', () => {
    expect(reasonOf(() => parseMultistatus('<d:error xmlns:d="DAV:"/>', '/dav/'))).toBe('not-multistatus');
    expect(reasonOf(() => parseMultistatus('{"error":"Unauthorized"}', '/dav/'))).toBe('not-xml');
    expect(reasonOf(() => parseMultistatus('', '/dav/'))).toBe('not-xml');
    expect(reasonOf(() => parseMultistatus(`garbage ${multistatus()}`, '/dav/'))).toBe('not-xml');
  });

  it('refuses a truncated or unbalanced body instead of returning a partial listing', () => {
    const whole = multistatus(response('/dav/a.jpg'), response('/dav/b.jpg'));
    const truncated = whole.slice(0, whole.indexOf('/dav/b.jpg'));
    expect(parseMultistatus(whole, '/dav/')).toHaveLength(2);
    expect(reasonOf(() => parseMultistatus(truncated, '/dav/'))).toBe('not-xml');
    expect(reasonOf(() => parseMultistatus(whole.replace('</d:href>', '</d:hreff>'), '/dav/'))).toBe(
      'not-xml',
    );
  });

  it('refuses a body over maxBytes, counting UTF-8 bytes', () => {
    const xml = multistatus(response('/dav/a.jpg'));
    const bytes = Buffer.byteLength(xml);
    expect(parseMultistatus(xml, '/dav/', { maxBytes: bytes })).toHaveLength(1);
    expect(reasonOf(() => parseMultistatus(xml, '/dav/', { maxBytes: bytes - 1 }))).toBe('too-large');
    const umlauts = multistatus(response('/dav/ÜÜÜÜÜÜÜÜÜÜ.jpg'));
    expect(reasonOf(() => parseMultistatus(umlauts, '/dav/', { maxBytes: umlauts.length + 5 }))).toBe(
      'too-large',
    );
  });

  it('refuses nesting deeper than maxDepth, default 64', () => {
    const xml = multistatus(response('/dav/d/', '<d:resourcetype><d:collection/></d:resourcetype>'));
    // multistatus > response > propstat > prop > resourcetype; the empty collection adds no level.
    expect(paths(parseMultistatus(xml, '/dav/', { maxDepth: 5 }))).toEqual([['d']]);
    expect(reasonOf(() => parseMultistatus(xml, '/dav/', { maxDepth: 4 }))).toBe('too-deep');
    const deep = multistatus(
      response('/dav/a.jpg', `${'<x:n xmlns:x="urn:x">'.repeat(61)}${'</x:n>'.repeat(61)}`),
    );
    expect(reasonOf(() => parseMultistatus(deep, '/dav/'))).toBe('too-deep');
    expect(paths(parseMultistatus(deep, '/dav/', { maxDepth: 70 }))).toEqual([['a.jpg']]);
  });
});

describe('MultistatusParser: a body as it arrives', () => {
  const body = multistatus(
    response('/dav/%C3%9Cbung.jpg'),
    response('/dav/Begrüßung &amp; Lied.jpg'),
    '<!-- a comment -->',
    response('/dav/<![CDATA[cdata.jpg]]>'),
  );

  it('a listing fed one byte at a time (characters split mid-sequence) parses as the whole body does', () => {
    const parser = new MultistatusParser('/dav/');
    const bytes = Buffer.from(`\ufeff${body}`);
    for (let k = 0; k < bytes.length; k++) parser.write(bytes.subarray(k, k + 1));
    const entries = parser.end();
    expect(entries).toEqual(parseMultistatus(body, '/dav/'));
    expect(paths(entries)).toEqual([['Übung.jpg'], ['Begrüßung & Lied.jpg'], ['cdata.jpg']]);
  });

  it('a body that stops early fails at end(), not before', () => {
    const parser = new MultistatusParser('/dav/');
    parser.write(Buffer.from(body.slice(0, body.indexOf('Lied'))));
    expect(reasonOf(() => parser.end())).toBe('not-xml');
  });

  it('refuses a tag that never ends once it passes 1 MiB, without buffering the rest', () => {
    const parser = new MultistatusParser('/dav/');
    parser.write('<d:multistatus xmlns:d="DAV:"><d:response a="');
    const chunk = 'x'.repeat(64 * 1024);
    let written = 0;
    const reason = reasonOf(() => {
      for (; written < 64 * 1024 * 1024; written += chunk.length) parser.write(chunk);
    });
    expect(reason).toBe('not-xml');
    expect(written).toBeLessThanOrEqual(1024 * 1024);
  });

  it('counts the bytes as they come and refuses more than maxBytes', () => {
    const parser = new MultistatusParser('/dav/', { maxBytes: 100 });
    parser.write(Buffer.from(body.slice(0, 60)));
    expect(reasonOf(() => parser.write(Buffer.from(body.slice(60, 120))))).toBe('too-large');
  });
});

describe('parseMultistatus: server styles', () => {
  const expected = (path: string[], size: number | null, isDirectory = false) =>
    expect.objectContaining({ path, size, isDirectory });

  it('reads Apache mod_dav bodies (D: with lp1: live props)', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/" xmlns:g0="DAV:">
<D:href>/dav/Congregation/</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getlastmodified>Thu, 04 Jan 2024 09:30:12 GMT</lp1:getlastmodified>
<lp1:getetag>"1000-60e1a8f0c2d00"</lp1:getetag>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
<D:propstat>
<D:prop>
<g0:getcontentlength/>
</D:prop>
<D:status>HTTP/1.1 404 Not Found</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/Congregation/flyer%20A5.pdf</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:creationdate>2024-01-04T09:31:00Z</lp1:creationdate>
<lp1:getcontentlength>48213</lp1:getcontentlength>
<lp1:getlastmodified>Thu, 04 Jan 2024 09:31:00 GMT</lp1:getlastmodified>
<lp1:getetag>"bc55-60e1a8f0c2d00"</lp1:getetag>
<lp2:executable>F</lp2:executable>
<D:supportedlock>
<D:lockentry>
<D:lockscope><D:exclusive/></D:lockscope>
<D:locktype><D:write/></D:locktype>
</D:lockentry>
</D:supportedlock>
<D:lockdiscovery/>
<D:getcontenttype>application/pdf</D:getcontenttype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>`;
    expect(parseMultistatus(xml, '/dav/Congregation/')).toEqual([
      {
        path: [],
        isDirectory: true,
        size: null,
        etag: '"1000-60e1a8f0c2d00"',
        lastModified: '2024-01-04T09:30:12.000Z',
      },
      {
        path: ['flyer A5.pdf'],
        isDirectory: false,
        size: 48213,
        etag: '"bc55-60e1a8f0c2d00"',
        lastModified: '2024-01-04T09:31:00.000Z',
      },
    ]);
  });

  it('reads SabreDAV/Nextcloud bodies (d: with oc: and nc: extra props)', () => {
    const xml = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
<d:response><d:href>/remote.php/dav/files/user%40example.com/Congregation/2024-01-04/</d:href>
<d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><oc:id>00000123ocabc</oc:id>
<oc:fileid>123</oc:fileid><oc:permissions>RGDNVCK</oc:permissions><oc:size>2048</oc:size>
<d:getetag>"659700e4d1a2f"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
</d:response>
<d:response><d:href>/remote.php/dav/files/user%40example.com/Congregation/2024-01-04/Bild%201.jpg</d:href>
<d:propstat><d:prop><d:resourcetype/><d:getcontentlength>2048</d:getcontentlength><oc:fileid>124</oc:fileid>
<nc:has-preview>true</nc:has-preview><d:getcontenttype>image/jpeg</d:getcontenttype>
<d:getetag>"3b5d5c3712955042212316173ccf37be"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
<d:propstat><d:prop><oc:owner-display-name/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
</d:response>
</d:multistatus>`;
    const entries = parseMultistatus(xml, '/remote.php/dav/files/user@example.com/Congregation');
    expect(entries).toEqual([
      expected(['2024-01-04'], null, true),
      expected(['2024-01-04', 'Bild 1.jpg'], 2048),
    ]);
    expect(entries.map((entry) => entry.etag)).toEqual([
      '"659700e4d1a2f"',
      '"3b5d5c3712955042212316173ccf37be"',
    ]);
  });

  it('reads rclone / golang x/net/webdav bodies (D: declared as DAV:, one line)', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/Congregation/</D:href><D:propstat><D:prop><D:resourcetype><D:collection xmlns:D="DAV:"/></D:resourcetype><D:displayname>Congregation</D:displayname><D:getlastmodified>Mon, 08 Jan 2024 18:04:05 GMT</D:getlastmodified><D:supportedlock><D:lockentry xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry></D:supportedlock></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response><D:href>/Congregation/song.mp3</D:href><D:propstat><D:prop><D:resourcetype></D:resourcetype><D:displayname>song.mp3</D:displayname><D:getcontentlength>5242880</D:getcontentlength><D:getlastmodified>Mon, 08 Jan 2024 18:04:05 GMT</D:getlastmodified><D:getcontenttype>audio/mpeg</D:getcontenttype><D:getetag>"17a8e1c2b3d4e5f6500000"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>';
    const entries = parseMultistatus(xml, '/Congregation/');
    expect(entries).toEqual([expected([], null, true), expected(['song.mp3'], 5242880)]);
    expect(entries[1]).toMatchObject({ etag: '"17a8e1c2b3d4e5f6500000"' });
  });

  it('reads a default xmlns and an unusual prefix alike', () => {
    const props = (p: string) =>
      `<${p}href>/dav/a.jpg</${p}href><${p}propstat><${p}prop><${p}getcontentlength>42</${p}getcontentlength><${p}getetag>"e"</${p}getetag></${p}prop><${p}status>HTTP/1.1 200 OK</${p}status></${p}propstat>`;
    const defaultNs = `<multistatus xmlns="DAV:"><response>${props('')}</response></multistatus>`;
    const oddPrefix = `<x:multistatus xmlns:x="DAV:"><x:response>${props('x:')}</x:response></x:multistatus>`;
    for (const xml of [defaultNs, oddPrefix]) {
      expect(parseMultistatus(xml, '/dav/')).toEqual([
        { path: ['a.jpg'], isDirectory: false, size: 42, etag: '"e"', lastModified: null },
      ]);
    }
  });

  it('survives property names the XML parser reserves', () => {
    const xml = multistatus(
      response('/dav/a.jpg', '<x:constructor xmlns:x="urn:x">1</x:constructor><d:getetag>"p"</d:getetag>'),
    );
    expect(parseMultistatus(xml, '/dav/').map((entry) => entry.etag)).toEqual(['"p"']);
  });

  it('parses 10,000 responses', () => {
    const responses = Array.from({ length: 10_000 }, (_, i) =>
      response(
        `${NC_BASE}2024-01-04/Bild%20${i}.jpg`,
        `<d:resourcetype/><d:getcontentlength>${i}</d:getcontentlength><d:getetag>"etag-${i}"</d:getetag><d:getlastmodified>Tue, 02 Jan 2024 10:00:00 GMT</d:getlastmodified>`,
      ),
    );
    const entries = parseMultistatus(multistatus(...responses), NC_BASE);
    expect(entries).toHaveLength(10_000);
    expect(entries[9999]).toEqual({
      path: ['2024-01-04', 'Bild 9999.jpg'],
      isDirectory: false,
      size: 9999,
      etag: '"etag-9999"',
      lastModified: '2024-01-02T10:00:00.000Z',
    });
  });
});

describe('parseMultistatus: fuzzing', () => {
  const sample = multistatus(
    response(`${NC_BASE}`, '<d:resourcetype><d:collection/></d:resourcetype>'),
    response(
      `${NC_BASE}a%20b/%C3%BC.jpg`,
      '<d:getetag>W/"x"</d:getetag><d:getcontentlength>12</d:getcontentlength>',
    ),
    response('relative/x.mp4'),
  );

  function checkResult(xml: string): void {
    let entries: RemoteEntry[];
    try {
      entries = parseMultistatus(xml, NC_BASE, { maxBytes: 1 << 16 });
    } catch (error) {
      expect(error).toBeInstanceOf(MultistatusError);
      return;
    }
    for (const entry of entries) {
      for (const segment of entry.path) expect(segment).not.toBe('');
    }
  }

  it('throws only MultistatusError on random strings', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '/',
      '</d:href>',
      '<d:response>',
      '<!',
      '&amp;',
      '%',
      '"',
      'd:',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.oneof(pieces, fc.string())).map((p) => p.join('')),
        ),
        (xml) => {
          checkResult(xml);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws only MultistatusError on mutated valid bodies', () => {
    const mutation = fc.record({
      at: fc.nat({ max: sample.length }),
      remove: fc.nat({ max: 20 }),
      insert: fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('<', '</d:prop>', '%', '/', '//', '%2F', '&'),
      ),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        let xml = sample;
        for (const { at, remove, insert } of mutations)
          xml = xml.slice(0, at) + insert + xml.slice(at + remove);
        checkResult(xml);
      }),
      { numRuns: 1000 },
    );
  });
});
