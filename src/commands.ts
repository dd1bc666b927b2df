/** The ids of the commands this plugin contributes (manifest.json lists the same ids, a test keeps them equal). */
export const COMMANDS = {
  sync: 'congregation-sync.sync',
  preview: 'congregation-sync.preview',
  testConnection: 'congregation-sync.testConnection',
  choosePreset: 'congregation-sync.choosePreset',
  browseFolder: 'congregation-sync.browseFolder',
  congregationSettings: 'congregation-sync.congregationSettings',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
