/**
 * The page's own dialogs (a line of text, a yes or no, a dialog of a view), opened by a call that resolves to the
 * answer, and the host's questions that need a dialog (quick picks, input boxes), one at a time, oldest first.
 * Dismissed (Escape, Cancel), a dialog resolves to undefined.
 */
import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../app.js';
import { prompts } from '../store.js';
import { DialogButtons, Modal } from './Modal.js';
import { Palette } from './Palette.js';
import { answerPrompt } from './Questions.js';
import { QuickPick } from './QuickPick.js';

export interface OpenDialog<T> {
  result: Promise<T | undefined>;
  finish(value: T | undefined): void;
}

interface Entry {
  key: number;
  label: string;
  className: string;
  body: ComponentChildren;
  finish(value: undefined): void;
}

const open = signal<readonly Entry[]>([]);
let lastKey = 0;

/** Opens a dialog whose content `body` draws; `finish` closes it with an answer. */
export function showDialog<T>(
  label: string,
  body: (finish: (value: T | undefined) => void) => ComponentChildren,
  className = '',
): OpenDialog<T> {
  let resolve: (value: T | undefined) => void = () => {};
  const result = new Promise<T | undefined>((r) => {
    resolve = r;
  });
  const entry: Entry = { key: ++lastKey, label, className, body: null, finish: () => {} };
  const finish = (value: T | undefined) => {
    if (!open.value.includes(entry)) return;
    open.value = open.value.filter((e) => e !== entry);
    resolve(value);
  };
  entry.finish = finish;
  entry.body = body(finish);
  open.value = [...open.value, entry];
  return { result, finish };
}

/** Asks for a line of text. */
export function inputDialog(prompt: string, value = '', password = false): OpenDialog<string> {
  return showDialog<string>(prompt, (finish) => (
    <InputBody prompt={prompt} value={value} password={password} finish={finish} />
  ));
}

/** Asks yes or no; resolves to false when dismissed. */
export function confirmDialog(question: string, yes: string): Promise<boolean> {
  return showDialog<boolean>(question, (finish) => (
    <>
      <p class="dialog-title">{question}</p>
      <DialogButtons
        primary={{ label: yes, onClick: () => finish(true), autofocus: true }}
        onCancel={() => finish(undefined)}
      />
    </>
  )).result.then((answer) => answer === true);
}

interface InputProps {
  prompt: string;
  value: string;
  password: boolean;
  finish: (value: string | undefined) => void;
}

function InputBody({ prompt, value, password, finish }: InputProps) {
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => input.current?.select(), []);
  const ok = () => finish(input.current?.value ?? '');
  return (
    <>
      <label for="input-dialog-value" class="dialog-title">
        {prompt}
      </label>
      <input
        id="input-dialog-value"
        ref={input}
        type={password ? 'password' : 'text'}
        value={value}
        autofocus
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          ok();
        }}
      />
      <DialogButtons primary={{ label: t('dialog.ok'), onClick: ok }} onCancel={() => finish(undefined)} />
    </>
  );
}

/** Every open dialog: the page's own, the host's oldest question that needs one, and the palette. */
export function Dialogs() {
  return (
    <>
      {open.value.map((entry) => (
        <Modal
          key={entry.key}
          label={entry.label}
          className={entry.className}
          onDismiss={() => entry.finish(undefined)}
        >
          {entry.body}
        </Modal>
      ))}
      <PromptDialog />
      <Palette />
    </>
  );
}

/** The host's oldest question asked in a dialog (a quick pick, an input box); the next one follows its answer. */
function PromptDialog() {
  const view = prompts.value.find((p) => p.kind !== 'message');
  if (!view) return null;
  if (view.kind === 'quickPick') {
    const finish = (picked: number[] | undefined) =>
      answerPrompt(view.id, picked === undefined ? null : view.canPickMany ? picked : (picked[0] ?? null));
    return (
      <Modal
        key={view.id}
        label={view.title ?? t('palette.title')}
        className="quick-pick"
        onDismiss={() => finish(undefined)}
      >
        <QuickPick view={view} finish={finish} />
      </Modal>
    );
  }
  const finish = (text: string | undefined) => answerPrompt(view.id, text ?? null);
  return (
    <Modal key={view.id} label={view.prompt} onDismiss={() => finish(undefined)}>
      <InputBody
        prompt={view.prompt}
        value={view.value ?? ''}
        password={view.password === true}
        finish={finish}
      />
    </Modal>
  );
}
