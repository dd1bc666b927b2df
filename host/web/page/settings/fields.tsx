/**
 * The parts every settings field shares: the frame (label, control, notes, a live "Saved" and the reason a value
 * was refused), the saving with its outcome, and a text input that keeps what is typed while States arrive.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../api.js';
import { t } from '../app.js';

/** How long "Saved" stays next to a field. */
const SAVED_MS = 4000;

export interface FieldStatus {
  saved: boolean;
  /** Why the last value was refused ("Not accepted: …"), if it was. */
  error: string | undefined;
  /** Posts a value; true when the host took it. */
  save(url: string, body: Record<string, unknown>): Promise<boolean>;
  /** Refuses a value here, without asking the host (a time or date that is not one). */
  refuse(detail: string): void;
}

/** A field's outcome: "Saved" for a few seconds after the host took a value, or the reason it refused one. */
export function useFieldStatus(): FieldStatus {
  const [savedAt, setSavedAt] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (savedAt === undefined) return;
    const timer = window.setTimeout(() => setSavedAt(undefined), SAVED_MS);
    return () => window.clearTimeout(timer);
  }, [savedAt]);
  const refuse = (detail: string) => {
    setError(t('settings.invalid', { detail }));
    setSavedAt(undefined);
  };
  return {
    saved: savedAt !== undefined,
    error,
    refuse,
    async save(url, body) {
      try {
        await post(url, body);
        setError(undefined);
        setSavedAt(Date.now());
        return true;
      } catch (e) {
        refuse((e as Error).message);
        return false;
      }
    },
  };
}

/**
 * A value chosen here (a switch, a list) while it is on its way: the control shows it until a State brings
 * another stored value, so that a re-render in between (its own "Saved") does not show the old one again.
 */
export function useChosen<T>(stored: T): [T, (chosen: T, saving: Promise<boolean>) => void] {
  const [chosen, setChosen] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => setChosen(undefined), [stored]);
  const choose = (value: T, saving: Promise<boolean>) => {
    setChosen({ value });
    void saving.then((ok) => {
      if (!ok) setChosen(undefined);
    });
  };
  return [chosen ? chosen.value : stored, choose];
}

/** The ids a control is described by: its refusal and its notes. */
export const describedBy = (id: string, notes: Array<string | false | undefined>): string =>
  [`${id}-error`, ...notes.filter(Boolean)].join(' ');

interface FieldProps {
  id: string;
  label: ComponentChildren;
  status: FieldStatus;
  className?: string;
  notes?: ComponentChildren;
  children: ComponentChildren;
}

/** A labelled field: label, control, "Saved", notes, and the refusal (its paragraph is there, empty, when none). */
export function Field({ id, label, status, className = 'field', notes, children }: FieldProps) {
  return (
    <div class={className} data-field={id}>
      {label}
      {children}
      <span class="status" id={`${id}-status`} aria-live="polite">
        {status.saved ? t('settings.saved') : ''}
      </span>
      {notes}
      <p class="error" id={`${id}-error`}>
        {status.error ?? ''}
      </p>
    </div>
  );
}

/** A note under a field, by its id (a control names it in aria-describedby). */
export function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p class="hint" id={id}>
      {children}
    </p>
  );
}

type InputAttributes = Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onInput' | 'onChange' | 'id'
>;

interface DraftInputProps extends InputAttributes {
  id: string;
  /** The stored value as this field writes it. */
  shown: string;
  /**
   * Saves a text (on Enter or on leaving the field): resolves with the text the field shows for the saved value,
   * or undefined when it was refused.
   */
  commit: (text: string) => Promise<string | undefined>;
}

/**
 * A text input showing the stored value, or what is typed into it until that is saved: a State that arrives
 * meanwhile changes neither the text nor the caret. Once saved, the input follows the stored value again.
 */
export function DraftInput({ id, shown, commit, ...attributes }: DraftInputProps) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  /** The stored value's text when the draft was saved: the draft goes when a State shows another. */
  const savedOver = useRef<string | undefined>(undefined);
  /** The text last committed, so that Enter and the change that follows it save once. */
  const committed = useRef<string | undefined>(undefined);
  const latest = useRef({ shown, draft });
  latest.current = { shown, draft };
  useEffect(() => {
    if (savedOver.current !== undefined && shown !== savedOver.current) {
      savedOver.current = undefined;
      setDraft(undefined);
    }
  }, [shown]);
  const save = async (text: string) => {
    if (latest.current.draft === undefined || text === committed.current) return;
    committed.current = text;
    const expected = await commit(text);
    if (expected === undefined || latest.current.draft !== text) return;
    if (latest.current.shown === expected) setDraft(undefined);
    else savedOver.current = latest.current.shown;
  };
  return (
    <input
      {...attributes}
      id={id}
      value={draft ?? shown}
      onInput={(event) => {
        savedOver.current = undefined;
        committed.current = undefined;
        latest.current.draft = event.currentTarget.value;
        setDraft(event.currentTarget.value);
      }}
      onChange={(event) => void save(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') void save(event.currentTarget.value);
      }}
    />
  );
}
