/**
 * Tracking a customer by hand: tenant id, name, domain, program (the settings' default) and its
 * originals. Sent as a one-customer `moves/import`, so the move and its originals are stored
 * together or not at all.
 */
import { useState } from 'preact/hooks';
import type { Program } from '../core/model';
import { send } from './client';
import { t } from '../shared/i18n';
import { Dialog } from './Dialog';
import { toErrorInfo, type ErrorInfo } from '../shared/client';
import { ErrorBox, Field, OriginalsEditor, ProgramSelect } from './fields';
import { parseCustomerId, validateOriginals, type DraftError, type OriginalDraft } from './logic';

export function AddDialog(props: { defaultProgram: Program; isTracked: (id: string) => boolean; onClose: () => void; onAdded: (customerId: string) => void }) {
  const [customerId, setCustomerId] = useState('');
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [program, setProgram] = useState<Program>(props.defaultProgram);
  const [originals, setOriginals] = useState<OriginalDraft[]>([{ offer: '', skuId: '', seats: '', expiresOn: '', endBy: 'expire' }]);
  const [origErrors, setOrigErrors] = useState<DraftError[]>([]);
  const [idError, setIdError] = useState<string | undefined>();
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const id = parseCustomerId(customerId);
    const idErr = customerId.trim() === '' ? t('popup_fieldError_required') : id === null ? t('popup_fieldError_not_guid') : props.isTracked(id) ? t('popup_alreadyTracked') : undefined;
    const nameErr = name.trim() === '' ? t('popup_fieldError_required') : undefined;
    const o = validateOriginals(originals);
    setIdError(idErr);
    setNameError(nameErr);
    setOrigErrors(o.ok ? [] : o.errors);
    if (idErr || nameErr || !o.ok || id === null) {
      setError({ message: t('popup_fixErrors') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send('moves/import', {
        customers: [
          {
            customerId: id,
            companyName: name.trim(),
            domain: domain.trim(),
            program,
            // The short form has no expire/cancel choice: a new original expires (the edit dialog can change it).
            originals: o.originals.map((x) => ({ offer: x.offer, ...(x.skuId ? { skuId: x.skuId } : {}), seats: x.seats, expiresOn: x.expiresOn, endBy: 'expire' as const })),
            rows: [],
          },
        ],
      });
      props.onAdded(id);
      props.onClose();
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('popup_addTitle')} onClose={props.onClose} class="wide" hook="add-dialog">
      <form onSubmit={submit} noValidate>
        <div class="grid">
          <Field id="add-id" label={t('popup_customerId')} class="wide" error={idError} hint={t('popup_customerIdHint')}>
            {(a) => (
              <input id={a.id} type="text" value={customerId} autocomplete="off" spellcheck={false} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => setCustomerId((e.currentTarget as HTMLInputElement).value)} />
            )}
          </Field>
          <Field id="add-name" label={t('popup_companyName')} class="wide" error={nameError}>
            {(a) => <input id={a.id} type="text" value={name} aria-invalid={a.invalid} aria-describedby={a.describedBy} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
          <Field id="add-domain" label={t('popup_domain')}>
            {(a) => <input id={a.id} type="text" value={domain} onInput={(e) => setDomain((e.currentTarget as HTMLInputElement).value)} />}
          </Field>
          <Field id="add-program" label={t('popup_program')}>
            {(a) => <ProgramSelect id={a.id} value={program} onChange={setProgram} />}
          </Field>
        </div>
        <h3>{t('popup_originalsHeading')}</h3>
        <OriginalsEditor idPrefix="add-o" drafts={originals} onChange={setOriginals} errors={origErrors} simple />
        <ErrorBox error={error} />
        <div class="buttons">
          <button type="button" onClick={props.onClose}>
            {t('popup_cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy} data-csp-move="add-save">
            {t('popup_addSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
