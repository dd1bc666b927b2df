/**
 * Uploads from the media view: the files go to the host first (streamed by the browser), then the plugin's upload
 * command sends them on to the congregation's server. A date's upload card shows both steps in the date's own section,
 * below its heading and buttons: "sending to the presenter", then the percent of the plugin's task, which counts what
 * the server has answered for.
 */
import { signal } from '@preact/signals';
import type { TaskView } from '../../protocol.js';
import { upload } from '../api.js';
import { t } from '../app.js';
import { actionToast, run } from '../feedback.js';
import { tasks } from '../store.js';

interface Upload {
  /** The file on its way to the host, while it is. */
  sending?: string;
  /** The tasks that ran before the command started: the upload's own task is a new one. */
  before: ReadonlySet<string>;
}

/** Uploads in flight, by date ('' for the whole list). */
const uploads = signal<ReadonlyMap<string, Upload>>(new Map());

function setUpload(key: string, value: Upload | undefined): void {
  const next = new Map(uploads.value);
  if (value) next.set(key, value);
  else next.delete(key);
  uploads.value = next;
}

/** Uploads files to the host, then hands their paths to the plugin's upload command. */
export async function uploadFiles(files: File[], command: string, date?: string): Promise<void> {
  if (files.length === 0) return;
  const key = date ?? '';
  const paths: string[] = [];
  const action = actionToast(t('media.uploading', { name: files[0]?.name ?? '' }));
  try {
    for (const file of files) {
      setUpload(key, { sending: file.name, before: new Set() });
      action.show('info', t('media.uploading', { name: file.name }));
      try {
        paths.push(await upload(file));
      } catch (error) {
        action.show('error', (error as Error).message);
        action.end();
        return;
      }
    }
    setUpload(key, { before: new Set(tasks.value.map((task) => task.id)) });
    await run(command, [date === undefined ? { files: paths } : { date, files: paths }], action);
  } finally {
    setUpload(key, undefined);
  }
}

/** The progress of a date's upload, in the flow of its section (nothing when none runs). */
export function UploadCard({ date }: { date: string }) {
  const current = uploads.value.get(date);
  if (!current) return null;
  const task: TaskView | undefined = current.sending
    ? undefined
    : tasks.value.find((view) => !current.before.has(view.id));
  const label = current.sending ? t('media.sending', { name: current.sending }) : (task?.title ?? '');
  return (
    <div class="media-upload" role="status" aria-busy="true">
      <span class="media-upload-title">{label}</span>
      {task ? (
        <progress max={100} value={task.percent} aria-label={label} />
      ) : (
        <progress aria-label={label} />
      )}
      {task?.message ? <span class="media-upload-message">{task.message}</span> : null}
    </div>
  );
}
