/**
 * Import originals from the partner's spreadsheet (CSV): read and checked here in the popup
 * (core/csv, loaded on demand), previewed (customers, originals, new vs updated, every error with
 * its row and column), and written only when the partner confirms: one `moves/import`, all or
 * nothing.
 */
import { useRef, useState } from 'preact/hooks';
import { send } from '../shared/client';
import { t, tn } from '../shared/i18n';
import { toErrorInfo, type ErrorInfo } from './EditDialog';
import { ErrorBox } from './fields';
import { summariseImport } from './logic';
import type { CsvError, CsvImportResult, DateOrder } from './csv-io';

const PREVIEW_LIMIT = 50;

/** English UI: the core's own messages (row, column, why, the value). Others: localised, plus the detail. */
function isEnglishUi(): boolean {
  return t('popup_locale') === 'en';
}

export function describeCsvError(e: CsvError, english: boolean): { main: string; detail?: string } {
  if (english) return { main: e.message };
  const where = e.row === 0 ? t('popup_csvWhereFile') : e.column ? t('popup_csvWhereRowColumn', [String(e.row), e.column]) : t('popup_csvWhereRow', [String(e.row)]);
  const why = t(`popup_csvError_${e.code}`);
  const value = e.value !== undefined && e.value !== '' ? ` “${e.value.length > 40 ? `${e.value.slice(0, 40)}…` : e.value}”` : '';
  return { main: `${t('popup_labelColon', [where])} ${why}${value}`, detail: e.message };
}

/** The list updates itself from the background's change notice after the import. */
export function ImportView(props: { existing: ReadonlySet<string> | ReadonlyMap<string, unknown> }) {
  const [fileName, setFileName] = useState('');
  const [text, setText] = useState<string | null>(null);
  const [order, setOrder] = useState<DateOrder>('dmy');
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<{ created: number; updated: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const english = isEnglishUi();

  const parse = async (csv: string, dateOrder: DateOrder) => {
    setBusy(true);
    try {
      const { parseOriginalsCsv } = await import('./csv-io');
      setResult(parseOriginalsCsv(csv, { dateOrder }));
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    setDone(null);
    setError(null);
    setResult(null);
    if (!file) {
      setText(null);
      return;
    }
    setFileName(file.name);
    try {
      const csv = await file.text();
      setText(csv);
      await parse(csv, order);
    } catch (err) {
      setError(toErrorInfo(err));
    }
  };

  const onOrder = (o: DateOrder) => {
    setOrder(o);
    if (text !== null) void parse(text, o);
  };

  const confirm = async () => {
    if (!result?.ok) return;
    setBusy(true);
    setError(null);
    try {
      const r = await send('moves/import', { customers: result.customers });
      setDone(r);
      setResult(null);
      setText(null);
      setFileName('');
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  const summary = result?.ok ? summariseImport(result.customers, props.existing) : null;
  const errors = result?.errors ?? [];
  const exampleDate = order === 'dmy' ? t('popup_dateOrderExampleDmy') : t('popup_dateOrderExampleMdy');

  return (
    <div class="import">
      <p class="muted">{t('popup_importIntro')}</p>
      <p class="muted small">
        <code>customer_id, company_name, domain, program, offer, sku_id, seats, expires_on</code>
      </p>
      <div class="field">
        <label for="import-file">{t('popup_importChoose')}</label>
        <input id="import-file" ref={input} type="file" accept=".csv,text/csv" data-csp-move="import-csv" onChange={(e) => void onFile(e)} />
      </div>
      <fieldset class="date-order">
        <legend>{t('popup_dateOrder')}</legend>
        <label class="check">
          <input type="radio" name="date-order" value="dmy" checked={order === 'dmy'} onChange={() => onOrder('dmy')} data-csp-move="date-order-dmy" />
          {t('popup_dateOrderDmy')}
        </label>
        <label class="check">
          <input type="radio" name="date-order" value="mdy" checked={order === 'mdy'} onChange={() => onOrder('mdy')} data-csp-move="date-order-mdy" />
          {t('popup_dateOrderMdy')}
        </label>
        <p class="hint muted" data-csp-move="date-order-assumed">
          {t('popup_dateOrderAssumed', [exampleDate])}
          {result && result.ambiguousDates > 0 ? ` ${tn('popup_ambiguousDates', result.ambiguousDates)}` : ''}
        </p>
      </fieldset>

      <div aria-live="polite" class="sr-status">
        {busy ? t('popup_reading') : ''}
      </div>

      {result ? (
        <section class="preview" aria-labelledby="preview-h" data-csp-move="import-preview">
          <h3 id="preview-h">{t('popup_previewHeading', [fileName])}</h3>
          {summary ? (
            <p data-csp-move="import-summary">
              {t('popup_previewSummary', [String(summary.customers), String(summary.originals), String(summary.created), String(summary.updated)])}
            </p>
          ) : null}
          {errors.length > 0 ? (
            <div class="error-box" data-csp-move="import-errors" role="alert">
              <p>
                <strong>{tn('popup_importErrorsHeading', errors.length)}</strong>
              </p>
              <ol class="csv-errors">
                {errors.map((e, i) => {
                  const d = describeCsvError(e, english);
                  return (
                    <li key={i} data-row={e.row} data-column={e.column} data-code={e.code}>
                      {d.main}
                      {d.detail ? (
                        <span class="muted detail" lang="en">
                          {' '}
                          ({d.detail})
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </div>
          ) : null}
          {result.ok && result.customers.length > 0 ? (
            <table class="preview-table">
              <caption class="muted">{result.customers.length > PREVIEW_LIMIT ? t('popup_previewFirst', [String(PREVIEW_LIMIT)]) : t('popup_previewAll')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('popup_companyName')}</th>
                  <th scope="col">{t('popup_domain')}</th>
                  <th scope="col">{t('popup_originalsCount')}</th>
                  <th scope="col">{t('popup_newOrUpdated')}</th>
                </tr>
              </thead>
              <tbody>
                {result.customers.slice(0, PREVIEW_LIMIT).map((c) => (
                  <tr key={c.customerId} data-customer-id={c.customerId}>
                    <td>{c.companyName}</td>
                    <td>{c.domain}</td>
                    <td>{c.originals.length}</td>
                    <td>{props.existing.has(c.customerId) ? t('popup_updated') : t('popup_new')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div class="buttons">
            <button type="button" class="primary" disabled={busy || !result.ok || result.customers.length === 0} onClick={() => void confirm()} data-csp-move="import-confirm">
              {summary ? tn('popup_importConfirm', summary.customers) : t('popup_importConfirmNone')}
            </button>
          </div>
        </section>
      ) : null}
      <ErrorBox error={error} />
      <p role="status" class="result" data-csp-move="import-result">
        {done ? t('popup_importDone', [String(done.created), String(done.updated)]) : ''}
      </p>
    </div>
  );
}
