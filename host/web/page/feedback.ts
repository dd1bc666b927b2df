/** The page's feedback (see feedback/): what the views use of it. */
export {
  type ActionToast,
  actionToast,
  confirmDialog,
  inputDialog,
  notify,
  type OpenDialog,
  run,
} from './feedback/index.js';
