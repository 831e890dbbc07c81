/**
 * Import from CSV: the partner's own sheet, a Microsoft Graph subscription export, or Partner
 * Center's customer list (core/import-csv recognises which, loaded on demand). The preview shows
 * every original with its offer, seats, date and how the date was read, every line skipped and why,
 * per customer; nothing is written until the partner confirms: one `moves/import`, all or nothing.
 */
import { useRef, useState } from 'preact/hooks';
import type { Program } from '../core/model';
import { send } from './client';
import { formatDay, formatNumber, t, tn } from '../shared/i18n';
import { toErrorInfo, type ErrorInfo } from '../shared/client';
import { ErrorBox, ProgramSelect } from './fields';
import { dateOrderForLocale, isLongPast, parseCustomerId, previewFacts, summariseImport } from './logic';
import type { CsvError, DateOrder, DateReading, ImportResult, PreviewLine } from './csv-io';

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

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function browserLocale(): string {
  return typeof navigator === 'undefined' ? 'en' : navigator.language || 'en';
}

/** "2027-01-14 16:00" from an ISO instant, in UTC (what the export said). */
function utcText(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)}`;
}

/** How a date was read, in words: the order, the ambiguity, the UTC instant's day, the grace period. */
function howRead(read: DateReading): string {
  const parts: string[] = [];
  if (read.instant !== undefined && read.timeZone !== undefined) {
    parts.push(t('popup_readInstant', [utcText(read.instant), read.timeZone]));
  }
  const order = read.order === 'ymd' ? t('popup_readYmd') : read.order === 'dmy' ? t('popup_readDmy') : t('popup_readMdy');
  parts.push(read.ambiguous ? t('popup_readAmbiguous', [order]) : order);
  if (read.accessEnd !== undefined) {
    parts.push(
      read.accessDays === null || read.accessDays === undefined
        ? t('popup_readGraceUnknown', [formatDay(read.accessEnd)])
        : t('popup_readGrace', [formatDay(read.accessEnd), formatNumber(read.accessDays)]),
    );
  }
  return parts.join(' ');
}

function skipText(line: PreviewLine): string {
  switch (line.skip) {
    case 'csp':
      return t('popup_skipCsp');
    case 'trial':
      return t('popup_skipTrial');
    case 'inactive':
      return t('popup_skipInactive', [line.status ?? '']);
    case 'no-date':
      return t('popup_skipNoDate');
    default:
      return line.product === 'unknown' ? t('popup_productUnknown') : t('popup_willImport');
  }
}

export interface TrackedCustomer {
  companyName: string;
  program: Program;
}

type Chosen = { customerId: string; companyName: string };

export function ImportView(props: {
  existing: ReadonlyMap<string, TrackedCustomer>;
  defaultProgram: Program;
  today: string;
  onShowMoves: (customerIds: string[]) => void;
}) {
  const [fileName, setFileName] = useState('');
  const [text, setText] = useState<string | null>(null);
  const [order, setOrder] = useState<DateOrder>(() => dateOrderForLocale(browserLocale()));
  // The program of new customers the file does not name: the settings' default (unknown unless the
  // partner chose one), changeable here; a tracked customer keeps its own.
  const [program, setProgram] = useState<Program>(props.defaultProgram);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [pickId, setPickId] = useState('');
  const [pickTenant, setPickTenant] = useState('');
  const [pickName, setPickName] = useState('');
  const [pickError, setPickError] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<{ created: number; updated: number; untouched: number; ids: string[] } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const english = isEnglishUi();
  const timeZone = browserTimeZone();

  const parse = async (csv: string, dateOrder: DateOrder, customer: Chosen | null, fallback: Program = program) => {
    setBusy(true);
    try {
      const { readImportCsv, loadProductResolver, accessDaysAfterEnd } = await import('./csv-io');
      const resolveProduct = await loadProductResolver();
      setResult(
        readImportCsv(csv, {
          dateOrder,
          timeZone,
          resolveProduct,
          accessDaysAfterEnd,
          programFor: (id, fromFile) => fromFile ?? props.existing.get(id)?.program ?? fallback,
          ...(customer ? { customer } : {}),
        }),
      );
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
    setChosen(null);
    if (!file) {
      setText(null);
      return;
    }
    setFileName(file.name);
    try {
      const csv = await file.text();
      setText(csv);
      await parse(csv, order, null);
    } catch (err) {
      setError(toErrorInfo(err));
    }
  };

  const onOrder = (o: DateOrder) => {
    setOrder(o);
    if (text !== null) void parse(text, o, chosen);
  };

  const onProgram = (p: Program) => {
    setProgram(p);
    // A Graph export's "Warning" dates depend on the program's days of access: read them again.
    if (text !== null) void parse(text, order, chosen, p);
  };

  const useCustomer = () => {
    const fromList = pickId !== '' ? pickId : null;
    const id = fromList ?? parseCustomerId(pickTenant);
    if (id === null) {
      setPickError(true);
      return;
    }
    setPickError(false);
    const c = { customerId: id, companyName: props.existing.get(id)?.companyName ?? pickName.trim() };
    setChosen(c);
    if (text !== null) void parse(text, order, c);
  };

  const confirm = async () => {
    if (!result?.ok) return;
    setBusy(true);
    setError(null);
    try {
      // Only what the background stores: the preview's extras (relationship…) stay here.
      const customers = result.customers.map((c) => ({
        customerId: c.customerId,
        companyName: c.companyName,
        domain: c.domain,
        // The file's program; else, for a customer not tracked yet, the one chosen above.
        ...(c.program !== undefined ? { program: c.program } : props.existing.has(c.customerId) ? {} : { program }),
        originals: c.originals,
        rows: c.rows,
        ...(c.step === undefined ? {} : { step: c.step }),
        ...(c.stepDates === undefined ? {} : { stepDates: c.stepDates }),
      }));
      const r = await send('moves/import', { customers, ...(result.createOnly ? { createOnly: true } : {}) });
      setDone({ ...r, ids: customers.map((c) => c.customerId) });
      setResult(null);
      setText(null);
      setFileName('');
      setChosen(null);
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
  const linesOf = new Map<string, PreviewLine[]>();
  for (const l of result?.lines ?? []) linesOf.set(l.customerId, [...(linesOf.get(l.customerId) ?? []), l]);
  const allFacts = previewFacts(result?.lines ?? [], props.today);
  const emptyCustomers = result?.ok && result.format !== 'pc-customers' ? result.customers.filter((c) => c.originals.length === 0).length : 0;
  const tracked = [...props.existing.entries()].sort((a, b) => a[1].companyName.localeCompare(b[1].companyName));

  const lineTable = (lines: PreviewLine[]) => (
    <table class="preview-table lines">
      <thead>
        <tr>
          <th scope="col">{t('popup_colRow')}</th>
          <th scope="col">{t('popup_colOffer')}</th>
          <th scope="col">{t('popup_colSeats')}</th>
          <th scope="col">{t('popup_colEndDate')}</th>
          <th scope="col">{t('popup_colHowRead')}</th>
          <th scope="col">{t('popup_colImport')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => {
          const past = l.skip === undefined && l.expiresOn !== undefined && isLongPast(l.expiresOn, props.today);
          return (
            <tr key={l.row} data-row={l.row} data-skip={l.skip} data-product={l.product} class={l.skip ? 'skipped' : undefined}>
              <td>{l.row}</td>
              <td>
                {l.offer}
                {l.product === 'part-number' ? <span class="muted small"> ({t('popup_productByPartNumber')})</span> : null}
              </td>
              <td>{l.seats === undefined ? '—' : formatNumber(l.seats)}</td>
              <td data-date={l.expiresOn}>
                {l.expiresOn ? formatDay(l.expiresOn) : '—'}
                {past ? (
                  <strong class="flag" data-csp-move="import-flag-past">
                    {' '}
                    {t('popup_flagPast')}
                  </strong>
                ) : null}
              </td>
              <td class="how">{l.read ? howRead(l.read) : ''}</td>
              <td>{skipText(l)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return (
    <div class="import">
      <p class="muted">{t('popup_importIntro')}</p>
      <ul class="muted small shapes">
        <li>{t('popup_shapeOriginals')}</li>
        <li>{t('popup_shapeGraph')}</li>
        <li>{t('popup_shapePcCustomers')}</li>
      </ul>
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
          {t('popup_dateOrderAssumed', [exampleDate, browserLocale()])}
          {result && result.ambiguousDates > 0 ? ` ${tn('popup_ambiguousDates', result.ambiguousDates)}` : ''}
        </p>
      </fieldset>
      <div class="field" data-csp-move="import-program">
        <label for="import-program">{t('popup_importProgram')}</label>
        <ProgramSelect id="import-program" value={program} onChange={onProgram} />
      </div>

      <div aria-live="polite" class="sr-status">
        {busy ? t('popup_reading') : ''}
      </div>

      {result ? (
        <section class="preview" aria-labelledby="preview-h" data-csp-move="import-preview" data-format={result.format}>
          <h3 id="preview-h">{t('popup_previewHeading', [fileName])}</h3>
          <p data-csp-move="import-format">
            {result.format === 'graph' ? t('popup_formatGraph') : result.format === 'pc-customers' ? t('popup_formatPcCustomers') : t('popup_formatOriginals')}
            {result.psType ? ` ${t('popup_psTypeSkipped', [result.psType])}` : ''}
          </p>
          {result.format === 'graph' ? <p class="hint muted">{t('popup_timeZoneNote', [timeZone])}</p> : null}
          {result.createOnly ? <p class="hint muted">{t('popup_createOnlyNote')}</p> : null}

          {result.needsCustomer || (result.format === 'graph' && chosen) ? (
            <fieldset class="whose" data-csp-move="import-customer-pick">
              <legend>{chosen ? t('popup_whoseFileChosen', [chosen.companyName || chosen.customerId]) : t('popup_whoseFile')}</legend>
              <div class="field">
                <label for="pick-tracked">{t('popup_pickTracked')}</label>
                <select id="pick-tracked" value={pickId} onChange={(e) => setPickId((e.currentTarget as HTMLSelectElement).value)} data-csp-move="import-pick-tracked">
                  <option value="">{t('popup_pickNone')}</option>
                  {tracked.map(([id, c]) => (
                    <option key={id} value={id}>
                      {c.companyName} ({id})
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="pick-tenant">{t('popup_pickTenant')}</label>
                <input id="pick-tenant" type="text" value={pickTenant} disabled={pickId !== ''} aria-invalid={pickError ? 'true' : undefined} onInput={(e) => setPickTenant((e.currentTarget as HTMLInputElement).value)} data-csp-move="import-pick-tenant" />
              </div>
              <div class="field">
                <label for="pick-name">{t('popup_companyName')}</label>
                <input id="pick-name" type="text" value={pickName} disabled={pickId !== ''} onInput={(e) => setPickName((e.currentTarget as HTMLInputElement).value)} data-csp-move="import-pick-name" />
              </div>
              {pickError ? <p class="error" role="alert">{t('popup_pickTenantInvalid')}</p> : null}
              <button type="button" onClick={useCustomer} data-csp-move="import-pick-use">
                {t('popup_pickUse')}
              </button>
            </fieldset>
          ) : null}

          {summary ? (
            <p data-csp-move="import-summary">
              {t('popup_previewSummary', [formatNumber(summary.customers), formatNumber(summary.originals), formatNumber(summary.created), formatNumber(summary.updated)])}
            </p>
          ) : null}
          {result.lines.length > 0 || emptyCustomers > 0 ? (
            <p data-csp-move="import-counts" class="counts">
              {t('popup_previewCounts', [formatNumber(allFacts.csp), formatNumber(allFacts.trials), formatNumber(allFacts.inactive + allFacts.noDate), formatNumber(allFacts.unknownProducts)])}
              {allFacts.longPast > 0 ? <strong class="flag"> {t('popup_previewLongPast', [formatNumber(allFacts.longPast)])}</strong> : null}
              {emptyCustomers > 0 ? <strong class="flag"> {t('popup_previewNoOriginals', [formatNumber(emptyCustomers)])}</strong> : null}
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

          {result.needsCustomer && result.lines.length > 0 ? lineTable(result.lines) : null}

          {result.ok && result.customers.length > 0 ? (
            <div class="preview-customers">
              <p class="muted">{result.customers.length > PREVIEW_LIMIT ? t('popup_previewFirst', [formatNumber(PREVIEW_LIMIT)]) : t('popup_previewAll')}</p>
              {result.customers.slice(0, PREVIEW_LIMIT).map((c) => {
                const lines = linesOf.get(c.customerId) ?? [];
                const facts = previewFacts(lines, props.today);
                const tracked = props.existing.get(c.customerId);
                const state = !tracked ? 'new' : result.createOnly ? 'untouched' : 'updated';
                return (
                  <section key={c.customerId} class="preview-customer" data-csp-move="import-customer" data-customer-id={c.customerId} data-state={state}>
                    <h4>
                      {c.companyName || tracked?.companyName || c.customerId}{' '}
                      <span class="muted small">
                        {c.domain ? `${c.domain} · ` : ''}
                        {c.customerId}
                      </span>{' '}
                      <span class={`tag ${state}`}>{state === 'new' ? t('popup_new') : state === 'updated' ? t('popup_updated') : t('popup_untouched')}</span>
                    </h4>
                    {c.relationship ? <p class="small">{t('popup_relationshipWas', [c.relationship])}</p> : null}
                    {result.format === 'graph' ? (
                      <p class="small" data-csp-move="import-customer-counts">
                        {t('popup_customerCounts', [formatNumber(facts.originals), formatNumber(facts.csp), formatNumber(facts.trials), formatNumber(facts.inactive + facts.noDate), formatNumber(facts.unknownProducts)])}
                      </p>
                    ) : null}
                    {c.originals.length === 0 && !result.createOnly ? (
                      <p class="flag small" data-csp-move="import-flag-empty">
                        {t('popup_flagNoOriginals')}
                      </p>
                    ) : null}
                    {lines.length > 0 ? lineTable(lines) : null}
                  </section>
                );
              })}
            </div>
          ) : null}
          <div class="buttons sticky import-bar">
            <button type="button" class="primary" disabled={busy || !result.ok || result.customers.length === 0} onClick={() => void confirm()} data-csp-move="import-confirm">
              {summary ? tn('popup_importConfirm', summary.customers) : t('popup_importConfirmNone')}
            </button>
          </div>
        </section>
      ) : null}
      <ErrorBox error={error} />
      <p role="status" class="result" data-csp-move="import-result">
        {done ? t('popup_importDone', [formatNumber(done.created), formatNumber(done.updated), formatNumber(done.untouched)]) : ''}
      </p>
      {done ? (
        <button type="button" onClick={() => props.onShowMoves(done.ids)} data-csp-move="import-show-moves">
          {t('popup_showImported')}
        </button>
      ) : null}
    </div>
  );
}
