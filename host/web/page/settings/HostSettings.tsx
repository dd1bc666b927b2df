/** The presenter's own settings: one field each, a locked one shown locked (the congregation enforces it). */
import type { Json } from '../../../../contract/api.js';
import type { HostSettingView } from '../../protocol.js';
import { language, t } from '../app.js';
import { idOf } from '../dom.js';
import { state } from '../store.js';
import {
  DraftInput,
  describedBy,
  Field,
  type FieldStatus,
  Hint,
  useChosen,
  useFieldStatus,
} from './fields.js';
import { dateInWords, readDate, readNumber, readTime, showDate, showNumber, showTime } from './formats.js';
import { LockIcon } from './lock-icon.js';

export function HostSettings() {
  const settings = state.value?.settings ?? [];
  return (
    <section class="card" aria-labelledby="host-settings-title">
      <h2 id="host-settings-title">{t('settings.host')}</h2>
      {settings.map((setting) => (
        <HostSetting key={setting.key} setting={setting} />
      ))}
    </section>
  );
}

interface ControlProps {
  id: string;
  setting: HostSettingView;
  status: FieldStatus;
  /** The ids that describe the control. */
  described: string;
}

function HostSetting({ setting }: { setting: HostSettingView }) {
  const id = idOf('host', setting.key);
  const status = useFieldStatus();
  const words = setting.format === 'date' ? dateInWords(String(setting.value ?? ''), language()) : '';
  const notes = [
    setting.locked && `${id}-locked`,
    setting.format && `${id}-format`,
    words && `${id}-when`,
    isNumber(setting) && setting.minimum !== undefined && setting.maximum !== undefined && `${id}-range`,
  ];
  const props: ControlProps = { id, setting, status, described: describedBy(id, notes) };
  const className = `field${setting.type === 'boolean' ? ' field-check' : ''}${setting.locked ? ' is-locked' : ''}`;
  return (
    <Field
      id={id}
      label={<label for={id}>{setting.description}</label>}
      status={status}
      className={className}
      notes={<Notes id={id} setting={setting} words={words} />}
    >
      <Control {...props} />
    </Field>
  );
}

const isNumber = (setting: HostSettingView) => setting.type === 'integer' || setting.type === 'number';

function Notes({ id, setting, words }: { id: string; setting: HostSettingView; words: string }) {
  const lang = language();
  const example = showDate('2026-12-09', lang);
  return (
    <>
      {setting.locked ? (
        <span class="locked" id={`${id}-locked`}>
          <LockIcon /> {t('settings.locked')}
        </span>
      ) : null}
      {setting.format === 'time' ? <Hint id={`${id}-format`}>{t('settings.time.hint')}</Hint> : null}
      {setting.format === 'date' ? (
        <>
          <Hint id={`${id}-format`}>{t('settings.date.hint', { example })}</Hint>
          {words ? <Hint id={`${id}-when`}>{words}</Hint> : null}
        </>
      ) : null}
      {isNumber(setting) && setting.minimum !== undefined && setting.maximum !== undefined ? (
        <Hint id={`${id}-range`}>
          {t('settings.range', {
            min: showNumber(setting.minimum, lang),
            max: showNumber(setting.maximum, lang),
          })}
        </Hint>
      ) : null}
    </>
  );
}

function Control(props: ControlProps) {
  const { id, setting, status, described } = props;
  const send = (value: Json) => status.save('/api/settings', { key: setting.key, value });
  const common = {
    id,
    disabled: setting.locked,
    'aria-describedby': described,
    'aria-invalid': status.error ? ('true' as const) : undefined,
  };
  if (setting.type === 'boolean') return <Check {...props} />;
  if (setting.valueLabels) return <Choice {...props} />;
  const lang = language();
  const stored = String(setting.value ?? '');
  /** Saves the value a text stands for, or refuses the text with `problem`. */
  const commitAs =
    (read: (text: string) => Json | undefined, show: (value: Json) => string, problem: () => string) =>
    async (text: string) => {
      const value = read(text);
      if (value === undefined) {
        status.refuse(problem());
        return undefined;
      }
      return (await send(value)) ? show(value) : undefined;
    };
  if (setting.format === 'time')
    return (
      <DraftInput
        {...common}
        type="text"
        inputMode="numeric"
        autocomplete="off"
        placeholder="HH:MM"
        shown={showTime(stored)}
        commit={commitAs(readTime, String, () => t('settings.time.invalid'))}
      />
    );
  if (setting.format === 'date') {
    const example = showDate('2026-12-09', lang);
    return (
      <DraftInput
        {...common}
        type="text"
        autocomplete="off"
        placeholder={t('settings.date.placeholder')}
        shown={showDate(stored, lang)}
        commit={commitAs(
          (text) => readDate(text, lang),
          (value) => showDate(String(value), lang),
          () => t('settings.date.invalid', { example }),
        )}
      />
    );
  }
  if (isNumber(setting) && typeof setting.value === 'number')
    return (
      <DraftInput
        {...common}
        type="text"
        inputMode={setting.type === 'integer' ? 'numeric' : 'decimal'}
        autocomplete="off"
        shown={showNumber(setting.value, lang)}
        commit={commitAs(
          (text) => readNumber(text, lang),
          (value) => showNumber(Number(value), lang),
          () => t('settings.number.invalid', { example: showNumber(setting.minimum ?? 1, lang) }),
        )}
      />
    );
  return (
    <DraftInput
      {...common}
      type="text"
      shown={stored}
      commit={commitAs(
        (text) => text,
        (value) => String(value),
        () => '',
      )}
    />
  );
}

function Check({ id, setting, status, described }: ControlProps) {
  const [checked, choose] = useChosen(setting.value === true);
  return (
    <input
      type="checkbox"
      id={id}
      disabled={setting.locked}
      aria-describedby={described}
      aria-invalid={status.error ? 'true' : undefined}
      checked={checked}
      onChange={(event) => {
        const value = event.currentTarget.checked;
        choose(value, status.save('/api/settings', { key: setting.key, value }));
      }}
    />
  );
}

/** A list of named values (weekdays, languages, on/off, the date-folder formats by an example date). */
function Choice({ id, setting, status, described }: ControlProps) {
  const [current, choose] = useChosen(String(setting.value ?? ''));
  const labels = setting.valueLabels ?? {};
  const choices = [...(setting.enum ?? Object.keys(labels).filter((v) => v !== '' || current === ''))];
  if (!choices.includes(current)) choices.push(current);
  return (
    <select
      id={id}
      disabled={setting.locked}
      aria-describedby={described}
      aria-invalid={status.error ? 'true' : undefined}
      value={current}
      onChange={(event) => {
        const value = event.currentTarget.value;
        choose(
          value,
          status.save('/api/settings', {
            key: setting.key,
            value: setting.type === 'string' ? value : Number(value),
          }),
        );
      }}
    >
      {choices.map((value) => (
        <option key={value} value={value}>
          {labels[value] ?? value}
        </option>
      ))}
    </select>
  );
}
