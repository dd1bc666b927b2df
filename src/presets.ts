/** WebDAV providers known to work, listed as a courtesy, not an endorsement. `{server}` and `{user}` are asked for. */

export interface Preset {
  id: string;
  /** A provider's own name, or a description in each language. */
  name: string | { en: string; de: string };
  url: string;
  folder?: string;
  note: { en: string; de: string };
}

const APP_PASSWORD = {
  en: 'needs an app password, not your normal password',
  de: 'verlangt ein App-Passwort, nicht Ihr normales Passwort',
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'nextcloud',
    name: 'Nextcloud',
    url: 'https://{server}/remote.php/dav/files/{user}/',
    note: {
      en: 'Use your login name as user name. With two-factor login, create an app password under Settings → Security.',
      de: 'Als Benutzername den Anmeldenamen verwenden. Mit Zwei-Faktor-Anmeldung unter Einstellungen → Sicherheit ein App-Passwort erstellen.',
    },
  },
  {
    id: 'owncloud',
    name: 'ownCloud',
    url: 'https://{server}/remote.php/dav/files/{user}/',
    note: {
      en: 'Older ownCloud servers use …/remote.php/webdav/ instead.',
      de: 'Ältere ownCloud-Server verwenden stattdessen …/remote.php/webdav/.',
    },
  },
  {
    id: 'koofr',
    name: 'Koofr',
    url: 'https://app.koofr.net/dav/Koofr/',
    note: {
      en: `Koofr ${APP_PASSWORD.en}: Preferences → Password → App passwords.`,
      de: `Koofr ${APP_PASSWORD.de}: Einstellungen → Passwort → App-Passwörter.`,
    },
  },
  {
    id: '4shared',
    name: '4shared',
    url: 'https://webdav.4shared.com/',
    note: {
      en: 'Use your 4shared e-mail address as user name.',
      de: 'Als Benutzername die 4shared-E-Mail-Adresse verwenden.',
    },
  },
  {
    id: 'pcloud-us',
    name: 'pCloud (US)',
    url: 'https://webdav.pcloud.com/',
    note: {
      en: 'For accounts in pCloud’s US data region.',
      de: 'Für Konten in der US-Datenregion von pCloud.',
    },
  },
  {
    id: 'pcloud-eu',
    name: 'pCloud (EU)',
    url: 'https://ewebdav.pcloud.com/',
    note: {
      en: 'For accounts in pCloud’s EU data region (Luxembourg).',
      de: 'Für Konten in der EU-Datenregion von pCloud (Luxemburg).',
    },
  },
  {
    id: 'kdrive',
    name: 'Infomaniak kDrive',
    url: 'https://{server}.connect.kdrive.infomaniak.com/',
    note: {
      en: 'Enter your kDrive ID (the number in the address of kDrive in the browser) as server.',
      de: 'Als Server die kDrive-ID eingeben (die Zahl in der Adresse von kDrive im Browser).',
    },
  },
  {
    id: 'yandex',
    name: 'Yandex Disk',
    url: 'https://webdav.yandex.com/',
    note: {
      en: `Yandex Disk ${APP_PASSWORD.en} (Yandex ID → Security → App passwords → Files).`,
      de: `Yandex Disk ${APP_PASSWORD.de} (Yandex ID → Sicherheit → App-Passwörter → Dateien).`,
    },
  },
  {
    id: 'powerfolder',
    name: 'PowerFolder',
    url: 'https://my.powerfolder.com/webdav/',
    note: { en: 'Use your PowerFolder account.', de: 'Ihr PowerFolder-Konto verwenden.' },
  },
  {
    id: 'nas',
    name: 'Synology / NAS',
    url: 'https://{server}:5006/',
    note: {
      en: 'Install the NAS’s WebDAV server and enable HTTPS (Synology: port 5006). If its certificate is your own, set the CA file.',
      de: 'Den WebDAV-Server des NAS installieren und HTTPS aktivieren (Synology: Port 5006). Bei eigenem Zertifikat die CA-Datei angeben.',
    },
  },
  {
    id: 'own',
    name: { en: 'My own server', de: 'Eigener Server' },
    url: 'https://{server}/',
    note: {
      en: 'Any WebDAV server works: Apache, nginx, rclone, a NAS. Use HTTPS.',
      de: 'Jeder WebDAV-Server funktioniert: Apache, nginx, rclone, ein NAS. HTTPS verwenden.',
    },
  },
];

export function presetName(preset: Preset, lang: 'en' | 'de'): string {
  return typeof preset.name === 'string' ? preset.name : preset.name[lang];
}

/** Fills the preset's placeholders; returns the names of those still missing. */
export function fillPreset(preset: Preset, values: { server?: string; user?: string }) {
  const missing: Array<'server' | 'user'> = [];
  const url = preset.url.replace(/\{(server|user)\}/g, (_, name: 'server' | 'user') => {
    const value = values[name]?.trim();
    if (!value) {
      missing.push(name);
      return `{${name}}`;
    }
    return name === 'user'
      ? encodeURIComponent(value)
      : value.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  });
  return { url, missing };
}
