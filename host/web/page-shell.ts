/** The HTML shell of the host's pages (the page, the media window): its script, its style, the session token. */
import type { Language } from '../i18n.js';

export interface Shell {
  language: Language;
  token: string;
  title: string;
  /** The bundle's name in dist/web: `<entry>.js` and `<entry>.css`. */
  entry: string;
  /** More `<meta name content>` for the page's script. */
  meta?: Record<string, string>;
  body: string;
}

const escapeHtml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function pageShell(shell: Shell): string {
  const { language, token, entry } = shell;
  const meta = Object.entries(shell.meta ?? {})
    .map(([name, content]) => `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">\n`)
    .join('');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="session-token" content="${token}">
${meta}<title>${escapeHtml(shell.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${entry}.css?token=${token}">
<script type="module" src="/${entry}.js?token=${token}"></script>
</head>
${shell.body}
</html>
`;
}
