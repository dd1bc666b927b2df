/** The host's questions: a message with choices is a card of its own; answered here, it leaves the page. */
import { post } from '../api.js';
import { t } from '../app.js';
import { endPrompt, prompts } from '../store.js';
import { notify } from './cards.js';

/** Answers a question of the host once (a choice, picked indices, a text, or null: dismissed). */
export function answerPrompt(id: string, answer: unknown): void {
  if (!prompts.value.some((p) => p.id === id)) return;
  endPrompt(id);
  post('/api/answer', { prompt: id, answer }).catch((error: Error) => notify('error', error.message));
}

/** The questions with choices, oldest first: drawn and announced as questions, whatever their level. */
export function QuestionCards() {
  return (
    <>
      {prompts.value.map((view) =>
        view.kind !== 'message' ? null : (
          <div
            key={view.id}
            class="toast toast-question"
            role="alertdialog"
            aria-label={t('message.question')}
          >
            <p class="toast-text">
              <span class="visually-hidden toast-level">{`${t('message.question')}: `}</span>
              <span class="toast-message">{view.message}</span>
            </p>
            <div class="buttons">
              {view.actions.map((action, index) => (
                <button
                  key={action}
                  type="button"
                  class={index === 0 ? 'primary' : ''}
                  onClick={() => answerPrompt(view.id, action)}
                >
                  {action}
                </button>
              ))}
            </div>
            <CloseButton onClick={() => answerPrompt(view.id, null)} />
          </div>
        ),
      )}
    </>
  );
}

export function CloseButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" class="toast-close" aria-label={t('message.dismiss')} onClick={onClick}>
      ×
    </button>
  );
}

/** The newest question with choices, to dismiss with Escape. */
export function newestQuestion(): string | undefined {
  return prompts.value.filter((p) => p.kind === 'message').at(-1)?.id;
}
