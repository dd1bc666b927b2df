/** The files that start `watch` at login: a Windows Startup-folder script, a macOS LaunchAgent, a systemd user unit. */

export const SERVICE_PLATFORMS = ['windows', 'macos', 'linux'] as const;
export type ServicePlatform = (typeof SERVICE_PLATFORMS)[number];

export interface ServiceCommand {
  /** The Node.js executable. */
  node: string;
  /** The host's entry script (bin/host.cjs). */
  script: string;
  /** The arguments after the script: `watch --profile DIR ...`. */
  args: string[];
  /** The profile folder (the log of the service goes into its logs folder). */
  profile: string;
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A word of a systemd ExecStart: quoted when it holds a space; `%` is systemd's specifier sign. */
const quoted = (s: string) =>
  (/[\s"]/.test(s) ? `"${s.replace(/(["\\])/g, '\\$1')}"` : s).replace(/%/g, '%%');
const windowsQuoted = (s: string) => (/[\s&()^]/.test(s) ? `"${s}"` : s);

export function serviceFile(platform: ServicePlatform, command: ServiceCommand): string {
  const words = [command.node, command.script, ...command.args];
  switch (platform) {
    case 'windows':
      return [
        '@echo off',
        'rem Congregation Sync: syncs on its own while you are logged in.',
        'rem Save as %APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\congregation-sync-watch.cmd',
        `start "Congregation Sync" /min ${words.map(windowsQuoted).join(' ')}`,
        '',
      ].join('\r\n');
    case 'macos':
      return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Save as ~/Library/LaunchAgents/org.congregation-sync.watch.plist, then:
     launchctl load ~/Library/LaunchAgents/org.congregation-sync.watch.plist -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>org.congregation-sync.watch</string>
  <key>ProgramArguments</key>
  <array>
${words.map((w) => `    <string>${xml(w)}</string>`).join('\n')}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>StandardErrorPath</key>
  <string>${xml(`${command.profile}/logs/watch.log`)}</string>
</dict>
</plist>
`;
    case 'linux':
      return `# Save as ~/.config/systemd/user/congregation-sync-watch.service, then:
#   systemctl --user daemon-reload && systemctl --user enable --now congregation-sync-watch.service
[Unit]
Description=Congregation Sync: sync on its own before every meeting
After=network-online.target

[Service]
ExecStart=${words.map(quoted).join(' ')}
Restart=on-failure
RestartSec=60

[Install]
WantedBy=default.target
`;
  }
}
