/** Form pieces shared by the edit and add dialogs: labelled inputs and the list editors. */
import type { ComponentChildren } from 'preact';
import { LIMITS } from '../core/limits';
import { PROGRAMS, type Program } from '../core/model';
import { t } from '../shared/i18n';
import type { DraftError, DraftField, OriginalDraft, ProvisionedDraft } from './logic';

export function errorText(e: DraftError): string {
  return t(`popup_fieldError_${e.error}`);
}

/** A visible label, an input and (when invalid) its error, wired with aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  class?: string;
  hint?: string;
  children: (a: { id: string; invalid: boolean; describedBy: string | undefined }) => ComponentChildren;
}) {
  const errId = `${props.id}-err`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : '', props.error ? errId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children({ id: props.id, invalid: props.error !== undefined, describedBy })}
      {props.hint ? (
        <span class="hint muted" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="error-text" id={errId}>
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

export function ProgramSelect(props: { id: string; value: Program; onChange: (p: Program) => void }) {
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as Program)}>
      {PROGRAMS.map((p) => (
        <option key={p} value={p}>
          {t(`popup_program_${p}`)}
        </option>
      ))}
    </select>
  );
}

function errorFor(errors: readonly DraftError[], line: number, field: DraftField): string | undefined {
  const e = errors.find((x) => x.line === line && x.field === field);
  return e ? errorText(e) : undefined;
}

function value(e: Event): string {
  return (e.currentTarget as HTMLInputElement).value;
}

/** Originals: offer, sku id, seats, expiry date, expire or cancel; add and remove lines. */
export function OriginalsEditor(props: {
  idPrefix: string;
  drafts: OriginalDraft[];
  onChange: (d: OriginalDraft[]) => void;
  errors: readonly DraftError[];
  /** The add-a-move form asks only for offer, seats and expiry. */
  simple?: boolean;
}) {
  const { drafts, onChange, errors } = props;
  const set = (i: number, patch: Partial<OriginalDraft>) => onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <div class="lines">
      {drafts.length === 0 ? <p class="muted">{t('popup_noOriginals')}</p> : null}
      {drafts.map((d, i) => {
        const p = `${props.idPrefix}-${i}`;
        return (
          <fieldset class="line-item" key={d.id ?? `new-${i}`}>
            <legend>{t('popup_originalN', [String(i + 1)])}</legend>
            <Field id={`${p}-offer`} label={t('popup_offer')} class="wide" error={errorFor(errors, i, 'offer')}>
              {(a) => <input id={a.id} type="text" value={d.offer} maxLength={LIMITS.offer} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { offer: value(e) })} />}
            </Field>
            {props.simple ? null : (
              <Field id={`${p}-sku`} label={t('popup_skuId')} error={errorFor(errors, i, 'skuId')}>
                {(a) => <input id={a.id} type="text" value={d.skuId} maxLength={LIMITS.skuId} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { skuId: value(e) })} />}
              </Field>
            )}
            <Field id={`${p}-seats`} label={t('popup_seats')} class="narrow" error={errorFor(errors, i, 'seats')}>
              {(a) => <input id={a.id} type="text" inputMode="numeric" value={d.seats} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { seats: value(e) })} />}
            </Field>
            <Field id={`${p}-exp`} label={t('popup_expiresOn')} error={errorFor(errors, i, 'expiresOn')}>
              {(a) => <input id={a.id} type="date" value={d.expiresOn} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { expiresOn: value(e) })} />}
            </Field>
            {props.simple ? null : (
              <Field id={`${p}-end`} label={t('popup_endBy')}>
                {(a) => (
                  <select id={a.id} value={d.endBy} onChange={(e) => set(i, { endBy: value(e) as 'expire' | 'cancel' })}>
                    <option value="expire">{t('popup_endBy_expire')}</option>
                    <option value="cancel">{t('popup_endBy_cancel')}</option>
                  </select>
                )}
              </Field>
            )}
            <button type="button" class="small remove" onClick={() => onChange(drafts.filter((_, j) => j !== i))} aria-label={t('popup_removeOriginalN', [String(i + 1)])}>
              {t('popup_remove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="small" onClick={() => onChange([...drafts, { offer: '', skuId: '', seats: '', expiresOn: '', endBy: 'expire' }])}>
        {t('popup_addOriginal')}
      </button>
    </div>
  );
}

/** What was provisioned in CSP: offer, sku id, seats, day provisioned. */
export function ProvisionedEditor(props: { idPrefix: string; drafts: ProvisionedDraft[]; onChange: (d: ProvisionedDraft[]) => void; errors: readonly DraftError[]; today: string }) {
  const { drafts, onChange, errors } = props;
  const set = (i: number, patch: Partial<ProvisionedDraft>) => onChange(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <div class="lines">
      {drafts.length === 0 ? <p class="muted">{t('popup_noProvisioned')}</p> : null}
      {drafts.map((d, i) => {
        const p = `${props.idPrefix}-${i}`;
        return (
          <fieldset class="line-item" key={d.id ?? `new-${i}`}>
            <legend>{t('popup_provisionedN', [String(i + 1)])}</legend>
            <Field id={`${p}-offer`} label={t('popup_offer')} class="wide" error={errorFor(errors, i, 'offer')}>
              {(a) => <input id={a.id} type="text" value={d.offer} maxLength={LIMITS.offer} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { offer: value(e) })} />}
            </Field>
            <Field id={`${p}-sku`} label={t('popup_skuId')} error={errorFor(errors, i, 'skuId')}>
              {(a) => <input id={a.id} type="text" value={d.skuId} maxLength={LIMITS.skuId} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { skuId: value(e) })} />}
            </Field>
            <Field id={`${p}-seats`} label={t('popup_seats')} class="narrow" error={errorFor(errors, i, 'seats')}>
              {(a) => <input id={a.id} type="text" inputMode="numeric" value={d.seats} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { seats: value(e) })} />}
            </Field>
            <Field id={`${p}-on`} label={t('popup_provisionedOn')} error={errorFor(errors, i, 'provisionedOn')}>
              {(a) => <input id={a.id} type="date" value={d.provisionedOn} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => set(i, { provisionedOn: value(e) })} />}
            </Field>
            <button type="button" class="small remove" onClick={() => onChange(drafts.filter((_, j) => j !== i))} aria-label={t('popup_removeProvisionedN', [String(i + 1)])}>
              {t('popup_remove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="small" onClick={() => onChange([...drafts, { offer: '', skuId: '', seats: '', provisionedOn: props.today }])}>
        {t('popup_addProvisioned')}
      </button>
    </div>
  );
}

/** A failed request, said plainly, with every issue the background listed. */
export function ErrorBox(props: { error: { message: string; issues?: readonly string[]; code?: string } | null; hook?: string }) {
  if (!props.error) return null;
  const issues = props.error.issues ?? [];
  // A full store is the partner's to act on: said in the UI language, with what to do.
  const quota = props.error.code === 'quota';
  return (
    <div class="error-box" role="alert" data-csp-move={props.hook} data-error={props.error.code}>
      <p>{quota ? t('errorStorageFull') : props.error.message}</p>
      {issues.length > 1 ? (
        <ul>
          {issues.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
