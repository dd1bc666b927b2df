/** The host's own texts (its CLI, its web server and its web page) in English and German. Plugin texts come from
 * the plugins (their panels and manifests), never from here. */

export type Language = 'en' | 'de';

/** The languages the host has texts for, each by its own name. */
export const LANGUAGES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

const en = {
  'app.title': 'Meeting media presenter',
  'nav.label': 'Sections',
  'nav.settings': 'Settings',
  'nav.media': 'Media',
  'nav.plugins': 'Plugins',
  'nav.commands': 'Commands',
  'nav.commands.shortcut': 'Command palette ({keys})',
  'settings.host': 'Presenter settings',
  'settings.sections': 'Settings sections',
  'settings.locked': 'enforced by your congregation',
  'settings.saved': 'Saved',
  'settings.invalid': 'Not accepted: {detail}',
  'settings.none': 'No plugin has settings here.',
  'secret.stored': 'A value is stored; type a new one to replace it.',
  'secret.none': 'Nothing stored yet.',
  'secret.remove': 'Remove',
  'secret.removeLabel': 'Remove {label}',
  'browse.button': 'Browse…',
  'browse.buttonLabel': 'Browse: {label}',
  'browse.title': 'Choose a folder',
  'browse.current': 'Folder: {path}',
  'browse.up': 'Up one level',
  'browse.choose': 'Use this folder',
  'browse.empty': 'No sub-folders.',
  'browse.loading': 'Loading…',
  'dialog.ok': 'OK',
  'dialog.cancel': 'Cancel',
  'dialog.close': 'Close',
  'dialog.filter': 'Filter',
  'task.cancel': 'Cancel',
  'task.cancelling': 'Cancelling…',
  'palette.title': 'Command palette',
  'palette.input': 'Type a command',
  'palette.empty': 'No matching command.',
  'message.info': 'Information',
  'message.warning': 'Warning',
  'message.error': 'Error',
  'message.question': 'Question',
  'message.dismiss': 'Dismiss',
  'action.started': '{title}…',
  'action.done': '{title}: done.',
  'media.folder': 'Media folder: {folder}',
  'media.empty': 'No media yet.',
  'media.source.jw': 'JW',
  'media.source.congregation': 'Congregation',
  'media.source.local': 'Local',
  'status.label': 'Status',
  'status.never': 'Not synced yet',
  'status.last.ok': 'Last sync {time}: done',
  'status.last.problems': 'Last sync {time}: {count} {count:problem|problems} (first: {first})',
  'status.last.failed': 'Last sync {time} failed: {first}',
  'status.next': 'Next sync {time}',
  'status.nextNone': 'No automatic sync',
  'status.date.ready': 'Next meeting, {date}: ready',
  'status.date.missing': 'Next meeting, {date}: {count} {count:item|items} missing',
  'media.hidden': 'Hidden',
  'media.recurring': 'Recurring',
  'media.place': '{section}, {at}',
  'media.place.start': 'at the start',
  'media.place.end': 'at the end',
  'section.tgw': 'Treasures From God’s Word',
  'section.ayfm': 'Apply Yourself to the Field Ministry',
  'section.lac': 'Living as Christians',
  'section.pt': 'Public Talk',
  'section.wt': 'Watchtower Study',
  'section.circuit-overseer': 'Circuit Overseer',
  'media.drop': 'Drop files here to upload them for this date',
  'media.uploading': 'Uploading {name}…',
  'media.renamePrompt': 'New name for "{name}"',
  'media.confirm': '{action}: "{name}" for {date}?',
  'media.actionsFor': 'Actions for {name}',
  'plugins.enabled': 'Enabled',
  'plugins.by': 'by {publisher}',
  'plugins.version': 'Version {version}',
  'plugins.invalid': 'Cannot be loaded: {error}',
  'plugins.none': 'No plugins are installed.',
  'error.request': 'The presenter refused or did not answer: {detail}',
  'error.disconnected': 'The connection to the presenter was lost; trying again…',
  'media.present': 'Present',
  'media.presentLabel': 'Present {date} in the media window',
  'media.nowShowing': 'Now showing: {name}',
  'media.showingBackground': 'Now showing: the background',
  'media.next': 'Next',
  'media.previous': 'Previous',
  'media.stop': 'Stop',
  'media.playPause': 'Play/Pause',
  'media.show': 'Show',
  'media.onScreen': 'On screen',
  'media.presentKeys': 'Keys in either window: → or Page Down next, ← or Page Up previous, Space play/pause.',
  'media.popupBlocked':
    'The browser blocked the media window: allow pop-ups for this page, then click Present again.',
  'present.title': 'Media window – {date}',
  'present.fullscreen': 'Full screen',
  'present.category': 'Media window',
  'present.command': 'Present {date}',
  'present.commandNext': 'Next item',
  'present.commandPrevious': 'Previous item',
  'present.commandStop': 'Back to the background',
  'server.presentDate': 'Give the meeting date as YYYY-MM-DD (the Present button of the media list does).',
  'server.forbidden': 'Forbidden: open the address with its token that the presenter printed.',
  'server.notFound': 'Not found.',
  'server.open': 'Open {url} in your browser. Ctrl+C stops the presenter.',
  'server.locked': 'It is enforced by your congregation and cannot be changed here.',
  'server.oneOf': 'Choose one of: {values}.',
  'server.range': 'Enter a whole number from {min} to {max}.',
  'server.number': 'Enter a number.',
  'server.numberRange': 'Enter a number from {min} to {max}.',
  'server.integer': 'Enter a whole number.',
  'server.boolean': 'Choose on or off.',
  'server.text': 'Enter text.',
  'server.maxLength': 'Enter at most {max} characters.',
  'config.got': '(got {value})',
  'config.unknown': 'unknown setting "{key}"; known: {known}',
  'server.form': 'This is not in the expected form.',
  'server.stopped': 'Presenter stopped.',
  'cli.enabled': 'enabled',
  'cli.disabled': 'disabled',
  'cli.installed': 'Installed {id} {version} in {folder}.',
  'cli.unknownLanguage': '--lang {lang} is not available; the languages are: {languages}.',
  'cli.noPassword': 'The password is never taken on the command line: use {env} or `secret set {key}`.',
  'cli.noSecret': 'Secrets are never taken on the command line: use `secret set {key}`.',
  'cli.unknownCommand': 'There is no command "{command}"; "help" lists the commands.',
  'help.usage': 'Usage:',
  'help.commands': 'Commands:',
  'help.serve': "the presenter's web page on 127.0.0.1 (settings, commands, media, plugins)",
  'help.run': 'run a plugin command (see "commands")',
  'help.commands.list': 'list the commands of the enabled plugins',
  'help.config': "the plugin's settings (validated against its manifest)",
  'help.secret': 'store a secret from a prompt or an environment variable, never from the command line',
  'help.settings': "the presenter's own settings (enforced ones are locked)",
  'help.media': 'the media list; add an item as the presenter would after fetching it',
  'help.plugins': 'the profile\'s plugins; ARTIFACT is a .tgz made by "npm run package"',
  'help.help': 'this text, or what one command does',
  'help.options':
    'Options: --profile DIR (default {profile}), --plugin DIR, --media-dir DIR, --lang en|de, --json, --yes, --quiet',
  'help.exit': 'Exit codes: 0 ok, 1 some items failed, 2 usage, configuration or connection error.',
  'progress.left': '{time} left',
  'progress.cancelling': 'Cancelling… (press Ctrl+C again to quit at once)',
  'prompt.numbers': 'Numbers, separated by commas: ',
  'prompt.number': 'Number: ',
  'cli.noPlugin': 'the plugin is not enabled (see the message above)',
  'cli.port': '--port {value} is not a port: give a number from 0 to 65535',
  'cli.runNeedsId': 'run needs a command id (see "commands")',
  'cli.secretStored': 'Secret "{key}" stored.',
  'cli.secretNever': 'never put a secret on the command line',
  'cli.source': '--source is jw or local',
  'cli.section': '--section is one of {sections}',
  'prompt.emptyEnv': 'the environment variable {name} is empty or not set',
  'prompt.noTerminal':
    'no terminal to ask for "{key}": use --from-env VAR with the value in the variable VAR',
  'prompt.nothing': 'nothing entered',
  'cli.unknownOption': 'there is no option {option} ("help" lists the options)',
  'cli.unexpected': 'unexpected argument "{argument}"',
  'cli.noValue': '{option} takes no value',
  'cli.needsValue': '{option} needs a value',
  'cli.invalid': 'invalid',
} as const;

export type StringKey = keyof typeof en;

const de: Record<StringKey, string> = {
  'app.title': 'Medien-Präsentation für Zusammenkünfte',
  'nav.label': 'Bereiche',
  'nav.settings': 'Einstellungen',
  'nav.media': 'Medien',
  'nav.plugins': 'Erweiterungen',
  'nav.commands': 'Befehle',
  'nav.commands.shortcut': 'Befehlspalette ({keys})',
  'settings.host': 'Einstellungen des Präsentationsprogramms',
  'settings.sections': 'Bereiche der Einstellungen',
  'settings.locked': 'von Ihrer Versammlung vorgegeben',
  'settings.saved': 'Gespeichert',
  'settings.invalid': 'Nicht übernommen: {detail}',
  'settings.none': 'Keine Erweiterung hat hier Einstellungen.',
  'secret.stored': 'Ein Wert ist gespeichert; zum Ersetzen einen neuen eingeben.',
  'secret.none': 'Noch nichts gespeichert.',
  'secret.remove': 'Entfernen',
  'secret.removeLabel': '{label} entfernen',
  'browse.button': 'Durchsuchen…',
  'browse.buttonLabel': 'Durchsuchen: {label}',
  'browse.title': 'Ordner wählen',
  'browse.current': 'Ordner: {path}',
  'browse.up': 'Eine Ebene höher',
  'browse.choose': 'Diesen Ordner verwenden',
  'browse.empty': 'Keine Unterordner.',
  'browse.loading': 'Wird geladen…',
  'dialog.ok': 'OK',
  'dialog.cancel': 'Abbrechen',
  'dialog.close': 'Schließen',
  'dialog.filter': 'Filtern',
  'task.cancel': 'Abbrechen',
  'task.cancelling': 'Wird abgebrochen…',
  'palette.title': 'Befehlspalette',
  'palette.input': 'Befehl eingeben',
  'palette.empty': 'Kein passender Befehl.',
  'message.info': 'Hinweis',
  'message.warning': 'Warnung',
  'message.error': 'Fehler',
  'message.question': 'Frage',
  'message.dismiss': 'Schließen',
  'action.started': '{title} …',
  'action.done': '{title}: erledigt.',
  'media.folder': 'Medienordner: {folder}',
  'media.empty': 'Noch keine Medien.',
  'media.source.jw': 'JW',
  'media.source.congregation': 'Versammlung',
  'media.source.local': 'Lokal',
  'status.label': 'Status',
  'status.never': 'Noch nicht synchronisiert',
  'status.last.ok': 'Letzte Synchronisation {time}: erledigt',
  'status.last.problems': 'Letzte Synchronisation {time}: {count} {count:Problem|Probleme} (zuerst: {first})',
  'status.last.failed': 'Letzte Synchronisation {time} fehlgeschlagen: {first}',
  'status.next': 'Nächste Synchronisation {time}',
  'status.nextNone': 'Keine automatische Synchronisation',
  'status.date.ready': 'Nächste Zusammenkunft, {date}: bereit',
  'status.date.missing': 'Nächste Zusammenkunft, {date}: {count} {count:Element fehlt|Elemente fehlen}',
  'media.hidden': 'Ausgeblendet',
  'media.recurring': 'Wiederkehrend',
  'media.place': '{section}, {at}',
  'media.place.start': 'am Anfang',
  'media.place.end': 'am Ende',
  'section.tgw': 'Schätze aus Gottes Wort',
  'section.ayfm': 'Uns im Dienst verbessern',
  'section.lac': 'Unser Leben als Christ',
  'section.pt': 'Öffentlicher Vortrag',
  'section.wt': 'Wachtturm-Studium',
  'section.circuit-overseer': 'Kreisaufseher',
  'media.drop': 'Dateien hier ablegen, um sie für dieses Datum hochzuladen',
  'media.uploading': '{name} wird hochgeladen…',
  'media.renamePrompt': 'Neuer Name für „{name}“',
  'media.confirm': '{action}: „{name}“ für {date}?',
  'media.actionsFor': 'Aktionen für {name}',
  'plugins.enabled': 'Aktiviert',
  'plugins.by': 'von {publisher}',
  'plugins.version': 'Version {version}',
  'plugins.invalid': 'Kann nicht geladen werden: {error}',
  'plugins.none': 'Es sind keine Erweiterungen installiert.',
  'error.request': 'Das Präsentationsprogramm hat abgelehnt oder nicht geantwortet: {detail}',
  'error.disconnected': 'Die Verbindung zum Präsentationsprogramm ist unterbrochen; neuer Versuch…',
  'media.present': 'Präsentieren',
  'media.presentLabel': '{date} im Medienfenster präsentieren',
  'media.nowShowing': 'Jetzt zu sehen: {name}',
  'media.showingBackground': 'Jetzt zu sehen: der Hintergrund',
  'media.next': 'Weiter',
  'media.previous': 'Zurück',
  'media.stop': 'Stopp',
  'media.playPause': 'Abspielen/Pause',
  'media.show': 'Zeigen',
  'media.onScreen': 'Auf dem Bildschirm',
  'media.presentKeys':
    'Tasten in beiden Fenstern: → oder Bild ab weiter, ← oder Bild auf zurück, Leertaste abspielen/anhalten.',
  'media.popupBlocked':
    'Der Browser hat das Medienfenster blockiert: Pop-ups für diese Seite erlauben und erneut auf Präsentieren klicken.',
  'present.title': 'Medienfenster – {date}',
  'present.fullscreen': 'Vollbild',
  'present.category': 'Medienfenster',
  'present.command': '{date} präsentieren',
  'present.commandNext': 'Nächstes Medium',
  'present.commandPrevious': 'Vorheriges Medium',
  'present.commandStop': 'Zurück zum Hintergrund',
  'server.presentDate':
    'Das Versammlungsdatum als JJJJ-MM-TT angeben (die Schaltfläche „Präsentieren“ der Medienliste tut das).',
  'server.forbidden':
    'Verboten: bitte die Adresse mit dem Token öffnen, die das Präsentationsprogramm ausgegeben hat.',
  'server.notFound': 'Nicht gefunden.',
  'server.open': 'Im Browser öffnen: {url} – Strg+C beendet das Präsentationsprogramm.',
  'server.locked': 'Das ist von Ihrer Versammlung vorgegeben und kann hier nicht geändert werden.',
  'server.oneOf': 'Bitte eines davon wählen: {values}.',
  'server.range': 'Bitte eine ganze Zahl von {min} bis {max} eingeben.',
  'server.number': 'Bitte eine Zahl eingeben.',
  'server.numberRange': 'Bitte eine Zahl von {min} bis {max} eingeben.',
  'server.integer': 'Bitte eine ganze Zahl eingeben.',
  'server.boolean': 'Bitte an oder aus wählen.',
  'server.text': 'Bitte Text eingeben.',
  'server.maxLength': 'Bitte höchstens {max} Zeichen eingeben.',
  'config.got': '(eingegeben: {value})',
  'config.unknown': 'unbekannte Einstellung „{key}“; bekannt sind: {known}',
  'server.form': 'Das hat nicht die erwartete Form.',
  'server.stopped': 'Präsentationsprogramm beendet.',
  'cli.enabled': 'aktiviert',
  'cli.disabled': 'deaktiviert',
  'cli.installed': '{id} {version} wurde in {folder} installiert.',
  'cli.unknownLanguage': '--lang {lang} gibt es nicht; verfügbare Sprachen: {languages}.',
  'cli.noPassword':
    'Das Passwort wird nie auf der Befehlszeile angenommen: bitte {env} oder `secret set {key}` verwenden.',
  'cli.noSecret':
    'Geheimnisse werden nie auf der Befehlszeile angenommen: bitte `secret set {key}` verwenden.',
  'cli.unknownCommand': 'Einen Befehl „{command}“ gibt es nicht; „help“ zeigt die Befehle.',
  'help.usage': 'Aufruf:',
  'help.commands': 'Befehle:',
  'help.serve':
    'die Webseite des Präsentationsprogramms auf 127.0.0.1 (Einstellungen, Befehle, Medien, Erweiterungen)',
  'help.run': 'einen Befehl einer Erweiterung ausführen (siehe „commands“)',
  'help.commands.list': 'die Befehle der aktivierten Erweiterungen auflisten',
  'help.config': 'die Einstellungen der Erweiterung (geprüft nach ihrem Manifest)',
  'help.secret':
    'ein Geheimnis aus einer Eingabe oder einer Umgebungsvariable speichern, nie von der Befehlszeile',
  'help.settings': 'die Einstellungen des Präsentationsprogramms (vorgegebene sind gesperrt)',
  'help.media':
    'die Medienliste; einen Eintrag hinzufügen, wie es das Präsentationsprogramm nach dem Abruf tut',
  'help.plugins': 'die Erweiterungen des Profils; ARTIFACT ist eine .tgz-Datei von „npm run package“',
  'help.help': 'dieser Text, oder was ein Befehl tut',
  'help.options':
    'Optionen: --profile ORDNER (Vorgabe {profile}), --plugin ORDNER, --media-dir ORDNER, --lang en|de, --json, --yes, --quiet',
  'help.exit':
    'Rückgabewerte: 0 in Ordnung, 1 einzelne Einträge fehlgeschlagen, 2 Aufruf-, Einstellungs- oder Verbindungsfehler.',
  'progress.left': 'noch {time}',
  'progress.cancelling': 'Wird abgebrochen… (Strg+C noch einmal beendet sofort)',
  'prompt.numbers': 'Nummern, durch Kommas getrennt: ',
  'prompt.number': 'Nummer: ',
  'cli.noPlugin': 'die Erweiterung ist nicht aktiviert (siehe die Meldung darüber)',
  'cli.port': '--port {value} ist kein Port: bitte eine Zahl von 0 bis 65535 angeben',
  'cli.runNeedsId': 'run braucht die Kennung eines Befehls (siehe „commands“)',
  'cli.secretStored': 'Geheimnis „{key}“ gespeichert.',
  'cli.secretNever': 'ein Geheimnis nie auf die Befehlszeile schreiben',
  'cli.source': '--source ist jw oder local',
  'cli.section': '--section ist eines von {sections}',
  'prompt.emptyEnv': 'die Umgebungsvariable {name} ist leer oder nicht gesetzt',
  'prompt.noTerminal':
    'kein Terminal, um nach „{key}“ zu fragen: bitte --from-env VAR mit dem Wert in der Variable VAR verwenden',
  'prompt.nothing': 'nichts eingegeben',
  'cli.unknownOption': 'eine Option {option} gibt es nicht („help“ zeigt die Optionen)',
  'cli.unexpected': 'unerwartetes Argument „{argument}“',
  'cli.noValue': '{option} nimmt keinen Wert',
  'cli.needsValue': '{option} braucht einen Wert',
  'cli.invalid': 'ungültig',
};

/** The host settings' labels (the schema's descriptions are English only). */
const settingLabels: Record<Language, Record<string, string>> = {
  en: {
    'app.congregationName': 'Congregation name',
    'app.localAppLang': 'Display language',
    'app.outputFolderDateFormat': 'Date folder format',
    'app.theme': 'Theme',
    'media.lang': 'Media language',
    'media.langFallback': 'Fallback media language',
    'media.langSubs': 'Subtitle language',
    'media.enableSubtitles': 'Subtitles on',
    'media.maxRes': 'Maximum video resolution',
    'media.excludeTh': 'Leave out Teaching brochure images',
    'meeting.mwDay': 'Midweek meeting day',
    'meeting.weDay': 'Weekend meeting day',
    'meeting.mwStartTime': 'Midweek meeting start time',
    'meeting.weStartTime': 'Weekend meeting start time',
    'meeting.coWeek': "Circuit overseer's visit (a date in that week)",
    'meeting.enableMusicButton': 'Background music button',
    'meeting.autoStartMusic': 'Start music before meetings',
    'meeting.musicVolume': 'Music volume (%)',
    'meeting.musicFadeOutTime': 'Music fade-out (seconds)',
  },
  de: {
    'app.congregationName': 'Name der Versammlung',
    'app.localAppLang': 'Anzeigesprache',
    'app.outputFolderDateFormat': 'Format der Datumsordner',
    'app.theme': 'Farbschema',
    'media.lang': 'Mediensprache',
    'media.langFallback': 'Ersatz-Mediensprache',
    'media.langSubs': 'Untertitelsprache',
    'media.enableSubtitles': 'Untertitel an',
    'media.maxRes': 'Maximale Videoauflösung',
    'media.excludeTh': 'Bilder der Lehren-Broschüre weglassen',
    'meeting.mwDay': 'Tag der Zusammenkunft unter der Woche',
    'meeting.weDay': 'Tag der Zusammenkunft am Wochenende',
    'meeting.mwStartTime': 'Beginn der Zusammenkunft unter der Woche',
    'meeting.weStartTime': 'Beginn der Zusammenkunft am Wochenende',
    'meeting.coWeek': 'Besuch des Kreisaufsehers (ein Datum in dieser Woche)',
    'meeting.enableMusicButton': 'Schaltfläche für Hintergrundmusik',
    'meeting.autoStartMusic': 'Musik vor den Zusammenkünften starten',
    'meeting.musicVolume': 'Musiklautstärke (%)',
    'meeting.musicFadeOutTime': 'Ausblenden der Musik (Sekunden)',
  },
};

const enumLabels: Record<Language, Record<string, string>> = {
  en: {
    'app.localAppLang.en': 'English',
    'app.localAppLang.de': 'Deutsch',
    'app.theme.light': 'Light',
    'app.theme.dark': 'Dark',
    'app.theme.system': 'As the system',
  },
  de: {
    'app.localAppLang.en': 'English',
    'app.localAppLang.de': 'Deutsch',
    'app.theme.light': 'Hell',
    'app.theme.dark': 'Dunkel',
    'app.theme.system': 'Wie das System',
  },
};

/** Weekdays as the meeting-day settings count them: 0 = Monday … 6 = Sunday. */
const weekdays: Record<Language, string[]> = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
};

/** Media languages by their code in the publications' catalogue. */
const mediaLanguages: Record<Language, Record<string, string>> = {
  en: {
    E: 'English',
    X: 'German',
    S: 'Spanish',
    F: 'French',
    I: 'Italian',
    T: 'Portuguese',
    O: 'Dutch',
    P: 'Polish',
    U: 'Russian',
    TK: 'Turkish',
    AR: 'Arabic',
    CR: 'Croatian',
    SB: 'Serbian',
    RU: 'Romanian',
    G: 'Greek',
  },
  de: {
    E: 'Englisch',
    X: 'Deutsch',
    S: 'Spanisch',
    F: 'Französisch',
    I: 'Italienisch',
    T: 'Portugiesisch',
    O: 'Niederländisch',
    P: 'Polnisch',
    U: 'Russisch',
    TK: 'Türkisch',
    AR: 'Arabisch',
    CR: 'Kroatisch',
    SB: 'Serbisch',
    RU: 'Rumänisch',
    G: 'Griechisch',
  },
};

const onOff: Record<Language, Record<string, string>> = {
  en: { true: 'on', false: 'off', '': 'none' },
  de: { true: 'an', false: 'aus', '': 'keine' },
};

export const STRINGS = { en, de };

export function weekdayNames(language: Language): readonly string[] {
  return weekdays[language];
}

export function mediaLanguageNames(language: Language): Record<string, string> {
  return mediaLanguages[language];
}

export function booleanLabels(language: Language): Record<string, string> {
  return { true: onOff[language].true as string, false: onOff[language].false as string };
}

export function noneLabel(language: Language): string {
  return onOff[language][''] as string;
}

/** The host's language from a BCP 47 tag: German for `de*`, English otherwise. */
export function languageOf(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A text in `language` with `{name}` placeholders filled. */
const PLURALS = { en: new Intl.PluralRules('en'), de: new Intl.PluralRules('de') };

/**
 * A text in `language`, with `{name}` placeholders filled, and `{name:one|other}` choosing by the number `name` the
 * form its language's plural rules (Intl.PluralRules) call for: `{count} {count:file|files}`.
 */
export function text(
  language: Language,
  key: StringKey,
  params: Record<string, string | number> = {},
): string {
  const table: Record<StringKey, string> = language === 'de' ? de : en;
  return table[key]
    .replace(/\{(\w+):([^{}|]*)\|([^{}]*)\}/g, (_, name: string, one: string, other: string) =>
      PLURALS[language].select(Number(params[name] ?? 0)) === 'one' ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function settingLabel(language: Language, key: string, fallback: string): string {
  return settingLabels[language][key] ?? fallback;
}

export function enumLabel(language: Language, key: string, value: string): string {
  return enumLabels[language][`${key}.${value}`] ?? value;
}
