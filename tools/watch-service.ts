/**
 * The files that start `watch` at login: a Windows script (in the Startup folder, or run by a task "at log on"), a
 * macOS LaunchAgent, a systemd user unit; their names and where each platform looks for them. Pure: the home folder
 * and the environment's folders are given.
 */
import path from 'node:path';

export const SERVICE_PLATFORMS = ['windows', 'macos', 'linux'] as const;
export type ServicePlatform = (typeof SERVICE_PLATFORMS)[number];

export interface ServiceCommand {
  /** The program and its arguments: the Node.js executable and bin/host.cjs (or a single executable alone), then
   * `watch --profile DIR ...`. */
  words: string[];
  /** The profile folder (the log of the service goes into its logs folder). */
  profile: string;
  /** The entry's names, the profile's own (`serviceNames`). */
  names: ServiceNames;
}

/** The systemd unit's name, the LaunchAgent's label, the scheduled task's name, the Windows script's name. */
export interface ServiceNames {
  unit: string;
  label: string;
  task: string;
  script: string;
}

/** The standard profile's names. */
export const SERVICE_NAMES: ServiceNames = {
  unit: 'congregation-sync-watch.service',
  label: 'org.congregation-sync.watch',
  task: 'Congregation Sync watch',
  script: 'congregation-sync-watch.cmd',
};

/**
 * The names of a profile's entry: the standard profile's plain ones, any other profile's marked with `mark` (taken
 * from its path), so that each profile has an entry of its own (a hall's computer shared by two congregations).
 */
export function serviceNames(mark: string): ServiceNames {
  if (mark === '') return SERVICE_NAMES;
  return {
    unit: `congregation-sync-watch-${mark}.service`,
    label: `org.congregation-sync.watch.${mark}`,
    task: `Congregation Sync watch ${mark}`,
    script: `congregation-sync-watch-${mark}.cmd`,
  };
}

/** Where a platform's start-at-login entry is looked for: the user's home and the folders its environment names. */
export interface HomeFolders {
  home: string;
  /** `XDG_CONFIG_HOME` (Linux), if set. */
  xdgConfigHome?: string | undefined;
  /** `APPDATA` (Windows), if set. */
  appData?: string | undefined;
}

/** The file a platform reads at login: the user unit, the LaunchAgent, the script in the Startup folder. */
export function serviceFilePath(
  platform: ServicePlatform,
  folders: HomeFolders,
  names: ServiceNames,
): string {
  switch (platform) {
    case 'linux':
      return path.join(
        folders.xdgConfigHome || path.join(folders.home, '.config'),
        'systemd',
        'user',
        names.unit,
      );
    case 'macos':
      return path.join(folders.home, 'Library', 'LaunchAgents', `${names.label}.plist`);
    case 'windows':
      return path.join(
        folders.appData || path.join(folders.home, 'AppData', 'Roaming'),
        'Microsoft',
        'Windows',
        'Start Menu',
        'Programs',
        'Startup',
        names.script,
      );
  }
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A word of a systemd ExecStart: quoted when it holds a space; `%` is systemd's specifier sign. */
const quoted = (s: string) =>
  (/[\s"]/.test(s) ? `"${s.replace(/(["\\])/g, '\\$1')}"` : s).replace(/%/g, '%%');
/** A word of a cmd script: quoted where cmd would split it or act on it; `%` doubled, since a script reads `%%` as `%`. */
const windowsQuoted = (s: string) => {
  const word = s.replace(/%/g, '%%');
  return /[\s&()^,;=<>|]/.test(word) ? `"${word}"` : word;
};

export function serviceFile(platform: ServicePlatform, command: ServiceCommand): string {
  const { words, names } = command;
  switch (platform) {
    case 'windows':
      return [
        '@echo off',
        // the script is UTF-8: a folder such as C:\Users\Jürgen is read as written, whatever the console's code page
        'chcp 65001 >nul',
        'rem Congregation Sync: syncs on its own while you are logged in.',
        `rem Save as %APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\${names.script}`,
        `start "Congregation Sync" /min ${words.map(windowsQuoted).join(' ')}`,
        '',
      ].join('\r\n');
    case 'macos':
      return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Save as ~/Library/LaunchAgents/${xml(names.label)}.plist, then:
     launchctl load ~/Library/LaunchAgents/${xml(names.label)}.plist -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${xml(names.label)}</string>
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
      return `# Save as ~/.config/systemd/user/${names.unit}, then:
#   systemctl --user daemon-reload && systemctl --user enable --now ${names.unit}
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
