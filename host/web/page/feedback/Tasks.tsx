/** The running tasks with their progress, each with Cancel when it can be cancelled. */
import { useState } from 'preact/hooks';
import type { TaskView } from '../../protocol.js';
import { post } from '../api.js';
import { t } from '../app.js';
import { tasks } from '../store.js';
import { notify } from './cards.js';

export function Tasks() {
  return (
    <div id="tasks" class="tasks">
      {tasks.value.map((task) => (
        <Task key={task.id} task={task} />
      ))}
    </div>
  );
}

function Task({ task }: { task: TaskView }) {
  const [asked, setAsked] = useState(false);
  const titleId = `task-title-${task.id}`;
  const cancel = () => {
    setAsked(true);
    post('/api/cancel', { task: task.id }).catch((error: Error) => notify('error', error.message));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a task's parts named by its title, not a group of form fields
    <div class="task" role="group" aria-labelledby={titleId} data-task={task.id}>
      <span class="task-title" id={titleId}>
        {task.title}
      </span>
      <progress max={100} value={task.percent} aria-labelledby={titleId}>
        {`${Math.round(task.percent)}%`}
      </progress>
      <span class="task-message" aria-live="polite">
        {task.cancelling ? t('task.cancelling') : task.message}
      </span>
      {task.cancellable ? (
        <button type="button" class="task-cancel" disabled={asked || task.cancelling} onClick={cancel}>
          {t('task.cancel')}
        </button>
      ) : null}
    </div>
  );
}
