/** A plugin's settings panel: its fields (text, web address, number, switch, secret, remote folder, button). */
import { useRef, useState } from 'preact/hooks';
import type { FieldView, PanelView } from '../../protocol.js';
import { language, t } from '../app.js';
import { idOf } from '../dom.js';
import { run } from '../feedback.js';
import { FolderBrowser } from './FolderBrowser.js';
import {
  DraftInput,
  describedBy,
  Field,
  type FieldStatus,
  Hint,
  useChosen,
  useFieldStatus,
} from './fields.js';
import { readNumber, showNumber } from './formats.js';

export function PluginPanel({ panel }: { panel: PanelView }) {
  const titleId = idOf('panel', panel.pluginId, panel.id);
  return (
    <section class="card panel" aria-labelledby={titleId} data-panel={`${panel.pluginId}/${panel.id}`}>
      <h2 id={titleId}>{panel.title}</h2>
      {panel.fields.map((field) => (
        <PanelField key={`${field.index}-${field.kind}`} panel={panel} field={field} />
      ))}
    </section>
  );
}

interface FieldProps<K extends FieldView['kind'] = FieldView['kind']> {
  panel: PanelView;
  field: Extract<FieldView, { kind: K }>;
  id: string;
  status: FieldStatus;
}

function PanelField({ panel, field }: { panel: PanelView; field: FieldView }) {
  const id = idOf('field', panel.pluginId, panel.id, String(field.index));
  const status = useFieldStatus();
  if (field.kind === 'button')
    return (
      <div class={`field field-button${field.primary ? ' field-primary' : ''}`}>
        <button
          type="button"
          id={id}
          class={field.primary ? 'primary' : ''}
          onClick={() => void run(field.command)}
        >
          {field.label}
        </button>
      </div>
    );
  const hint = field.description ? <Hint id={`${id}-hint`}>{field.description}</Hint> : null;
  const label = <label for={id}>{field.label}</label>;
  const frame = { id, status, label };
  switch (field.kind) {
    case 'secret':
      return (
        <Field
          {...frame}
          notes={
            <>
              <p class="hint secret-state" id={`${id}-stored`}>
                {field.stored ? t('secret.stored') : t('secret.none')}
              </p>
              {hint}
            </>
          }
        >
          <SecretControl panel={panel} field={field} id={id} status={status} />
        </Field>
      );
    case 'toggle':
      return (
        <Field {...frame} notes={hint}>
          <Switch panel={panel} field={field} id={id} status={status} />
        </Field>
      );
    case 'remote-folder':
      return (
        <Field {...frame} notes={hint}>
          <FolderControl panel={panel} field={field} id={id} status={status} />
        </Field>
      );
    default: {
      const command = field.labelCommand;
      const commandLabel = command ? (
        // biome-ignore lint/a11y/useKeyWithClickEvents: a label takes no focus; the command palette runs the same command
        <label
          for={id}
          class="label-command"
          onClick={(event) => {
            event.preventDefault();
            void run(command);
          }}
        >
          {field.label}
        </label>
      ) : (
        label
      );
      return (
        <Field {...frame} label={commandLabel} notes={hint}>
          <TextControl panel={panel} field={field} id={id} status={status} />
        </Field>
      );
    }
  }
}

function Switch({ panel, field, id, status }: FieldProps<'toggle'>) {
  const [checked, choose] = useChosen(field.value);
  return (
    <input
      type="checkbox"
      role="switch"
      id={id}
      checked={checked}
      aria-checked={checked}
      aria-describedby={describedBy(id, [field.description && `${id}-hint`])}
      aria-invalid={status.error ? 'true' : undefined}
      onChange={(event) => {
        const value = event.currentTarget.checked;
        choose(value, status.save('/api/config', { plugin: panel.pluginId, key: field.key, value }));
      }}
    />
  );
}

/** A configuration value as its field's text: posts the text (the host reads it by the manifest's type). */
function saveConfig(props: { panel: PanelView; field: { key: string }; status: FieldStatus }, text: string) {
  return props.status.save('/api/config', {
    plugin: props.panel.pluginId,
    key: props.field.key,
    value: text,
  });
}

const inputProps = (props: { id: string; field: { description?: string }; status: FieldStatus }) => ({
  id: props.id,
  spellcheck: false,
  'aria-describedby': describedBy(props.id, [props.field.description && `${props.id}-hint`]),
  'aria-invalid': props.status.error ? ('true' as const) : undefined,
});

function TextControl(props: FieldProps<'text' | 'url' | 'number'>) {
  const { field } = props;
  const lang = language();
  if (field.kind === 'number') {
    // written and read in the page's language; the host gets the number's plain digits
    const shown = typeof field.value === 'number' ? showNumber(field.value, lang) : String(field.value ?? '');
    return (
      <DraftInput
        {...inputProps(props)}
        type="text"
        inputMode="decimal"
        shown={shown}
        commit={async (text) => {
          const value = text.trim() === '' ? '' : readNumber(text, lang);
          if (value === undefined) {
            props.status.refuse(t('settings.number.invalid', { example: showNumber(1, lang) }));
            return undefined;
          }
          const saved = await saveConfig(props, String(value));
          return saved ? (value === '' ? '' : showNumber(value, lang)) : undefined;
        }}
      />
    );
  }
  return (
    <DraftInput
      {...inputProps(props)}
      type={field.kind === 'url' ? 'url' : 'text'}
      shown={String(field.value ?? '')}
      commit={async (text) => ((await saveConfig(props, text)) ? text : undefined)}
    />
  );
}

function FolderControl(props: FieldProps<'remote-folder'>) {
  const { panel, field } = props;
  const [browsing, setBrowsing] = useState<string | undefined>(undefined);
  /** A new input (without a draft) after a folder was chosen in the browser. */
  const [generation, setGeneration] = useState(0);
  const choose = async (chosen: string | undefined) => {
    setBrowsing(undefined);
    if (chosen === undefined) return;
    setGeneration((n) => n + 1);
    await saveConfig(props, chosen);
  };
  return (
    <div class="with-button">
      <DraftInput
        key={generation}
        {...inputProps(props)}
        type="text"
        shown={String(field.value ?? '')}
        commit={async (text) => ((await saveConfig(props, text)) ? text : undefined)}
      />
      <button
        type="button"
        class="browse"
        aria-label={t('browse.buttonLabel', { label: field.label })}
        onClick={(event) => {
          const input = event.currentTarget.parentElement?.querySelector('input');
          setBrowsing(input?.value ?? String(field.value ?? ''));
        }}
      >
        {t('browse.button')}
      </button>
      {browsing === undefined ? null : (
        <FolderBrowser panel={panel} field={field.index} start={browsing} onDone={(c) => void choose(c)} />
      )}
    </div>
  );
}

function SecretControl({ panel, field, id, status }: FieldProps<'secret'>) {
  const [text, setText] = useState('');
  /** The value being stored, so that Enter and the change that follows it store once. */
  const storing = useRef<string | undefined>(undefined);
  const store = async (value: string) => {
    if (value === '' || value === storing.current) return;
    storing.current = value;
    if (await status.save('/api/secret', { plugin: panel.pluginId, key: field.secretKey, value }))
      setText('');
  };
  return (
    <div class="with-button">
      <input
        id={id}
        type="password"
        autocomplete="new-password"
        value={text}
        aria-describedby={describedBy(id, [`${id}-stored`, field.description && `${id}-hint`])}
        aria-invalid={status.error ? 'true' : undefined}
        onInput={(event) => {
          storing.current = undefined;
          setText(event.currentTarget.value);
        }}
        onChange={(event) => void store(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void store(event.currentTarget.value);
        }}
      />
      {field.stored ? (
        <button
          type="button"
          class="small"
          aria-label={t('secret.removeLabel', { label: field.label })}
          onClick={() =>
            void status.save('/api/secret', { plugin: panel.pluginId, key: field.secretKey, value: '' })
          }
        >
          {t('secret.remove')}
        </button>
      ) : null}
    </div>
  );
}
