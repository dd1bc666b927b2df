/** The page's feedback: dialogs, messages, tasks, the host's questions, and the command palette. */

export { type ActionToast, actionToast, notify } from './cards.js';
export { confirmDialog, Dialogs, inputDialog, type OpenDialog, showDialog } from './Dialogs.js';
export { Messages } from './Messages.js';
export { Modal, moveByArrows } from './Modal.js';
export { addPageCommands, matchCommands, openPalette, type PageCommand } from './Palette.js';
export { run } from './run.js';
export { Tasks } from './Tasks.js';
