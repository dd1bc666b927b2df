/**
 * The messages: compact cards stacked in a corner of the window, the questions with choices first. A success goes
 * after a few seconds (not while the pointer or the focus is on it); a warning, an error and a question stay until
 * dismissed (× or Escape: Escape with no dialog open dismisses the newest).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { MessageView } from '../../protocol.js';
import { t } from '../app.js';
import { dismissMessage, messages } from '../store.js';
import { runningCards } from './cards.js';
import { answerPrompt, CloseButton, newestQuestion, QuestionCards } from './Questions.js';

const SUCCESS_MS = 5000;

export function Messages() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      const newest = messages.value.at(-1);
      if (newest) dismissMessage(newest.key);
      else {
        const question = newestQuestion();
        if (question) answerPrompt(question, null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div id="toasts" class="toasts">
      <QuestionCards />
      {messages.value.map((message) => (
        <Card key={message.key} message={message} running={runningCards.value.has(message.key)} />
      ))}
    </div>
  );
}

function Card({ message, running }: { message: MessageView & { key: number }; running: boolean }) {
  const card = useRef<HTMLDivElement>(null);
  const fades = message.level === 'info' && !running;
  useEffect(() => {
    if (!fades) return;
    let timer = 0;
    const later = () => {
      timer = window.setTimeout(() => {
        if (card.current?.matches(':hover, :focus-within')) later();
        else dismissMessage(message.key);
      }, SUCCESS_MS);
    };
    later();
    return () => window.clearTimeout(timer);
  }, [fades, message.message]);
  return (
    <div
      ref={card}
      class={`toast toast-${message.level}${running ? ' toast-running' : ''}`}
      role={message.level === 'error' ? 'alert' : 'status'}
      aria-busy={running ? 'true' : undefined}
    >
      <p class="toast-text">
        <span class="visually-hidden toast-level">{`${t(`message.${message.level}`)}: `}</span>
        <span class="toast-message">{message.message}</span>
      </p>
      <CloseButton onClick={() => dismissMessage(message.key)} />
    </div>
  );
}
