/** The plugin's user-facing texts in English and German. */

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
  'error.auth':
    'The server refused the user name or password (HTTP 401). Check both; services such as Koofr, Yandex, or Nextcloud with two-factor login need an app password instead of your normal one.',
  'error.forbidden':
    'The server refused access to the folder "{folder}" (HTTP 403). Check the folder and your rights.',
  'error.not-found':
    'The folder "{folder}" was not found on the server (HTTP {status}). Choose it with "Browse folder".',
  'error.file-not-found':
    'The server lists "{path}" but did not deliver it (HTTP {status}). The other files were synced; sync again later.',
  'error.method':
    'The server does not allow this request at "{url}" (HTTP {status}). Check that the address points to a WebDAV folder.',
  'error.rate-limit': 'The server reports too many attempts (HTTP 429). Wait a few minutes and try again.',
  'error.timeout': 'The server did not answer within {seconds} seconds. Try again, or check the network.',
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
  'error.cancelled': 'Cancelled.',
  'error.not-configured':
    'Congregation Sync is not set up yet: enter the web address, user name, password and folder.',
  'error.disk-full': 'The disk is full: "{path}" could not be written. Free some space and sync again.',
  'error.no-permission': 'No permission to write "{path}". Choose a media folder you may write to.',
  'error.io': 'Writing "{path}" failed ({detail}).',
  'error.ca-file': 'The CA file "{file}" cannot be read: {detail}',
  'connection.ok': 'Connection OK: the folder "{folder}" at {url} is reachable.',
  'connection.testing': 'Testing the connection…',
  'preset.pick': 'Choose your WebDAV provider (listed as a courtesy, not an endorsement)',
  'preset.applied': '{name}: {note}',
  'preset.server': 'server (cloud.example.org)',
  'preset.user': 'user name',
  'browse.title': 'Folder "{folder}": choose a sub-folder, go up, or use this folder',
  'browse.use': '✔ Use this folder',
  'browse.up': '⬆ Up one level',
  'browse.chosen': 'Sync folder set to "{folder}".',
  'sync.title': 'Sync congregation',
  'sync.done':
    'Congregation media up to date: {downloaded} downloaded, {removed} removed, {unchanged} unchanged.',
  'sync.problems': 'Sync finished with {count} problem(s). First: {first}',
  'sync.progress': '{files}/{totalFiles} files, {mb} of {totalMb} MB',
  'sync.confirmRemoval':
    'The congregation folder no longer has {count} of the {managed} files synced before. Remove them from this computer?',
  'sync.remove': 'Remove',
  'sync.keep': 'Keep',
  'sync.preview': 'Preview: {fetch} to download, {remove} to remove, {keep} unchanged. Nothing was changed.',
  'organiser.done': 'Done: {count} change(s) on the server. Other computers get them on their next sync.',
  'organiser.uploading': 'Uploading',
  'organiser.pickSettings':
    'Congregation-wide settings: tick what everybody must use (with your current value)',
  'organiser.cleanupAsk': 'Remove {count} date folder(s) before {before} from the server, for everybody?',
  'organiser.cleanupConfirm': 'Remove',
  'organiser.cleanupDeclined': 'Nothing was removed (not confirmed; headless: add --yes).',
  'panel.title': 'Congregation Sync',
  'panel.serverUrl': 'Web address',
  'panel.serverUrl.hint': 'Click the label to choose your provider',
  'panel.username': 'User name',
  'panel.password': 'Password',
  'panel.folder': 'Sync folder',
  'panel.testConnection': 'Test connection',
  'panel.choosePreset': 'Choose provider',
  'panel.congregationSettings': 'Congregation-wide settings',
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
  'help.start':
    'demo: embedded WebDAV server, plugin enabled, connect and sync, then the web page until Ctrl+C (--once: exit after the sync, --reset: start the demo over)',
  'help.sync': 'sync the congregation folder headless (help sync: its options)',
  'help.vo': "the organiser's actions (help vo: the actions)",
  'cli.notHere': '{option} is not an option of this command',
  'cli.date': '{option} must be a date as YYYY-MM-DD, got "{value}"',
  'cli.integer': '{option} must be a whole number, got "{value}"',
  'panel.sync': 'Sync congregation',
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
  'error.auth':
    'Der Server hat Benutzername oder Passwort abgelehnt (HTTP 401). Bitte beides prüfen; Dienste wie Koofr, Yandex oder Nextcloud mit Zwei-Faktor-Anmeldung verlangen ein App-Passwort statt des normalen Passworts.',
  'error.forbidden':
    'Der Server verweigert den Zugriff auf den Ordner „{folder}“ (HTTP 403). Bitte Ordner und Berechtigungen prüfen.',
  'error.not-found':
    'Der Ordner „{folder}“ wurde auf dem Server nicht gefunden (HTTP {status}). Bitte mit „Ordner durchsuchen“ wählen.',
  'error.file-not-found':
    'Der Server führt „{path}“ auf, hat die Datei aber nicht geliefert (HTTP {status}). Die übrigen Dateien wurden synchronisiert; bitte später erneut synchronisieren.',
  'error.method':
    'Der Server erlaubt diese Anfrage unter „{url}“ nicht (HTTP {status}). Bitte prüfen, ob die Adresse auf einen WebDAV-Ordner zeigt.',
  'error.rate-limit':
    'Der Server meldet zu viele Versuche (HTTP 429). Bitte einige Minuten warten und erneut versuchen.',
  'error.timeout':
    'Der Server hat nicht innerhalb von {seconds} Sekunden geantwortet. Bitte erneut versuchen oder das Netzwerk prüfen.',
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
  'error.cancelled': 'Abgebrochen.',
  'error.not-configured':
    'Die Versammlungs-Synchronisation ist noch nicht eingerichtet: bitte Web-Adresse, Benutzername, Passwort und Ordner eingeben.',
  'error.disk-full':
    'Der Datenträger ist voll: „{path}“ konnte nicht geschrieben werden. Bitte Platz schaffen und erneut synchronisieren.',
  'error.no-permission':
    'Keine Berechtigung, „{path}“ zu schreiben. Bitte einen beschreibbaren Medienordner wählen.',
  'error.io': 'Schreiben von „{path}“ ist fehlgeschlagen ({detail}).',
  'error.ca-file': 'Die CA-Datei „{file}“ kann nicht gelesen werden: {detail}',
  'connection.ok': 'Verbindung in Ordnung: der Ordner „{folder}“ unter {url} ist erreichbar.',
  'connection.testing': 'Verbindung wird getestet…',
  'preset.pick': 'WebDAV-Anbieter wählen (nur als Hilfe aufgeführt, keine Empfehlung)',
  'preset.applied': '{name}: {note}',
  'preset.server': 'Server (cloud.example.org)',
  'preset.user': 'Benutzername',
  'browse.title':
    'Ordner „{folder}“: Unterordner wählen, eine Ebene höher gehen oder diesen Ordner verwenden',
  'browse.use': '✔ Diesen Ordner verwenden',
  'browse.up': '⬆ Eine Ebene höher',
  'browse.chosen': 'Synchronisations-Ordner ist jetzt „{folder}“.',
  'sync.title': 'Medienordner aktualisieren',
  'sync.done':
    'Medien der Versammlung sind aktuell: {downloaded} heruntergeladen, {removed} entfernt, {unchanged} unverändert.',
  'sync.problems': 'Synchronisation mit {count} Problem(en) beendet. Erstes: {first}',
  'sync.progress': '{files}/{totalFiles} Dateien, {mb} von {totalMb} MB',
  'sync.confirmRemoval':
    'Im Ordner der Versammlung fehlen {count} der {managed} bisher synchronisierten Dateien. Von diesem Computer entfernen?',
  'sync.remove': 'Entfernen',
  'sync.keep': 'Behalten',
  'sync.preview':
    'Vorschau: {fetch} herunterzuladen, {remove} zu entfernen, {keep} unverändert. Es wurde nichts geändert.',
  'organiser.done':
    'Erledigt: {count} Änderung(en) auf dem Server. Andere Computer erhalten sie bei ihrer nächsten Synchronisation.',
  'organiser.uploading': 'Hochladen',
  'organiser.pickSettings':
    'Versammlungsweite Einstellungen: ankreuzen, was alle verwenden müssen (mit Ihrem aktuellen Wert)',
  'organiser.cleanupAsk': '{count} Datumsordner vor dem {before} für alle vom Server entfernen?',
  'organiser.cleanupConfirm': 'Entfernen',
  'organiser.cleanupDeclined': 'Es wurde nichts entfernt (nicht bestätigt; ohne Oberfläche: --yes angeben).',
  'panel.title': 'Versammlungs-Synchronisation',
  'panel.serverUrl': 'Web-Adresse',
  'panel.serverUrl.hint': 'Auf die Beschriftung klicken, um den Anbieter zu wählen',
  'panel.username': 'Benutzername',
  'panel.password': 'Passwort',
  'panel.folder': 'Synchronisations-Ordner',
  'panel.testConnection': 'Verbindung testen',
  'panel.choosePreset': 'Anbieter wählen',
  'panel.congregationSettings': 'Versammlungsweite Einstellungen',
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
    'Medienordner: {folder}\nUm stattdessen Ihren eigenen Server zu verwenden (siehe README, „Point it at your server“):\n  npm run --silent host -- config set serverUrl https://cloud.example.org/remote.php/dav/files/BENUTZER/\n  npm run --silent host -- config set username BENUTZER\n  npm run --silent host -- config set folder /Congregation\n  npm run --silent host -- secret set password          (fragt nach; oder --from-env VAR)\n  npm run --silent host -- run congregation-sync.testConnection\n  npm run --silent host -- run congregation-sync.sync\nnpm start -- --reset beginnt die Demo von vorn.',
  'setup.missing':
    'Die Versammlungs-Synchronisation ist noch nicht eingerichtet. Es fehlt, und so wird es gesetzt:',
  'setup.oneRun': 'oder {env}=… für einen Lauf',
  'help.start':
    'Demo: eingebauter WebDAV-Server, Erweiterung aktiviert, verbinden und synchronisieren, dann die Webseite bis Strg+C (--once: nach der Synchronisation enden, --reset: Demo von vorn)',
  'help.sync': 'den Ordner der Versammlung ohne Oberfläche synchronisieren (help sync: die Optionen)',
  'help.vo': 'die Aktionen des Organisators (help vo: die Aktionen)',
  'cli.notHere': '{option} ist keine Option dieses Befehls',
  'cli.date': '{option} muss ein Datum als JJJJ-MM-TT sein, eingegeben: „{value}“',
  'cli.integer': '{option} muss eine ganze Zahl sein, eingegeben: „{value}“',
  'panel.sync': 'Medienordner aktualisieren',
};

export type MessageKey = Key;
export type Params = Record<string, string | number | undefined>;

/** A text in the host's language (German for `de*`, English otherwise), with `{name}` placeholders filled. */
export function t(language: string, key: MessageKey, params: Params = {}): string {
  const table = language.toLowerCase().startsWith('de') ? de : en;
  return table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const MESSAGES = { en, de };
