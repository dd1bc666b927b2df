/** The page's feedback (see feedback/): what the views use of it. */
export {
  type ActionToast,
  actionToast,
  arrowKeys,
  confirmDialog,
  inputDialog,
  notify,
  type OpenDialog,
  openDialog,
  run,
} from './feedback/index.js';
