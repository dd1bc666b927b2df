/** The plugin's user-facing texts in English and German: its one catalogue. */
import type { SkipReason } from './core/planner.js';

const en = {
  'error.invalid-url': 'The web address "{url}" is not valid. Enter it as https://server/path/.',
  'error.insecure':
    'The web address "{url}" uses plain http://, which would send your password unencrypted. Use https:// (plain http is accepted only for this computer).',
  'error.dns':
    'The server name in "{url}" could not be found. Check the web address and your internet connection.',
  'error.refused':
    'No server answers at "{url}". Check the web address and port, and that the server is running.',
  'error.tls':
    'The secure connection to "{url}" could not be verified ({detail}). If your server uses its own certificate authority, set its PEM file in "CA file"; never turn verification off.',
  'error.tls.terminal':
    'The secure connection to "{url}" could not be verified ({detail}). If your server uses its own certificate authority, give its PEM file: npm run --silent host -- config set caFile /PATH/ca.pem (the sync command: --ca FILE); never turn verification off.',
  'error.auth':
    'The server refused the user name or password (HTTP 401). Check both; services such as Koofr, Yandex, or Nextcloud with two-factor login need an app password instead of your normal one.',
  'error.forbidden':
    'The server refused access to the folder "{folder}" (HTTP 403). Check the folder and your rights.',
  'error.not-found':
    'The folder "{folder}" was not found on the server (HTTP {status}). Choose it with "Browse folder".',
  'error.not-found.terminal':
    'The folder "{folder}" was not found on the server (HTTP {status}). Choose one: npm run --silent host -- run congregation-sync.browseFolder; or name it: npm run --silent host -- config set folder /PATH (the sync command: --folder /PATH).',
  'error.file-not-found':
    'The server lists "{path}" but did not deliver it (HTTP {status}). The other files were synced; sync again later.',
  'error.method':
    'The server does not allow this request at "{url}" (HTTP {status}). Check that the address points to a WebDAV folder.',
  'error.rate-limit': 'The server reports too many attempts (HTTP 429). Wait a few minutes and try again.',
  'error.timeout':
    'The server at "{url}" did not answer within {seconds} {seconds:second|seconds}. Check that the server is running and the network connection, then try again; a slow server needs a longer request timeout.',
  'error.no-answer':
    'The server at "{url}" does not answer: nothing came back, also when asked again. Check that the server is running, that the web address is right, and the network connection; then try again.',
  'error.reset': 'The connection to the server broke off ({detail}). Try again.',
  'error.server': 'The server reported an error (HTTP {status}). Try again later.',
  'error.http': 'The server answered with HTTP {status}.',
  'error.not-webdav':
    'The address "{url}" answers, but not as a WebDAV server ({detail}). Check the address (for Nextcloud: …/remote.php/dav/files/USER/).',
  'error.redirect':
    'The server redirected to another address ({detail}); your password was not sent there. Enter the final address as the web address.',
  'error.too-large': 'The server sent more data than allowed ({detail}); it was rejected.',
  'error.size-mismatch':
    'The download of "{path}" did not match the listed size ({detail}); it was discarded.',
  'error.conflict': 'The server refused the change because something changed meanwhile (HTTP {status}).',
  'error.parent-missing':
    'A folder on the way is missing on the server ({detail}). Check the sync folder with "Test connection".',
  'error.parent-missing.terminal':
    'A folder on the way is missing on the server ({detail}). Check the sync folder: npm run --silent host -- run congregation-sync.testConnection',
  'error.protocol':
    "The server's answer breaks the HTTP rules ({detail}); the server needs fixing or another server.",
  'error.stored-differently':
    'The server stored it differently ({detail}). Nothing else was removed; check the file on the server.',
  'error.cancelled': 'Cancelled.',
  'error.not-configured':
    'Congregation Sync is not set up yet: enter the web address, user name, password and folder.',
  'error.disk-full':
    'The disk holding "{folder}" is full: "{path}" could not be written. Free some space on it and try again.',
  'error.disk-full.needed':
    'The disk holding the media folder "{folder}" is full: "{path}" could not be written, and the sync stopped. Free about {mb} MB on it and sync again.',
  'error.read-only':
    'The disk holding "{folder}" is read-only: "{path}" cannot be written. Choose another folder, or make that disk writable.',
  'error.no-permission':
    'No permission to write "{path}". Check the permissions of "{folder}" for the user this runs as, or choose another folder.',
  'error.not-a-folder':
    '"{path}" cannot be written: something on its way is a file, not a folder. Move that file away, or choose another folder.',
  'error.media-not-a-folder':
    'The media folder "{folder}" is a file, not a folder: nothing was synced. Give --media-dir a folder, or move that file away.',
  'error.media-read-only':
    'The media folder "{folder}" is on a read-only disk: nothing was synced. Give --media-dir a folder on a writable disk, or make that disk writable.',
  'error.media-no-permission':
    'No permission to write into the media folder "{folder}": nothing was synced. Check its permissions for the user this runs as, or give --media-dir another folder.',
  'error.io': 'Writing "{path}" failed ({detail}). Check the disk, then try again.',
  'error.ca-file': 'The CA file "{file}" cannot be read: {detail}',
  'connection.ok': 'Connection OK: the folder "{folder}" at {url} is reachable.',
  'connection.testing': 'Testing the connection…',
  'connection.missingFolder':
    'The folder "{folder}" does not exist on the server yet. Create it (with any missing folders above it)?',
  'connection.missingFolder.cli':
    'The folder "{folder}" was not found on the server (HTTP 404). To create it (and any missing folders above it): npm run --silent vo -- test-connection --create-folder',
  'connection.createFolder': 'Create folder',
  'preset.pick': 'Choose your WebDAV provider (listed as a courtesy, not an endorsement)',
  'preset.applied': '{name}: {note}',
  'browse.title': 'Folder "{folder}": choose a sub-folder, go up, or use this folder',
  'browse.use': '✔ Use this folder',
  'browse.up': '⬆ Up one level',
  'browse.chosen': 'Sync folder set to "{folder}".',
  'export.unsupported':
    "{count} {count:item|items} left out of M³'s watched folder, because M³ ignores their type: {names}",
  'export.blocked':
    'M³\'s watched folder already holds "{path}", which this plugin did not place: it was left alone.',
  'export.overlap':
    'M³\'s watched folder "{folder}" is, or is inside, the media folder (or holds it): choose a folder of its own. Nothing was exported.',
  'export.invalidOrder':
    "\"{path}\" in M³'s watched folder is not valid JSON: it was left as it is, and the congregation's items of that date keep M³'s default place. Drag an item in M³ to have M³ write the file again, or delete it.",
  'export.fileFailed':
    '"{path}" in M³\'s watched folder could not be written or removed ({detail}); the other files were. It is tried again at the next sync.',
  'export.failed':
    'M³\'s watched folder "{folder}" could not be written ({detail}). Check the folder in the settings and that you may write to it.',
  'auto.changed':
    '{time} Synced: {downloaded} downloaded, {removed} removed; M³ folder: {placed} placed, {unplaced} removed.',
  'auto.unchanged': '{time} Synced: nothing changed.',
  'auto.meetingReady': 'Next meeting {date}: ready.',
  'auto.meetingMissing': 'Next meeting {date}: {count} {count:item|items} missing: {names}.',
  'auto.started': '{time} Sync started.',
  'auto.busy': '{time} A sync is running already; the next one comes at the next tick.',
  'auto.meeting': 'No automatic downloads during the meeting, until {time}.',
  'auto.meetingStopped': '{time} The meeting starts: the automatic sync stops; it goes on after the meeting.',
  'auto.failed':
    '{time} Sync failed ({count} {count:problem|problems}), tried again at the next tick. First: {first}',
  'sync.title': 'Sync congregation',
  'sync.done':
    'Congregation media up to date: {downloaded} downloaded, {removed} removed, {unchanged} unchanged.',
  'sync.problems': 'Sync finished with {count} {count:problem|problems}:',
  'sync.problemGroup': '{count} {count:file|files}: {message}',
  'sync.problemsMore': 'and {count} more: every problem is in the log, {log}',
  'sync.problemsMore.noFile': "and {count} more: every problem is in the host's log",
  'sync.progress': '{files}/{totalFiles} files, {mb} of {totalMb} MB',
  'sync.confirmRemoval':
    'The congregation folder no longer has {count} of the {managed} files synced before. Remove them from this computer?',
  'sync.remove': 'Remove',
  'sync.keep': 'Keep',
  'sync.preview': 'Preview: {fetch} to download, {remove} to remove, {keep} unchanged. Nothing was changed.',
  'sync.waiting':
    'Another sync of this profile is running (the watch service or another window): waiting for it to finish, then syncing what is left.',
  'organiser.done': '{what} Other computers get it on their next sync.',
  'organiser.done.nothing': 'Nothing changed on the server.',
  'organiser.done.changes': '{count} {count:change|changes} on the server.',
  'organiser.done.uploadOne': '"{name}" uploaded for {date}.',
  'organiser.done.upload': '{count} {count:file|files} uploaded for {date}.',
  'organiser.done.uploadRecurringOne': '"{name}" added to the recurring media.',
  'organiser.done.uploadRecurring': '{count} {count:file|files} added to the recurring media.',
  'organiser.done.rename': '"{from}" renamed to "{to}".',
  'organiser.done.delete': '"{name}" removed from {date}.',
  'organiser.done.hide': '"{name}" hidden on {date}.',
  'organiser.done.unhide': '"{name}" shown again on {date}.',
  'organiser.done.recurringRemove': '"{name}" removed from the recurring media.',
  'organiser.done.pushSettings': '{count} {count:setting applies|settings apply} to the whole congregation.',
  'organiser.done.liftSettings':
    '{count} {count:setting applies|settings apply} no longer to the whole congregation.',
  'organiser.done.cleanup': '{count} past date {count:folder|folders} removed from the server.',
  'organiser.done.sectionStart': '{date}: the congregation’s items go to the start of "{section}".',
  'organiser.done.sectionEnd': '{date}: the congregation’s items go to the end of "{section}".',
  'organiser.done.sectionDefault': '{date}: the congregation’s items go where M³ puts them.',
  'organiser.uploading': 'Uploading',
  'organiser.exists.ask': '"{name}" is on the server already. Replace it, keep both, or skip this file?',
  'organiser.exists.replace': 'Replace',
  'organiser.exists.keepBoth': 'Keep both (new one as "{free}")',
  'organiser.exists.skip': 'Skip',
  'organiser.exists.askMany':
    '"{name}" and {more} more {more:file|files} of this upload are on the server already. Replace, keep both or skip: this file, or all of them?',
  'organiser.exists.replaceAll': 'Replace all',
  'organiser.exists.keepBothAll': 'Keep both for all',
  'organiser.exists.skipAll': 'Skip all',
  'organiser.exists.headless':
    '{name} exists already: use --overwrite to replace it, or --rename-existing to keep both (the new one as "{free}")',
  'organiser.typeRefused':
    '"{name}" is not a file a presenter shows (images, videos, audio, PDF, JW playlists: {types}); it was not uploaded.',
  'organiser.typeRefused.cli': '{message} Add --any-type to upload it anyway.',
  'organiser.fileFailed': '{name}: {message}',
  'organiser.pickSettings':
    'Congregation-wide settings: tick what everybody must use (with your current value)',
  'organiser.cleanupAsk':
    'Remove {count} date {count:folder|folders} before {before} from the server, for everybody?',
  'organiser.cleanupConfirm': 'Remove',
  'organiser.cleanupDeclined': 'Nothing was removed: the removal was not confirmed.',
  'organiser.cleanupDeclined.cli':
    'Nothing was removed: not confirmed. To remove them, run the command again with --yes.',
  'panel.title': 'Congregation Sync',
  'panel.serverUrl': 'Web address',
  'panel.serverUrl.hint': 'Click the label to choose your provider',
  'panel.username': 'User name',
  'panel.password': 'Password',
  'panel.folder': 'Sync folder',
  'panel.testConnection': 'Test connection',
  'panel.choosePreset': 'Choose provider',
  'panel.congregationSettings': 'Congregation-wide settings',
  'panel.presenterFolder': "Folder for M³'s folder watcher",
  'panel.presenterFolder.hint':
    "Optional: after every sync this folder holds each meeting date's visible congregation media. Set M³'s folder watcher to it.",
  'panel.autoSync': 'Sync automatically',
  'panel.bwlimit': 'Bandwidth limit',
  'panel.bwlimit.hint':
    "Optional: downloads and uploads together no faster than this, per second (512k, 2M), so that the hall's line stays free for the meeting's stream.",
  'demo.server': 'Demo WebDAV server: {url} (folder /Congregation, user "demo"), serving {folder}',
  'demo.disabled':
    'The plugin is disabled in the demo profile; enable it with:\n  npm run --silent host -- plugins enable congregation-sync --profile {profile}',
  'demo.presenter': 'Presenter {profile}: plugin {name} {version} enabled',
  'demo.recurring': 'recurring',
  'demo.source.jw': 'JW',
  'demo.source.congregation': 'congregation',
  'demo.source.local': 'local',
  'demo.hidden': 'hidden',
  'demo.next':
    'Media folder: {folder}\nTo use your own server instead (see README, "Point it at your server"):\n  npm run --silent host -- config set serverUrl https://cloud.example.org/remote.php/dav/files/USER/\n  npm run --silent host -- config set username USER\n  npm run --silent host -- config set folder /Congregation\n  npm run --silent host -- secret set password          (asks; or --from-env VAR)\n  npm run --silent host -- run congregation-sync.testConnection\n  npm run --silent host -- run congregation-sync.sync\nnpm start -- --reset starts the demo over.',
  'setup.missing': 'Congregation Sync is not set up yet. Missing, and how to set it:',
  'setup.oneRun': 'or {env}=… for one run',
  'help.open':
    'with no command: the page of the profile in the browser, served until Ctrl+C, or the one already running; its address stays the same (a bookmark works)',
  'help.synopsis.open': '[--profile DIR] [--port N] [--no-open]',
  'help.start':
    'demo: embedded WebDAV server, plugin enabled, connect and sync, then the web page until Ctrl+C (--once: exit after the sync, --reset: start the demo over)',
  'help.sync': 'sync the congregation folder headless (help sync: its options)',
  'help.vo': "the organiser's actions (help vo: the actions)",
  'cli.notHere': '{option} is not an option of this command',
  'cli.date': '{option} must be a date as YYYY-MM-DD, got "{value}"',
  'cli.integer': '{option} must be a whole number, got "{value}"',
  'cli.rate':
    '{option} must be a rate per second such as 512k, 2M, 1.5M or 800 (bytes), or 0 or off for no limit; got "{value}"',
  'help.watch':
    'keep running and sync on its own: at start, every interval, before each meeting (help watch)',
  'help.synopsis.sync': 'sync [options]',
  'help.synopsis.vo': 'vo <action> [options]',
  'help.synopsis.watch': 'watch [--interval SECONDS] [--verbose] [--print-service windows|macos|linux]',
  'help.service': 'start watch at every login, stop that, or say whether it is set (help service)',
  'help.status': 'the last sync, the next one, whether the next meeting is ready, and the service (--json)',
  'help.synopsis.service': 'service install | uninstall | status [--print]',
  'help.synopsis.status': 'status [--json]',
  'usage.connection': `--url URL --user NAME --folder PATH --media-dir DIR [--profile DIR] [--today YYYY-MM-DD]
  [--weeks N] [--ca FILE] [--concurrency N] [--timeout SECONDS] [--bwlimit RATE] [--json] [--yes] [--lang en|de]
--bwlimit RATE: downloads and uploads together no faster than RATE per second (512k, 2M; 0 or off: no limit).
Options not given come from the profile's settings. The password comes from CONGSYNC_PASSWORD or the profile's
secret store, never from the command line. Exit codes: 0 done, 1 some items failed, 2 usage, configuration,
connection or authentication error.`,
  'usage.sync': `Usage: CONGSYNC_PASSWORD=… npm run --silent sync -- [--dry-run] [--presenter-folder DIR] {connection}
--dry-run: only say what the sync would download and remove; nothing is changed.
--presenter-folder DIR: after the sync, DIR holds each meeting date's visible congregation media as M³'s folder
watcher reads them (YYYY-MM-DD folders).`,
  'usage.vo': `Usage: CONGSYNC_PASSWORD=… npm run --silent vo -- <action> … {connection}
Actions:
  test-connection [--create-folder]                check the sync folder; create it (and its parents) if missing
  upload --date YYYY-MM-DD FILE... [--overwrite | --rename-existing] [--any-type]
                                                   additional media for a meeting date
  upload --recurring FILE... [same options]        recurring media, shown on every meeting date
                                                   a name that exists: --overwrite replaces it, --rename-existing
                                                   keeps both (the new one as "Name (2).ext"); only images, videos,
                                                   audio, PDF and .jwlplaylist unless --any-type
  rename --date YYYY-MM-DD OLD NEW                 rename congregation media of a date
  delete --date YYYY-MM-DD NAME                    delete congregation media of a date
  hide --date YYYY-MM-DD NAME | unhide --date YYYY-MM-DD NAME
                                                   hide an item on that date for everybody (any source), or show it
  recurring-remove NAME                            remove recurring media (from every date on the next sync)
  push-settings KEY...                             these presenter settings, with your values, become congregation-wide
  lift-settings KEY...                             stop enforcing these settings
  section --date YYYY-MM-DD SECTION [--end]        where the date's congregation items go in today's M³: SECTION is
                                                   tgw, ayfm, lac (midweek), pt, wt (weekend), circuit-overseer, at
                                                   the section's start (--end: its end), or default (M³ decides)
  cleanup --before YYYY-MM-DD [--yes]              remove past date folders from the server (asks, or --yes)`,
  'usage.watch': `Usage: npm run --silent host -- watch [--interval SECONDS] [--verbose] [--presenter-folder DIR]
  [--print-service windows|macos|linux] [options of the sync CLI]
Syncs at start, every interval (default 600 seconds) and 60 and 15 minutes before each meeting, one sync at a time,
until Ctrl+C or SIGTERM. Prints one line per sync that changed something (--verbose: every sync).
--print-service prints the file that starts it at login; service install writes and enables it.
{connection}`,
  'usage.service': `Usage: npm run --silent host -- service install | uninstall | status [--print] [--profile DIR]
  [--interval SECONDS] [--media-dir DIR] [--presenter-folder DIR] [--json] [--lang en|de]
install: runs watch with these options at every login of this user, with this installation and profile: a systemd
user unit (Linux; enabled where the user manager runs, else the command to enable it is shown), a LaunchAgent
(macOS; loaded), a task "at log on" or, where that is refused, a script in the Startup folder (Windows).
uninstall: stops it and removes exactly what install wrote. status: whether it is installed and runs.
--print: shows what install or uninstall would write, run or remove, and changes nothing.`,
  'usage.status': `Usage: npm run --silent host -- status [--json] [--profile DIR] [--lang en|de]
The last sync (when, how it ended, its problems), the next planned one, whether the next meeting is ready (each
meeting date's readiness with --json), and whether watch is installed to start at login and runs. It reads only the
profile, so it answers while watch runs.`,
  'panel.sync': 'Sync congregation',
  'name.empty': 'the name is empty',
  'name.dot-segment': 'the name is "." or ".."',
  'name.separator': 'the name contains a path separator',
  'name.control-character':
    'the name contains a control character or a character not allowed in file names (< > : " | ? *)',
  'name.reserved-name': 'the name is reserved by Windows (such as CON, NUL, COM1 or LPT1)',
  'name.trailing-dot-or-space': 'the name ends with a dot or a space',
  'name.too-long': 'the name is longer than 255 bytes',
  'skip.no-size': 'the server did not give its size',
  'skip.presenter-has-name': 'the presenter already has a file of that name',
  'skip.in-the-way':
    "a file of this name that Congregation Sync did not place is in the way; it is left as it is: rename or move it, and the next sync places the congregation's file",
  'skip.collision': 'its name collides with {other}',
  'organiser.notADate': '"{date}" is not a date: use YYYY-MM-DD, e.g. 2026-12-02',
  'organiser.badName': '"{name}" cannot be used as a file name: {why}',
  'organiser.noFiles': 'Name at least one file to upload.',
  'organiser.notAFile': '{file} is not a file that can be read.',
  'organiser.noMediaForDate': 'There are no media for {date} on the server.',
  'organiser.notOnServer': '{name} is not on the server there.',
  'organiser.notASetting': 'not a congregation-wide setting: {keys} (choose from {known})',
  'organiser.noSetting': 'Name at least one setting.',
  'organiser.conflict.setting':
    '{setting}: another organiser set it to {theirs} since your last sync, you to {mine}; forcedPrefs.json keeps {theirs} and nothing of your change was written. Sync, check the setting, then try again',
  'organiser.conflict.notEnforced': 'not congregation-wide',
  'organiser.conflict.locked':
    'forcedPrefs.json is locked: another organiser is changing the settings. Try again in a minute',
  'organiser.conflict.busy':
    'forcedPrefs.json kept being changed by other organisers while yours was written: sync, check the settings, then try again',
  'organiser.notASection': '"{section}" is not a place in the meeting: choose one of {known}',
  'organiser.pickSection': "Place in the meeting: where do the congregation's items of this date go in M³?",
  'organiser.pickEdge': "Before or after the section's JW items?",
  'organiser.sectionStart': 'At the start of the section, before its JW items',
  'organiser.sectionEnd': 'At the end of the section, after its JW items',
  'organiser.conflict.place':
    '{date}: another organiser chose another place in the meeting since your last sync; meetingSections.json keeps theirs and nothing of your change was written. Sync, check the place, then try again',
  'section.tgw': 'Treasures From God’s Word',
  'section.ayfm': 'Apply Yourself to the Field Ministry',
  'section.lac': 'Living as Christians',
  'section.pt': 'Public Talk',
  'section.wt': 'Watchtower Study',
  'section.circuit-overseer': 'Circuit Overseer',
  'section.default': 'Where M³ puts them (default)',
  'status.noFile': 'not on this computer (no file)',
  'vo.takes': '{action} takes {what}',
  'vo.args.none': 'no arguments',
  'vo.args.rename': '--date YYYY-MM-DD OLD NEW',
  'vo.args.dateName': '--date YYYY-MM-DD NAME',
  'vo.args.name': 'NAME',
  'vo.args.section': '--date YYYY-MM-DD SECTION [--end]',
  'vo.args.before': '--before YYYY-MM-DD',
  'vo.files': 'upload takes one or more files',
  'vo.dateOrRecurring': 'upload takes either --date YYYY-MM-DD or --recurring',
  'vo.overwriteOrRename': 'upload takes --overwrite or --rename-existing, not both',
  'vo.keys': '{action} takes one or more setting keys',
  'vo.unknown': 'unknown action "{action}"',
  'vo.noAction': 'name an action',
  'cli.unexpected': 'unexpected argument "{value}"',
  'watch.needsValue': '{flag} needs a value',
  'watch.interval': '--interval must be a whole number of seconds from 1 to 86400, got "{value}"',
  'watch.service': '--print-service takes {platforms}, got "{value}"',
  'watch.noToday': '--today is not an option of watch',
  'service.unknownAction': 'name an action: install, uninstall or status (got "{action}")',
  'service.wrote': 'Wrote {file}',
  'service.enabled': 'It runs now and at every login ({manager}).',
  'service.toEnable': 'To start it now and at every login, run:',
  'service.atLogin': 'It starts at your next login.',
  'service.wouldWrite': 'Would write {file}:',
  'service.wouldRun': 'Would run: {command}',
  'service.wouldRemove': 'Would remove {file}',
  'service.removed': 'Removed {file}',
  'service.notInstalled': 'Not installed for this profile: nothing to remove.',
  'service.none': 'Service: not installed (service install starts watch at every login).',
  'service.running': 'Service: installed ({where}), running.',
  'service.stopped': 'Service: installed ({where}), not running.',
  'service.unknown': 'Service: installed ({where}); whether it runs cannot be told here.',
  'service.broken': 'Service: partly removed ({where}); service install writes it again.',
  'cli.status.never': 'Last sync: none yet.',
  'cli.status.ok': 'Last sync {time}: done.',
  'cli.status.problems': 'Last sync {time}: {count} {count:problem|problems}: {problems}',
  'cli.status.failed': 'Last sync {time} failed: {problems}',
  'cli.status.next': 'Next sync {time}.',
  'cli.status.nextNone': 'Next sync: none planned (watch syncs on its own).',
  'cli.status.noMeeting': 'No meeting date in the synced weeks yet.',
  'sync.keptRemovals':
    '{count} of {managed} congregation files are gone from the server; they were kept on this computer, as chosen. The next sync asks again.',
  'sync.keptRemovals.cli':
    '{count} of {managed} congregation files are gone from the server; they were kept on this computer. To remove them, run the sync again with --yes.',
  'sync.keptRemovals.window':
    '{count} of {managed} congregation files are gone from the server; they were kept on this computer. To remove them, run "{command}" and choose "{button}".',
  'preset.nextcloud.note':
    'Use your login name as user name. With two-factor login, create an app password under Settings → Security.',
  'preset.owncloud.note': 'Older ownCloud servers use …/remote.php/webdav/ instead.',
  'preset.koofr.note':
    'Koofr needs an app password, not your normal password: Preferences → Password → App passwords.',
  'preset.4shared.note': 'Use your 4shared e-mail address as user name.',
  'preset.pcloud-us.note': 'For accounts in pCloud’s US data region.',
  'preset.pcloud-eu.note': 'For accounts in pCloud’s EU data region (Luxembourg).',
  'preset.kdrive.note':
    'Enter your kDrive ID (the number in the address of kDrive in the browser) as server.',
  'preset.yandex.note':
    'Yandex Disk needs an app password, not your normal password (Yandex ID → Security → App passwords → Files).',
  'preset.powerfolder.note': 'Use your PowerFolder account.',
  'preset.nas.note':
    'Install the NAS’s WebDAV server and enable HTTPS (Synology: port 5006). If its certificate is your own, set the CA file.',
  'preset.own.note': 'Any WebDAV server works: Apache, nginx, rclone, a NAS. Use HTTPS.',
  'preset.own.name': 'My own server',
  'preset.askServer': 'server (cloud.example.org)',
  'preset.askUser': 'user name',
  'ask.date': 'Meeting date (YYYY-MM-DD)',
  'ask.name': 'File name',
  'ask.newName': 'New file name',
  'ask.files': 'Files to upload (paths, separated by ";")',
  'ask.before': 'Remove date folders before (YYYY-MM-DD)',
  'ask.keys': 'Settings (keys, separated by spaces)',
};

type Key = keyof typeof en;

const de: Record<Key, string> = {
  'error.invalid-url': 'Die Web-Adresse „{url}“ ist ungültig. Bitte als https://server/pfad/ eingeben.',
  'error.insecure':
    'Die Web-Adresse „{url}“ verwendet http:// und würde das Passwort unverschlüsselt senden. Bitte https:// verwenden (http ist nur für diesen Computer erlaubt).',
  'error.dns':
    'Der Servername in „{url}“ wurde nicht gefunden. Bitte Web-Adresse und Internetverbindung prüfen.',
  'error.refused':
    'Unter „{url}“ antwortet kein Server. Bitte Web-Adresse und Port prüfen und ob der Server läuft.',
  'error.tls':
    'Die sichere Verbindung zu „{url}“ konnte nicht überprüft werden ({detail}). Wenn Ihr Server eine eigene Zertifizierungsstelle verwendet, deren PEM-Datei unter „CA-Datei“ angeben; die Prüfung nie abschalten.',
  'error.tls.terminal':
    'Die sichere Verbindung zu „{url}“ konnte nicht überprüft werden ({detail}). Wenn Ihr Server eine eigene Zertifizierungsstelle verwendet, deren PEM-Datei angeben: npm run --silent host -- config set caFile /PFAD/ca.pem (beim Befehl sync: --ca DATEI); die Prüfung nie abschalten.',
  'error.auth':
    'Der Server hat Benutzername oder Passwort abgelehnt (HTTP 401). Bitte beides prüfen; Dienste wie Koofr, Yandex oder Nextcloud mit Zwei-Faktor-Anmeldung verlangen ein App-Passwort statt des normalen Passworts.',
  'error.forbidden':
    'Der Server verweigert den Zugriff auf den Ordner „{folder}“ (HTTP 403). Bitte Ordner und Berechtigungen prüfen.',
  'error.not-found':
    'Der Ordner „{folder}“ wurde auf dem Server nicht gefunden (HTTP {status}). Bitte mit „Ordner durchsuchen“ wählen.',
  'error.not-found.terminal':
    'Der Ordner „{folder}“ wurde auf dem Server nicht gefunden (HTTP {status}). Zum Auswählen: npm run --silent host -- run congregation-sync.browseFolder; oder angeben: npm run --silent host -- config set folder /PFAD (beim Befehl sync: --folder /PFAD).',
  'error.file-not-found':
    'Der Server führt „{path}“ auf, hat die Datei aber nicht geliefert (HTTP {status}). Die übrigen Dateien wurden synchronisiert; bitte später erneut synchronisieren.',
  'error.method':
    'Der Server erlaubt diese Anfrage unter „{url}“ nicht (HTTP {status}). Bitte prüfen, ob die Adresse auf einen WebDAV-Ordner zeigt.',
  'error.rate-limit':
    'Der Server meldet zu viele Versuche (HTTP 429). Bitte einige Minuten warten und erneut versuchen.',
  'error.timeout':
    'Der Server unter „{url}“ hat nicht innerhalb von {seconds} {seconds:Sekunde|Sekunden} geantwortet. Bitte prüfen, ob der Server läuft und das Netzwerk verbunden ist, dann erneut versuchen; ein langsamer Server braucht eine längere Zeitgrenze für Anfragen.',
  'error.no-answer':
    'Der Server unter „{url}“ antwortet nicht: Es kam nichts zurück, auch nicht auf eine erneute Anfrage. Bitte prüfen, ob der Server läuft, ob die Web-Adresse stimmt und ob das Netzwerk verbunden ist; dann erneut versuchen.',
  'error.reset': 'Die Verbindung zum Server ist abgebrochen ({detail}). Bitte erneut versuchen.',
  'error.server': 'Der Server hat einen Fehler gemeldet (HTTP {status}). Bitte später erneut versuchen.',
  'error.http': 'Der Server hat mit HTTP {status} geantwortet.',
  'error.not-webdav':
    'Unter „{url}“ antwortet ein Server, aber kein WebDAV-Server ({detail}). Bitte die Adresse prüfen (bei Nextcloud: …/remote.php/dav/files/BENUTZER/).',
  'error.redirect':
    'Der Server hat auf eine andere Adresse umgeleitet ({detail}); Ihr Passwort wurde dorthin nicht gesendet. Bitte die endgültige Adresse als Web-Adresse eintragen.',
  'error.too-large': 'Der Server hat mehr Daten gesendet als erlaubt ({detail}); sie wurden verworfen.',
  'error.size-mismatch':
    'Der Download von „{path}“ passte nicht zur angegebenen Größe ({detail}); er wurde verworfen.',
  'error.conflict':
    'Der Server hat die Änderung abgelehnt, weil sich inzwischen etwas geändert hat (HTTP {status}).',
  'error.parent-missing':
    'Auf dem Server fehlt ein Ordner auf dem Weg ({detail}). Bitte den Synchronisations-Ordner mit „Verbindung testen“ prüfen.',
  'error.parent-missing.terminal':
    'Auf dem Server fehlt ein Ordner auf dem Weg ({detail}). Bitte den Synchronisations-Ordner prüfen: npm run --silent host -- run congregation-sync.testConnection',
  'error.protocol':
    'Die Antwort des Servers verstößt gegen die HTTP-Regeln ({detail}); der Server muss korrigiert oder ein anderer Server verwendet werden.',
  'error.stored-differently':
    'Der Server hat es anders gespeichert ({detail}). Sonst wurde nichts entfernt; bitte die Datei auf dem Server prüfen.',
  'error.cancelled': 'Abgebrochen.',
  'error.not-configured':
    'Die Versammlungs-Synchronisation ist noch nicht eingerichtet: bitte Web-Adresse, Benutzername, Passwort und Ordner eingeben.',
  'error.disk-full':
    'Der Datenträger von „{folder}“ ist voll: „{path}“ konnte nicht geschrieben werden. Bitte dort Platz schaffen und erneut versuchen.',
  'error.disk-full.needed':
    'Der Datenträger des Medienordners „{folder}“ ist voll: „{path}“ konnte nicht geschrieben werden, die Synchronisation wurde angehalten. Bitte dort etwa {mb} MB freigeben und erneut synchronisieren.',
  'error.read-only':
    'Der Datenträger von „{folder}“ ist schreibgeschützt: „{path}“ kann nicht geschrieben werden. Bitte einen anderen Ordner wählen oder den Datenträger beschreibbar machen.',
  'error.no-permission':
    'Keine Berechtigung, „{path}“ zu schreiben. Bitte die Berechtigungen von „{folder}“ für den ausführenden Benutzer prüfen oder einen anderen Ordner wählen.',
  'error.not-a-folder':
    '„{path}“ kann nicht geschrieben werden: auf dem Weg dorthin liegt eine Datei statt eines Ordners. Bitte diese Datei wegräumen oder einen anderen Ordner wählen.',
  'error.media-not-a-folder':
    'Der Medienordner „{folder}“ ist eine Datei, kein Ordner: es wurde nichts synchronisiert. Bitte bei --media-dir einen Ordner angeben oder die Datei wegräumen.',
  'error.media-read-only':
    'Der Medienordner „{folder}“ liegt auf einem schreibgeschützten Datenträger: es wurde nichts synchronisiert. Bitte bei --media-dir einen Ordner auf einem beschreibbaren Datenträger angeben oder den Datenträger beschreibbar machen.',
  'error.media-no-permission':
    'Keine Berechtigung, in den Medienordner „{folder}“ zu schreiben: es wurde nichts synchronisiert. Bitte seine Berechtigungen für den ausführenden Benutzer prüfen oder bei --media-dir einen anderen Ordner angeben.',
  'error.io':
    'Schreiben von „{path}“ ist fehlgeschlagen ({detail}). Bitte den Datenträger prüfen und erneut versuchen.',
  'error.ca-file': 'Die CA-Datei „{file}“ kann nicht gelesen werden: {detail}',
  'connection.ok': 'Verbindung in Ordnung: der Ordner „{folder}“ unter {url} ist erreichbar.',
  'connection.testing': 'Verbindung wird getestet…',
  'connection.missingFolder':
    'Den Ordner „{folder}“ gibt es auf dem Server noch nicht. Anlegen (mit allen fehlenden Ordnern darüber)?',
  'connection.missingFolder.cli':
    'Der Ordner „{folder}“ wurde auf dem Server nicht gefunden (HTTP 404). Zum Anlegen (mit allen fehlenden Ordnern darüber): npm run --silent vo -- test-connection --create-folder',
  'connection.createFolder': 'Ordner anlegen',
  'preset.pick': 'WebDAV-Anbieter wählen (nur als Hilfe aufgeführt, keine Empfehlung)',
  'preset.applied': '{name}: {note}',
  'browse.title':
    'Ordner „{folder}“: Unterordner wählen, eine Ebene höher gehen oder diesen Ordner verwenden',
  'browse.use': '✔ Diesen Ordner verwenden',
  'browse.up': '⬆ Eine Ebene höher',
  'browse.chosen': 'Synchronisations-Ordner ist jetzt „{folder}“.',
  'export.unsupported':
    '{count} {count:Element|Elemente} nicht in den überwachten Ordner von M³ gelegt, weil M³ ihren Dateityp ignoriert: {names}',
  'export.blocked':
    'Der überwachte Ordner von M³ enthält schon „{path}“, das nicht von diesem Plugin stammt: es wurde nicht angetastet.',
  'export.overlap':
    'Der überwachte Ordner von M³ „{folder}“ ist der Medienordner, liegt darin oder enthält ihn: bitte einen eigenen Ordner wählen. Es wurde nichts exportiert.',
  'export.invalidOrder':
    '"{path}" im überwachten Ordner von M³ ist kein gültiges JSON: die Datei blieb, wie sie ist, und die Medien der Versammlung an diesem Datum behalten den Standardplatz von M³. Ziehen Sie in M³ ein Element an eine andere Stelle, damit M³ die Datei neu schreibt, oder löschen Sie sie.',
  'export.fileFailed':
    '„{path}“ im überwachten Ordner von M³ konnte nicht geschrieben oder entfernt werden ({detail}); die anderen Dateien schon. Bei der nächsten Synchronisation wird es erneut versucht.',
  'export.failed':
    'In den überwachten Ordner von M³ „{folder}“ konnte nicht geschrieben werden ({detail}). Bitte den Ordner in den Einstellungen prüfen und ob Sie dort schreiben dürfen.',
  'auto.changed':
    '{time} Synchronisiert: {downloaded} heruntergeladen, {removed} entfernt; M³-Ordner: {placed} abgelegt, {unplaced} entfernt.',
  'auto.unchanged': '{time} Synchronisiert: nichts geändert.',
  'auto.meetingReady': 'Nächste Zusammenkunft {date}: bereit.',
  'auto.meetingMissing':
    'Nächste Zusammenkunft {date}: {count} {count:Element fehlt|Elemente fehlen}: {names}.',
  'auto.started': '{time} Synchronisation begonnen.',
  'auto.busy': '{time} Eine Synchronisation läuft schon; die nächste folgt beim nächsten Termin.',
  'auto.meeting': 'Keine automatischen Downloads während der Zusammenkunft, bis {time} Uhr.',
  'auto.meetingStopped':
    '{time} Die Zusammenkunft beginnt: die automatische Synchronisation hält an; sie geht nach der Zusammenkunft weiter.',
  'auto.failed':
    '{time} Synchronisation fehlgeschlagen ({count} {count:Problem|Probleme}), nächster Versuch beim nächsten Termin. Erstes: {first}',
  'sync.title': 'Medienordner aktualisieren',
  'sync.done':
    'Medien der Versammlung sind aktuell: {downloaded} heruntergeladen, {removed} entfernt, {unchanged} unverändert.',
  'sync.problems': 'Synchronisation mit {count} {count:Problem|Problemen} beendet:',
  'sync.problemGroup': '{count} {count:Datei|Dateien}: {message}',
  'sync.problemsMore': 'und {count} {count:weiteres|weitere}: jedes Problem steht im Protokoll, {log}',
  'sync.problemsMore.noFile':
    'und {count} {count:weiteres|weitere}: jedes Problem steht im Protokoll des Programms',
  'sync.progress': '{files}/{totalFiles} Dateien, {mb} von {totalMb} MB',
  'sync.confirmRemoval':
    'Im Ordner der Versammlung fehlen {count} der {managed} bisher synchronisierten Dateien. Von diesem Computer entfernen?',
  'sync.remove': 'Entfernen',
  'sync.keep': 'Behalten',
  'sync.preview':
    'Vorschau: {fetch} herunterzuladen, {remove} zu entfernen, {keep} unverändert. Es wurde nichts geändert.',
  'sync.waiting':
    'Eine andere Synchronisation dieses Profils läuft (der Überwachungsdienst oder ein anderes Fenster): warten, bis sie fertig ist, dann wird nachgeholt, was noch fehlt.',
  'organiser.done': '{what} Andere Computer übernehmen das bei ihrer nächsten Synchronisation.',
  'organiser.done.nothing': 'Auf dem Server hat sich nichts geändert.',
  'organiser.done.changes': '{count} {count:Änderung|Änderungen} auf dem Server.',
  'organiser.done.uploadOne': '„{name}“ für {date} hochgeladen.',
  'organiser.done.upload': '{count} {count:Datei|Dateien} für {date} hochgeladen.',
  'organiser.done.uploadRecurringOne': '„{name}“ zu den wiederkehrenden Medien hinzugefügt.',
  'organiser.done.uploadRecurring':
    '{count} {count:Datei|Dateien} zu den wiederkehrenden Medien hinzugefügt.',
  'organiser.done.rename': '„{from}“ umbenannt in „{to}“.',
  'organiser.done.delete': '„{name}“ aus {date} entfernt.',
  'organiser.done.hide': '„{name}“ für {date} ausgeblendet.',
  'organiser.done.unhide': '„{name}“ für {date} wieder eingeblendet.',
  'organiser.done.recurringRemove': '„{name}“ aus den wiederkehrenden Medien entfernt.',
  'organiser.done.pushSettings':
    '{count} {count:Einstellung gilt|Einstellungen gelten} für die ganze Versammlung.',
  'organiser.done.liftSettings':
    '{count} {count:Einstellung gilt|Einstellungen gelten} nicht mehr für die ganze Versammlung.',
  'organiser.done.cleanup': '{count} {count:vergangener|vergangene} Datumsordner vom Server entfernt.',
  'organiser.done.sectionStart': '{date}: Die Medien der Versammlung kommen an den Anfang von „{section}“.',
  'organiser.done.sectionEnd': '{date}: Die Medien der Versammlung kommen an das Ende von „{section}“.',
  'organiser.done.sectionDefault': '{date}: Die Medien der Versammlung kommen dorthin, wo M³ sie hinlegt.',
  'organiser.uploading': 'Hochladen',
  'organiser.exists.ask':
    '„{name}“ ist schon auf dem Server. Ersetzen, beide behalten oder diese Datei überspringen?',
  'organiser.exists.replace': 'Ersetzen',
  'organiser.exists.keepBoth': 'Beide behalten (die neue als „{free}“)',
  'organiser.exists.skip': 'Überspringen',
  'organiser.exists.askMany':
    '„{name}“ und {more} {more:weitere Datei|weitere Dateien} dieses Hochladens sind schon auf dem Server. Ersetzen, beide behalten oder überspringen: diese Datei oder alle?',
  'organiser.exists.replaceAll': 'Alle ersetzen',
  'organiser.exists.keepBothAll': 'Bei allen beide behalten',
  'organiser.exists.skipAll': 'Alle überspringen',
  'organiser.exists.headless':
    '{name} ist schon vorhanden: mit --overwrite ersetzen oder mit --rename-existing beide behalten (die neue als „{free}“)',
  'organiser.typeRefused':
    '„{name}“ ist keine Datei, die ein Präsentationsprogramm zeigt (Bilder, Videos, Audio, PDF, JW-Playlists: {types}); sie wurde nicht hochgeladen.',
  'organiser.typeRefused.cli': '{message} Mit --any-type trotzdem hochladen.',
  'organiser.fileFailed': '{name}: {message}',
  'organiser.pickSettings':
    'Versammlungsweite Einstellungen: ankreuzen, was alle verwenden müssen (mit Ihrem aktuellen Wert)',
  'organiser.cleanupAsk': '{count} Datumsordner vor dem {before} für alle vom Server entfernen?',
  'organiser.cleanupConfirm': 'Entfernen',
  'organiser.cleanupDeclined': 'Es wurde nichts entfernt: das Entfernen wurde nicht bestätigt.',
  'organiser.cleanupDeclined.cli':
    'Es wurde nichts entfernt: nicht bestätigt. Zum Entfernen den Befehl mit --yes erneut ausführen.',
  'panel.title': 'Versammlungs-Synchronisation',
  'panel.serverUrl': 'Web-Adresse',
  'panel.serverUrl.hint': 'Auf die Beschriftung klicken, um den Anbieter zu wählen',
  'panel.username': 'Benutzername',
  'panel.password': 'Passwort',
  'panel.folder': 'Synchronisations-Ordner',
  'panel.testConnection': 'Verbindung testen',
  'panel.choosePreset': 'Anbieter wählen',
  'panel.congregationSettings': 'Versammlungsweite Einstellungen',
  'panel.presenterFolder': 'Ordner für die Ordnerüberwachung von M³',
  'panel.presenterFolder.hint':
    'Optional: nach jeder Synchronisation enthält dieser Ordner die sichtbaren Medien der Versammlung für jede Zusammenkunft. Die Ordnerüberwachung von M³ auf ihn einstellen.',
  'panel.autoSync': 'Automatisch synchronisieren',
  'panel.bwlimit': 'Bandbreitengrenze',
  'panel.bwlimit.hint':
    'Optional: Downloads und Uploads zusammen nicht schneller als dies pro Sekunde (512k, 2M), damit die Leitung des Saals für die Übertragung der Zusammenkunft frei bleibt.',
  'demo.server': 'Demo-WebDAV-Server: {url} (Ordner /Congregation, Benutzer „demo“), Dateien in {folder}',
  'demo.disabled':
    'Die Erweiterung ist im Demo-Profil deaktiviert; aktivieren mit:\n  npm run --silent host -- plugins enable congregation-sync --profile {profile}',
  'demo.presenter': 'Präsentationsprogramm {profile}: Erweiterung {name} {version} aktiviert',
  'demo.recurring': 'wiederkehrend',
  'demo.source.jw': 'JW',
  'demo.source.congregation': 'Versammlung',
  'demo.source.local': 'lokal',
  'demo.hidden': 'ausgeblendet',
  'demo.next':
    'Medienordner: {folder}\nUm stattdessen Ihren eigenen Server zu verwenden (ausführlich in README.md, auf Englisch):\n  npm run --silent host -- config set serverUrl https://cloud.example.org/remote.php/dav/files/BENUTZER/\n  npm run --silent host -- config set username BENUTZER\n  npm run --silent host -- config set folder /Congregation\n  npm run --silent host -- secret set password          (fragt nach; oder --from-env VARIABLE)\n  npm run --silent host -- run congregation-sync.testConnection\n  npm run --silent host -- run congregation-sync.sync\nnpm start -- --reset beginnt die Demo von vorn.',
  'setup.missing':
    'Die Versammlungs-Synchronisation ist noch nicht eingerichtet. Es fehlt, und so wird es gesetzt:',
  'setup.oneRun': 'oder {env}=… für einen Lauf',
  'help.open':
    'ohne Befehl: die Seite des Profils im Browser, bereitgestellt bis Strg+C, oder die schon laufende; ihre Adresse bleibt dieselbe (ein Lesezeichen funktioniert)',
  'help.synopsis.open': '[--profile ORDNER] [--port N] [--no-open]',
  'help.start':
    'Demo: eingebauter WebDAV-Server, Erweiterung aktiviert, verbinden und synchronisieren, dann die Webseite bis Strg+C (--once: nach der Synchronisation enden, --reset: Demo von vorn)',
  'help.sync': 'den Ordner der Versammlung ohne Oberfläche synchronisieren (help sync: die Optionen)',
  'help.vo': 'die Aktionen des Organisators (help vo: die Aktionen)',
  'cli.notHere': '{option} ist keine Option dieses Befehls',
  'cli.date': '{option} muss ein Datum als JJJJ-MM-TT sein, eingegeben: „{value}“',
  'cli.integer': '{option} muss eine ganze Zahl sein, eingegeben: „{value}“',
  'cli.rate':
    '{option} muss eine Rate pro Sekunde wie 512k, 2M, 1.5M oder 800 (Bytes) sein, oder 0 bzw. off für keine Grenze; eingegeben: „{value}“',
  'help.watch':
    'weiterlaufen und selbst synchronisieren: beim Start, in jedem Abstand, vor jeder Zusammenkunft (help watch)',
  'help.synopsis.sync': 'sync [Optionen]',
  'help.synopsis.vo': 'vo <Aktion> [Optionen]',
  'help.synopsis.watch': 'watch [--interval SEKUNDEN] [--verbose] [--print-service windows|macos|linux]',
  'help.service':
    'watch bei jeder Anmeldung starten, das beenden, oder sagen, ob es eingerichtet ist (help service)',
  'help.status':
    'die letzte Synchronisation, die nächste, ob die nächste Zusammenkunft bereit ist, und der Dienst (--json)',
  'help.synopsis.service': 'service install | uninstall | status [--print]',
  'help.synopsis.status': 'status [--json]',
  'usage.connection': `--url URL --user NAME --folder PFAD --media-dir ORDNER [--profile ORDNER] [--today JJJJ-MM-TT]
  [--weeks N] [--ca DATEI] [--concurrency N] [--timeout SEKUNDEN] [--bwlimit RATE] [--json] [--yes] [--lang en|de]
--bwlimit RATE: Downloads und Uploads zusammen nicht schneller als RATE pro Sekunde (512k, 2M; 0 oder off: keine
Grenze).
Nicht angegebene Optionen kommen aus den Einstellungen des Profils. Das Passwort kommt aus CONGSYNC_PASSWORD oder
dem Geheimnisspeicher des Profils, nie von der Befehlszeile. Rückgabewerte: 0 erledigt, 1 einzelne Einträge
fehlgeschlagen, 2 Aufruf-, Einstellungs-, Verbindungs- oder Anmeldefehler.`,
  'usage.sync': `Aufruf: CONGSYNC_PASSWORD=… npm run --silent sync -- [--dry-run] [--presenter-folder ORDNER] {connection}
--dry-run: nur sagen, was die Synchronisation herunterladen und entfernen würde; es wird nichts geändert.
--presenter-folder ORDNER: nach der Synchronisation enthält ORDNER die sichtbaren Medien der Versammlung für jede
Zusammenkunft, so wie die Ordnerüberwachung von M³ sie liest (Ordner JJJJ-MM-TT).`,
  'usage.vo': `Aufruf: CONGSYNC_PASSWORD=… npm run --silent vo -- <Aktion> … {connection}
Aktionen:
  test-connection [--create-folder]                den Synchronisations-Ordner prüfen; ihn (samt übergeordneter
                                                   Ordner) anlegen, wenn er fehlt
  upload --date JJJJ-MM-TT DATEI... [--overwrite | --rename-existing] [--any-type]
                                                   zusätzliche Medien für das Datum einer Zusammenkunft
  upload --recurring DATEI... [dieselben Optionen] wiederkehrende Medien, an jedem Datum einer Zusammenkunft gezeigt
                                                   ein Name, den es schon gibt: --overwrite ersetzt die Datei,
                                                   --rename-existing behält beide (die neue als „Name (2).ext“); nur
                                                   Bilder, Videos, Audio, PDF und .jwlplaylist, außer mit --any-type
  rename --date JJJJ-MM-TT ALT NEU                 Medien der Versammlung an einem Datum umbenennen
  delete --date JJJJ-MM-TT NAME                    Medien der Versammlung an einem Datum löschen
  hide --date JJJJ-MM-TT NAME | unhide --date JJJJ-MM-TT NAME
                                                   einen Eintrag an diesem Datum für alle ausblenden (jede Quelle)
                                                   oder wieder zeigen
  recurring-remove NAME                            wiederkehrende Medien entfernen (bei der nächsten Synchronisation
                                                   von jedem Datum)
  push-settings SCHLÜSSEL...                       diese Einstellungen des Präsentationsprogramms gelten mit Ihren
                                                   Werten für die ganze Versammlung
  lift-settings SCHLÜSSEL...                       diese Einstellungen nicht mehr vorgeben
  section --date JJJJ-MM-TT PROGRAMMTEIL [--end]   wohin die Einträge der Versammlung an dem Datum im heutigen M³
                                                   kommen: PROGRAMMTEIL ist tgw, ayfm, lac (unter der Woche), pt, wt
                                                   (Wochenende), circuit-overseer, an den Anfang des Programmteils
                                                   (--end: an sein Ende), oder default (M³ entscheidet)
  cleanup --before JJJJ-MM-TT [--yes]              vergangene Datumsordner vom Server entfernen (fragt, oder --yes)`,
  'usage.watch': `Aufruf: npm run --silent host -- watch [--interval SEKUNDEN] [--verbose] [--presenter-folder ORDNER]
  [--print-service windows|macos|linux] [Optionen des sync-Befehls]
Synchronisiert beim Start, in jedem Abstand (Vorgabe 600 Sekunden) und 60 und 15 Minuten vor jeder Zusammenkunft,
eine Synchronisation nach der anderen, bis Strg+C oder SIGTERM. Gibt eine Zeile je Synchronisation aus, die etwas
geändert hat (--verbose: jede Synchronisation).
--print-service gibt die Datei aus, die es bei der Anmeldung startet; service install schreibt und aktiviert sie.
{connection}`,
  'usage.service': `Aufruf: npm run --silent host -- service install | uninstall | status [--print] [--profile ORDNER]
  [--interval SEKUNDEN] [--media-dir ORDNER] [--presenter-folder ORDNER] [--json] [--lang en|de]
install: startet watch mit diesen Optionen bei jeder Anmeldung dieses Benutzers, mit dieser Installation und diesem
Profil: eine systemd-Benutzer-Unit (Linux; aktiviert, wo der Benutzer-Manager läuft, sonst wird der Befehl zum
Aktivieren gezeigt), ein LaunchAgent (macOS; geladen), eine Aufgabe „bei Anmeldung“ oder, wo das abgelehnt wird, ein
Skript im Autostart-Ordner (Windows).
uninstall: beendet es und entfernt genau, was install geschrieben hat. status: ob es eingerichtet ist und läuft.
--print: zeigt, was install oder uninstall schreiben, ausführen oder entfernen würde, und ändert nichts.`,
  'usage.status': `Aufruf: npm run --silent host -- status [--json] [--profile ORDNER] [--lang en|de]
Die letzte Synchronisation (wann, wie sie endete, ihre Probleme), die nächste geplante, ob die nächste Zusammenkunft
bereit ist (mit --json jedes Datum), und ob watch beim Anmelden startet und läuft. Liest nur das Profil, antwortet
also, während watch läuft.`,
  'panel.sync': 'Medienordner aktualisieren',
  'name.empty': 'der Name ist leer',
  'name.dot-segment': 'der Name ist „.“ oder „..“',
  'name.separator': 'der Name enthält ein Pfadtrennzeichen',
  'name.control-character':
    'der Name enthält ein Steuerzeichen oder ein in Dateinamen unzulässiges Zeichen (< > : " | ? *)',
  'name.reserved-name': 'der Name ist unter Windows reserviert (etwa CON, NUL, COM1 oder LPT1)',
  'name.trailing-dot-or-space': 'der Name endet mit einem Punkt oder einem Leerzeichen',
  'name.too-long': 'der Name ist länger als 255 Byte',
  'skip.no-size': 'der Server hat die Größe nicht angegeben',
  'skip.presenter-has-name': 'das Präsentationsprogramm hat bereits eine Datei dieses Namens',
  'skip.in-the-way':
    'eine Datei dieses Namens, die nicht von der Versammlungs-Synchronisation stammt, ist im Weg; sie bleibt unverändert: bitte umbenennen oder verschieben, dann legt die nächste Synchronisation die Datei der Versammlung ab',
  'skip.collision': 'der Name kollidiert mit {other}',
  'organiser.notADate': '„{date}“ ist kein Datum: bitte JJJJ-MM-TT verwenden, z. B. 2026-12-02',
  'organiser.badName': '„{name}“ kann nicht als Dateiname verwendet werden: {why}',
  'organiser.noFiles': 'Bitte mindestens eine Datei zum Hochladen angeben.',
  'organiser.notAFile': '{file} ist keine lesbare Datei.',
  'organiser.noMediaForDate': 'Für den {date} gibt es auf dem Server keine Medien.',
  'organiser.notOnServer': '{name} ist dort nicht auf dem Server.',
  'organiser.notASetting': 'keine versammlungsweite Einstellung: {keys} (möglich sind {known})',
  'organiser.noSetting': 'Bitte mindestens eine Einstellung angeben.',
  'organiser.conflict.setting':
    '{setting}: ein anderer Verantwortlicher hat es seit Ihrer letzten Synchronisation auf {theirs} gesetzt, Sie auf {mine}; forcedPrefs.json behält {theirs}, von Ihrer Änderung wurde nichts geschrieben. Bitte synchronisieren, die Einstellung prüfen und erneut versuchen',
  'organiser.conflict.notEnforced': 'nicht versammlungsweit',
  'organiser.conflict.locked':
    'forcedPrefs.json ist gesperrt: ein anderer Verantwortlicher ändert gerade die Einstellungen. Bitte in einer Minute erneut versuchen',
  'organiser.conflict.busy':
    'forcedPrefs.json wurde von anderen Verantwortlichen immer wieder geändert, während Ihre Änderung geschrieben wurde: bitte synchronisieren, die Einstellungen prüfen und erneut versuchen',
  'organiser.notASection': '"{section}" ist kein Platz im Programm (möglich sind {known})',
  'organiser.pickSection':
    'Platz im Programm: wohin kommen die Medien der Versammlung an diesem Datum in M³?',
  'organiser.pickEdge': 'Vor oder nach den JW-Medien des Programmteils?',
  'organiser.sectionStart': 'Am Anfang des Programmteils, vor seinen JW-Medien',
  'organiser.sectionEnd': 'Am Ende des Programmteils, nach seinen JW-Medien',
  'organiser.conflict.place':
    '{date}: ein anderer Verantwortlicher hat seit Ihrer letzten Synchronisation einen anderen Platz im Programm gewählt; meetingSections.json behält seinen, von Ihrer Änderung wurde nichts geschrieben. Bitte synchronisieren, den Platz prüfen und erneut versuchen',
  'section.tgw': 'Schätze aus Gottes Wort',
  'section.ayfm': 'Uns im Dienst verbessern',
  'section.lac': 'Unser Leben als Christ',
  'section.pt': 'Öffentlicher Vortrag',
  'section.wt': 'Wachtturm-Studium',
  'section.circuit-overseer': 'Kreisaufseher',
  'section.default': 'Wo M³ sie hinlegt (Standard)',
  'status.noFile': 'nicht auf diesem Computer (keine Datei)',
  'vo.takes': '{action} erwartet {what}',
  'vo.args.none': 'keine Argumente',
  'vo.args.rename': '--date JJJJ-MM-TT ALT NEU',
  'vo.args.dateName': '--date JJJJ-MM-TT NAME',
  'vo.args.name': 'NAME',
  'vo.args.section': '--date JJJJ-MM-TT PROGRAMMTEIL [--end]',
  'vo.args.before': '--before JJJJ-MM-TT',
  'vo.files': 'upload erwartet eine oder mehrere Dateien',
  'vo.dateOrRecurring': 'upload erwartet entweder --date JJJJ-MM-TT oder --recurring',
  'vo.overwriteOrRename': 'upload erwartet --overwrite oder --rename-existing, nicht beides',
  'vo.keys': '{action} erwartet einen oder mehrere Schlüssel von Einstellungen',
  'vo.unknown': 'unbekannte Aktion „{action}“',
  'vo.noAction': 'Bitte eine Aktion angeben',
  'cli.unexpected': 'unerwartetes Argument „{value}“',
  'watch.needsValue': '{flag} braucht einen Wert',
  'watch.interval': '--interval muss eine ganze Zahl von Sekunden von 1 bis 86400 sein, angegeben: „{value}“',
  'watch.service': '--print-service erwartet {platforms}, angegeben: „{value}“',
  'watch.noToday': '--today ist keine Option von watch',
  'service.unknownAction': 'eine Aktion angeben: install, uninstall oder status (angegeben: „{action}“)',
  'service.wrote': '{file} geschrieben',
  'service.enabled': 'Es läuft jetzt und bei jeder Anmeldung ({manager}).',
  'service.toEnable': 'Um es jetzt und bei jeder Anmeldung zu starten, ausführen:',
  'service.atLogin': 'Es startet bei der nächsten Anmeldung.',
  'service.wouldWrite': 'Würde {file} schreiben:',
  'service.wouldRun': 'Würde ausführen: {command}',
  'service.wouldRemove': 'Würde {file} entfernen',
  'service.removed': '{file} entfernt',
  'service.notInstalled': 'Für dieses Profil nicht eingerichtet: nichts zu entfernen.',
  'service.none': 'Dienst: nicht eingerichtet (service install startet watch bei jeder Anmeldung).',
  'service.running': 'Dienst: eingerichtet ({where}), läuft.',
  'service.stopped': 'Dienst: eingerichtet ({where}), läuft nicht.',
  'service.unknown': 'Dienst: eingerichtet ({where}); ob er läuft, lässt sich hier nicht sagen.',
  'service.broken': 'Dienst: teilweise entfernt ({where}); service install schreibt ihn neu.',
  'cli.status.never': 'Letzte Synchronisation: noch keine.',
  'cli.status.ok': 'Letzte Synchronisation {time}: erledigt.',
  'cli.status.problems': 'Letzte Synchronisation {time}: {count} {count:Problem|Probleme}: {problems}',
  'cli.status.failed': 'Letzte Synchronisation {time} fehlgeschlagen: {problems}',
  'cli.status.next': 'Nächste Synchronisation {time}.',
  'cli.status.nextNone': 'Nächste Synchronisation: keine geplant (watch synchronisiert selbst).',
  'cli.status.noMeeting': 'Noch kein Datum einer Zusammenkunft in den synchronisierten Wochen.',
  'sync.keptRemovals':
    '{count} von {managed} Dateien der Versammlung fehlen auf dem Server; sie wurden wie gewählt auf diesem Computer behalten. Die nächste Synchronisation fragt erneut.',
  'sync.keptRemovals.cli':
    '{count} von {managed} Dateien der Versammlung fehlen auf dem Server; sie wurden auf diesem Computer behalten. Zum Entfernen die Synchronisation mit --yes erneut ausführen.',
  'sync.keptRemovals.window':
    '{count} von {managed} Dateien der Versammlung fehlen auf dem Server; sie wurden auf diesem Computer behalten. Zum Entfernen „{command}“ ausführen und „{button}“ wählen.',
  'preset.nextcloud.note':
    'Als Benutzername den Anmeldenamen verwenden. Mit Zwei-Faktor-Anmeldung unter Einstellungen → Sicherheit ein App-Passwort erstellen.',
  'preset.owncloud.note': 'Ältere ownCloud-Server verwenden stattdessen …/remote.php/webdav/.',
  'preset.koofr.note':
    'Koofr verlangt ein App-Passwort, nicht Ihr normales Passwort: Einstellungen → Passwort → App-Passwörter.',
  'preset.4shared.note': 'Als Benutzername die 4shared-E-Mail-Adresse verwenden.',
  'preset.pcloud-us.note': 'Für Konten in der US-Datenregion von pCloud.',
  'preset.pcloud-eu.note': 'Für Konten in der EU-Datenregion von pCloud (Luxemburg).',
  'preset.kdrive.note': 'Als Server die kDrive-ID eingeben (die Zahl in der Adresse von kDrive im Browser).',
  'preset.yandex.note':
    'Yandex Disk verlangt ein App-Passwort, nicht Ihr normales Passwort (Yandex ID → Sicherheit → App-Passwörter → Dateien).',
  'preset.powerfolder.note': 'Ihr PowerFolder-Konto verwenden.',
  'preset.nas.note':
    'Den WebDAV-Server des NAS installieren und HTTPS aktivieren (Synology: Port 5006). Bei eigenem Zertifikat die CA-Datei angeben.',
  'preset.own.note': 'Jeder WebDAV-Server funktioniert: Apache, nginx, rclone, ein NAS. HTTPS verwenden.',
  'preset.own.name': 'Eigener Server',
  'preset.askServer': 'Server (cloud.example.org)',
  'preset.askUser': 'Benutzername',
  'ask.date': 'Datum der Zusammenkunft (JJJJ-MM-TT)',
  'ask.name': 'Dateiname',
  'ask.newName': 'Neuer Dateiname',
  'ask.files': 'Hochzuladende Dateien (Pfade, durch „;“ getrennt)',
  'ask.before': 'Datumsordner entfernen vor (JJJJ-MM-TT)',
  'ask.keys': 'Einstellungen (Schlüssel, durch Leerzeichen getrennt)',
};

export type MessageKey = Key;
export type Params = Record<string, string | number | undefined>;

/**
 * A text in the host's language (German for `de*`, English otherwise), with `{name}` placeholders filled, and
 * `{name:one|other}` choosing by the number `name` the form its language's plural rules (Intl.PluralRules) call for:
 * `{count} {count:file|files}`.
 */
export function t(language: string, key: MessageKey, params: Params = {}): string {
  const german = language.toLowerCase().startsWith('de');
  const table = german ? de : en;
  return table[key]
    .replace(/\{(\w+):([^{}|]*)\|([^{}]*)\}/g, (_, name: string, one: string, other: string) =>
      PLURALS[german ? 'de' : 'en'].select(Number(params[name] ?? 0)) === 'one' ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

const PLURALS = { en: new Intl.PluralRules('en'), de: new Intl.PluralRules('de') };

/** A number with one decimal, written the language's way: 91.6 in English, 91,6 in German. */
export function decimal(language: string, value: number): string {
  const locale = language.toLowerCase().startsWith('de') ? 'de' : 'en';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export const MESSAGES = { en, de };

/** Why a remote file is not synced, in the host's language. */
export function skipText(language: string, reason: SkipReason): string {
  switch (reason.code) {
    case 'collision':
      return t(language, 'skip.collision', { other: reason.other });
    case 'no-size':
    case 'presenter-has-name':
    case 'in-the-way':
      return t(language, `skip.${reason.code}`);
    default:
      return t(language, `name.${reason.code}`);
  }
}
