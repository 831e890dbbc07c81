/**
 * Editing one move: its step (one back or forward at once; a jump over steps, or closing while
 * licenses look unassigned, asks first), details, originals, what was provisioned, licenses
 * reassigned and notes. Step changes apply at once; the rest is saved together.
 */
import { useState } from 'preact/hooks';
import { addDays } from '../core/dates';
import type { Move, PathId, Program, Step } from '../core/model';
import { moveFacts } from '../core/move-facts';
import { pathsFor, pathSteps } from '../core/paths';
import { nextStep, previousStep } from '../core/steps';
import { ruleSettings, type NextAction } from '../core/urgency';
import type { Settings } from '../core/schema';
import { LIMITS } from '../core/limits';
import { MoveFactsView, PathName } from '../shared/MoveFactsView';
import { send } from './client';
import { MoveExtras } from '../shared/MoveExtras';
import { dueWords, formatDay, t } from '../shared/i18n';
import { ProtocolError, toErrorInfo, type ErrorInfo } from '../shared/client';
import { Dialog } from './Dialog';
import { ErrorBox, Field, OriginalsEditor, ProgramSelect, ProvisionedEditor } from './fields';
import {
  originalDrafts,
  provisionedDrafts,
  sameOriginals,
  sameProvisioned,
  stepProgress,
  validateOriginals,
  validateProvisioned,
  type DraftError,
  type OriginalDraft,
  type ProvisionedDraft,
} from './logic';

interface PendingConfirm {
  to: Step;
  code: 'skip-needs-confirmation' | 'licenses-not-reassigned' | 'seats-fewer' | 'nothing-provisioned' | 'originals-not-ended';
  skipped: Step[];
}

const CONFIRMABLE: ReadonlySet<string> = new Set(['skip-needs-confirmation', 'licenses-not-reassigned', 'seats-fewer', 'nothing-provisioned', 'originals-not-ended']);

/** What the confirm box says for each guardrail. */
function confirmText(c: PendingConfirm, program: Program): string {
  if (c.code === 'skip-needs-confirmation') return t('popup_confirmSkip', [c.skipped.map((s) => t(`step_${s}`)).join(', '), t(`step_${c.to}`)]);
  if (c.code === 'licenses-not-reassigned') return t('popup_confirmLicenses');
  if (c.code === 'seats-fewer') return t('overridePromptSeats');
  if (c.code === 'nothing-provisioned') return t('overridePromptNothing');
  return `${t('cancelPrompt')} ${t(program === 'direct' ? 'cancelCostDirect' : 'cancelCost')}`;
}

function focusOnMount(el: HTMLElement | null): void {
  if (el && !el.dataset.focused) {
    el.dataset.focused = '1';
    el.focus();
  }
}

export function EditDialog(props: { move: Move; action: NextAction; today: string; settings?: Settings; onClose: () => void; onSaved: (m: Move) => void }) {
  const { move } = props;
  const [name, setName] = useState(move.companyName);
  const [domain, setDomain] = useState(move.domain);
  const [program, setProgram] = useState<Program>(move.program);
  const [notes, setNotes] = useState(move.notes);
  const [licenses, setLicenses] = useState(move.licensesReassigned);
  const [originals, setOriginals] = useState<OriginalDraft[]>(() => originalDrafts(move));
  const [provisioned, setProvisioned] = useState<ProvisionedDraft[]>(() => provisionedDrafts(move));
  const [origErrors, setOrigErrors] = useState<DraftError[]>([]);
  const [provErrors, setProvErrors] = useState<DraftError[]>([]);
  const [nameError, setNameError] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<PendingConfirm | null>(null);
  const [stepNote, setStepNote] = useState('');
  const [jumpTo, setJumpTo] = useState<Step>(move.step);
  const [status, setStatus] = useState('');

  const prev = previousStep(move.path, move.step);
  const next = nextStep(move.path, move.step);
  const progress = stepProgress(move.path, move.step);
  const [cancelDay, setCancelDay] = useState(props.today);
  const facts = props.settings ? moveFacts(move, props.today, ruleSettings(props.settings)) : undefined;

  const changePath = async (path: PathId) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await send('moves/path', { customerId: move.customerId, path });
      setJumpTo(updated.step);
      props.onSaved(updated);
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  const changeStep = async (to: Step, confirmed?: PendingConfirm['code']) => {
    setBusy(true);
    setError(null);
    try {
      const note = stepNote.trim();
      // Each guardrail is passed only by its own answer: a skip confirmation never closes with too few seats.
      const answer =
        confirmed === 'seats-fewer' || confirmed === 'nothing-provisioned'
          ? { override: true, confirmSkip: true }
          : confirmed === 'originals-not-ended'
            ? { cancelledOn: cancelDay, confirmSkip: true }
            : confirmed
              ? { confirmSkip: true }
              : {};
      const updated = await send('moves/step', { customerId: move.customerId, to, ...answer, ...(note ? { note } : {}) });
      setConfirm(null);
      setStepNote('');
      setJumpTo(updated.step);
      setStatus(t('popup_stepChanged', [t(`step_${updated.step}`)]));
      props.onSaved(updated);
    } catch (err) {
      if (err instanceof ProtocolError && CONFIRMABLE.has(err.code)) {
        const steps = pathSteps(move.path);
        const fi = steps.indexOf(move.step);
        const ti = steps.indexOf(to);
        setConfirm({ to, code: err.code as PendingConfirm['code'], skipped: steps.slice(fi + 1, ti) });
      } else setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const o = validateOriginals(originals);
    const p = validateProvisioned(provisioned);
    setOrigErrors(o.ok ? [] : o.errors);
    setProvErrors(p.ok ? [] : p.errors);
    const badName = name.trim() === '';
    setNameError(badName);
    if (!o.ok || !p.ok || badName) {
      setError({ message: t('popup_fixErrors') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let latest: Move | null = null;
      if (name.trim() !== move.companyName || domain.trim().toLowerCase() !== move.domain || program !== move.program || notes !== move.notes) {
        latest = await send('moves/update', { customerId: move.customerId, companyName: name, domain, program, notes });
      }
      if (!sameOriginals(o.originals, move.originals)) latest = await send('moves/originals', { customerId: move.customerId, originals: o.originals });
      if (!sameProvisioned(p.items, move.provisioned)) latest = await send('moves/provisioned', { customerId: move.customerId, items: p.items });
      if (licenses !== move.licensesReassigned) latest = await send('moves/licenses', { customerId: move.customerId, reassigned: licenses });
      if (latest) props.onSaved(latest);
      props.onClose();
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  const id = `edit-${move.customerId}`;
  return (
    <Dialog title={t('popup_editTitle', [move.companyName || move.customerId])} onClose={props.onClose} class="wide" hook="edit-dialog">
      <section class="step-box" aria-labelledby={`${id}-step-h`}>
        <h3 id={`${id}-step-h`}>{t('popup_stepHeading')}</h3>
        <p data-csp-move="edit-step" data-step={move.step}>
          <strong>{progress.complete ? t('popup_stepComplete') : t('popup_stepOf', [String(progress.current), String(progress.total)])}</strong> · {t(`step_${move.step}`)}
          {move.stepDates[move.step] ? <span class="muted"> · {t('popup_since', [formatDay(move.stepDates[move.step]!)])}</span> : null}
        </p>
        {facts ? <PathName facts={facts} /> : null}
        <Field id={`${id}-path`} label={t('popup_path')}>
          {(a) => (
            <select id={a.id} value={move.path} disabled={busy} data-csp-move="path-select" onChange={(e) => void changePath((e.currentTarget as HTMLSelectElement).value as PathId)}>
              {[...new Set([move.path, ...pathsFor(move.program).map((p) => p.id)])].map((p) => (
                <option key={p} value={p}>
                  {t(`path_${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p class="muted" data-csp-move="path-note">
          {t(`pathNote_${move.path}`)}
        </p>
        <p class="advice" data-csp-move="edit-advice">
          <strong>{t(`action_${props.action.kind}`)}</strong>
          {props.action.dueOn !== undefined && props.action.kind !== 'none' ? <span class="muted"> · {dueWords(props.action.dueOn, addDays(props.action.dueOn, -(props.action.daysLeft ?? 0)))}</span> : null}
          <br />
          <span class="muted">{t(`advice_${props.action.kind}`)}</span>
        </p>
        <MoveExtras customerId={move.customerId} send={send} version={move.updatedAt} />
        <Field id={`${id}-note`} label={t('popup_stepNote')}>
          {(a) => <input id={a.id} type="text" value={stepNote} maxLength={LIMITS.stepNote} onInput={(e) => setStepNote((e.currentTarget as HTMLInputElement).value)} />}
        </Field>
        <div class="buttons">
          {prev ? (
            <button type="button" disabled={busy} onClick={() => void changeStep(prev)} data-csp-move="step-back">
              {t('popup_stepBack', [t(`step_${prev}`)])}
            </button>
          ) : null}
          {next ? (
            <button type="button" class="primary" disabled={busy} onClick={() => void changeStep(next)} data-csp-move="step-forward">
              {t('popup_stepForward', [t(`step_${next}`)])}
            </button>
          ) : null}
        </div>
        <div class="inline">
          <Field id={`${id}-jump`} label={t('popup_jumpTo')}>
            {(a) => (
              <select id={a.id} value={jumpTo} onChange={(e) => setJumpTo((e.currentTarget as HTMLSelectElement).value as Step)}>
                {pathSteps(move.path).map((s) => (
                  <option key={s} value={s}>
                    {t(`step_${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" disabled={busy || jumpTo === move.step} onClick={() => void changeStep(jumpTo)} data-csp-move="step-jump">
            {t('popup_setStep')}
          </button>
        </div>
        {confirm ? (
          <div class="confirm-box" data-csp-move="step-confirm">
            <p role="alert">{confirmText(confirm, move.program)}</p>
            {confirm.code === 'originals-not-ended' ? (
              <Field id={`${id}-cancelled`} label={t('cancelledOnLabel')}>
                {(a) => <input id={a.id} type="date" max={props.today} value={cancelDay} data-csp-move="cancel-date" onInput={(e) => setCancelDay((e.currentTarget as HTMLInputElement).value)} />}
              </Field>
            ) : null}
            <div class="buttons">
              <button type="button" onClick={() => setConfirm(null)}>
                {t('popup_cancel')}
              </button>
              <button type="button" class="danger" disabled={busy || (confirm.code === 'originals-not-ended' && !cancelDay)} onClick={() => void changeStep(confirm.to, confirm.code)} data-csp-move={confirm.code === 'seats-fewer' || confirm.code === 'nothing-provisioned' ? 'override-confirm' : confirm.code === 'originals-not-ended' ? 'cancel-confirm' : 'confirm-skip'} ref={focusOnMount}>
                {confirm.code === 'skip-needs-confirmation'
                  ? t('popup_confirmSkipButton')
                  : confirm.code === 'licenses-not-reassigned'
                    ? t('popup_confirmLicensesButton')
                    : confirm.code === 'originals-not-ended'
                      ? t('cancelConfirm')
                      : t('overrideConfirm')}
              </button>
            </div>
          </div>
        ) : null}
        <p class="sr-status" role="status">
          {status}
        </p>
        {facts ? <MoveFactsView facts={facts} program={move.program} /> : null}
      </section>

      <form onSubmit={save} noValidate>
        <h3>{t('popup_detailsHeading')}</h3>
        <div class="grid">
          <Field id={`${id}-name`} label={t('popup_companyName')} class="wide" error={nameError ? t('popup_fieldError_required') : undefined}>
            {(a) => <input id={a.id} type="text" value={name} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
          <Field id={`${id}-domain`} label={t('popup_domain')}>
            {(a) => <input id={a.id} type="text" value={domain} onInput={(e) => setDomain((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
          <Field id={`${id}-program`} label={t('popup_program')}>
            {(a) => <ProgramSelect id={a.id} value={program} onChange={setProgram} />}
          </Field>
        </div>

        <h3>{t('popup_originalsHeading')}</h3>
        <OriginalsEditor idPrefix={`${id}-o`} drafts={originals} onChange={setOriginals} errors={origErrors} />

        <h3>{t('popup_provisionedHeading')}</h3>
        <ProvisionedEditor idPrefix={`${id}-p`} drafts={provisioned} onChange={setProvisioned} errors={provErrors} today={props.today} />
        <label class="check">
          <input type="checkbox" checked={licenses} onChange={(e) => setLicenses((e.currentTarget as HTMLInputElement).checked)} />
          {t('popup_licensesReassigned')}
        </label>

        <Field id={`${id}-notes`} label={t('popup_notes')} class="wide">
          {(a) => <textarea id={a.id} rows={3} value={notes} maxLength={LIMITS.notes} onInput={(e) => setNotes((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>

        <ErrorBox error={error} />
        <div class="buttons sticky">
          <button type="button" onClick={props.onClose}>
            {t('popup_cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy} data-csp-move="edit-save">
            {t('popup_save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
