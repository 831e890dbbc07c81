/** Settings: reminder lead times, notifications, default program, days before a nudge. */
import { useEffect, useState } from 'preact/hooks';
import type { Program } from '../core/model';
import type { Settings } from '../core/schema';
import { send } from './client';
import { t } from '../shared/i18n';
import { toErrorInfo, type ErrorInfo } from '../shared/client';
import { ErrorBox, Field, ProgramSelect } from './fields';
import { LIMITS } from '../core/limits';
import { parseLeadDays, parseWhole } from './logic';

/**
 * Saving sends a change notice: the list re-ranks itself (the nudge delay changes urgency).
 * `onDirty` says whether the form differs from what is saved, so that leaving the view can ask first.
 */
export function SettingsView(props: { onDirty?: (dirty: boolean) => void }) {
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [lead, setLead] = useState('');
  const [notify, setNotify] = useState(true);
  const [program, setProgram] = useState<Program>('open');
  const [nudge, setNudge] = useState('');
  const [leadError, setLeadError] = useState<string | undefined>();
  const [nudgeError, setNudgeError] = useState<string | undefined>();
  const [acceptance, setAcceptance] = useState('');
  const [eaLead, setEaLead] = useState('');
  const [daysError, setDaysError] = useState<string | undefined>();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const show = (s: Settings) => {
    setLoaded(s);
    setLead(s.leadDays.join(', '));
    setNotify(s.notificationsOn);
    setProgram(s.defaultProgram);
    setNudge(String(s.nudgeAfterDays));
    setAcceptance(String(s.acceptanceDays));
    setEaLead(String(s.eaLeadDays));
  };

  useEffect(() => {
    send('settings/get', {}).then(show, (err: unknown) => setError(toErrorInfo(err)));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setStatus('');
    const l = parseLeadDays(lead);
    const n = parseWhole(nudge, 1, LIMITS.nudgeDays);
    const le = l.ok ? undefined : l.error === 'too-many' ? t('popup_leadTooMany', [String(LIMITS.leadDaysCount)]) : t(`popup_lead_${l.error}`, [l.value ?? '']);
    const ne = n === null ? t('popup_nudgeInvalid') : undefined;
    const acc = parseWhole(acceptance, 0, 180);
    const ea = parseWhole(eaLead, 0, 90);
    setLeadError(le);
    setNudgeError(ne);
    setDaysError(acc === null || ea === null ? t('popup_planDaysInvalid') : undefined);
    if (!l.ok || n === null || acc === null || ea === null) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await send('settings/set', { leadDays: l.days, notificationsOn: notify, defaultProgram: program, nudgeAfterDays: n, acceptanceDays: acc, eaLeadDays: ea });
      show(saved);
      setStatus(t('popup_settingsSaved'));
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  const dirty = loaded !== null && (lead !== loaded.leadDays.join(', ') || notify !== loaded.notificationsOn || program !== loaded.defaultProgram || nudge !== String(loaded.nudgeAfterDays));
  const onDirty = props.onDirty;
  useEffect(() => {
    onDirty?.(dirty);
  }, [dirty, onDirty]);
  useEffect(() => () => onDirty?.(false), [onDirty]);

  if (!loaded) return <p class="muted">{error ? '' : t('loading')}</p>;
  return (
    <form class="settings" onSubmit={save} noValidate>
      <Field id="set-lead" label={t('popup_leadDays')} error={leadError} hint={t('popup_leadDaysHint')}>
        {(a) => <input id={a.id} type="text" inputMode="numeric" value={lead} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => setLead((e.currentTarget as HTMLInputElement).value)} data-csp-move="settings-lead" />}
      </Field>
      <label class="check">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify((e.currentTarget as HTMLInputElement).checked)} />
        {t('popup_notificationsOn')}
      </label>
      <Field id="set-program" label={t('popup_defaultProgram')}>
        {(a) => <ProgramSelect id={a.id} value={program} onChange={setProgram} />}
      </Field>
      <Field id="set-nudge" label={t('popup_nudgeAfter')} error={nudgeError} hint={t('popup_nudgeAfterHint')}>
        {(a) => <input id={a.id} type="text" inputMode="numeric" value={nudge} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => setNudge((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field id="set-acceptance" label={t('popup_acceptanceDays')} error={daysError} hint={t('popup_acceptanceDaysHint')}>
        {(a) => <input id={a.id} type="text" inputMode="numeric" value={acceptance} data-csp-move="acceptance-days" aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => setAcceptance((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <Field id="set-ea-lead" label={t('popup_eaLeadDays')} hint={t('popup_eaLeadDaysHint')}>
        {(a) => <input id={a.id} type="text" inputMode="numeric" value={eaLead} data-csp-move="ea-lead-days" aria-describedby={a.describedBy} onInput={(e) => setEaLead((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <ErrorBox error={error} />
      <div class="buttons left">
        <button type="submit" class="primary" disabled={busy} data-csp-move="settings-save">
          {t('popup_save')}
        </button>
      </div>
      <p role="status" class="result">
        {status}
      </p>
    </form>
  );
}
