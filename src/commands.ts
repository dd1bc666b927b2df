/** The plugin's id (manifest.json's) and the ids of the commands it contributes (manifest.json lists the same ids,
 * a test keeps them equal). */
export const PLUGIN_ID = 'congregation-sync';

export const COMMANDS = {
  sync: 'congregation-sync.sync',
  preview: 'congregation-sync.preview',
  testConnection: 'congregation-sync.testConnection',
  choosePreset: 'congregation-sync.choosePreset',
  browseFolder: 'congregation-sync.browseFolder',
  congregationSettings: 'congregation-sync.congregationSettings',
  upload: 'congregation-sync.upload',
  uploadRecurring: 'congregation-sync.uploadRecurring',
  rename: 'congregation-sync.rename',
  delete: 'congregation-sync.delete',
  hide: 'congregation-sync.hide',
  unhide: 'congregation-sync.unhide',
  recurringRemove: 'congregation-sync.recurringRemove',
  pushSettings: 'congregation-sync.pushSettings',
  liftSettings: 'congregation-sync.liftSettings',
  cleanup: 'congregation-sync.cleanup',
  placeInMeeting: 'congregation-sync.placeInMeeting',
} as const;
