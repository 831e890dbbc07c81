/**
 * "About this page", inside the overlay's shadow root: the page detector's answer, and for each
 * feature registered for the page whether its anchors were found (how many, how many placeholders,
 * how long it waited), with the diagnostic report to copy. The anchors are checked when the view
 * opens (and again on "Check again", or when a verdict comes in while it is open).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatLocale, formatNumber, t } from '../../shared/i18n';
import { diagnosticReport, type DiagnosticReport } from '../diagnostics/report';
import { summarise } from '../diagnostics/verdicts';
import { onVerdict } from '../diagnostics/watch';
import { onRead, type Fact, type ReadWay } from '../reads';
import { refocusAbout } from './about-button';
import type { ModelStore } from './overlay-model';

const FACT_LABEL = {
  customerId: 'fact_customerId',
  customerName: 'fact_customerName',
  domain: 'fact_domain',
  offer: 'fact_offer',
  quantity: 'fact_quantity',
  order: 'fact_order',
} as const satisfies Record<Fact, string>;

const VIA_LABEL = {
  route: 'via_route',
  clicked: 'via_clicked',
  heading: 'via_heading',
  'aria-label': 'via_aria_label',
  title: 'via_title',
  stored: 'via_stored',
  details: 'via_details',
  'row-id': 'via_row_id',
  cell: 'via_cell',
  'slotted-name': 'via_slotted_name',
  'cell-name': 'via_cell_name',
  'number-input': 'via_number_input',
  spinbutton: 'via_spinbutton',
  'order-table': 'via_order_table',
  'order-grid': 'via_order_grid',
  picked: 'via_picked',
  none: 'via_none',
} as const satisfies Record<ReadWay, string>;

/** Each feature in the partner's words (the report keeps the ids, for support). */
const FEATURE_NAME = {
  'customer-badges': 'featureName_customer_badges',
  'migration-hints': 'featureName_migration_hints',
  'offer-match': 'featureName_offer_match',
  'record-purchase': 'featureName_record_purchase',
  'relationship-accepted': 'featureName_relationship_accepted',
  'reseller-request': 'featureName_reseller_request',
} as const;
const named = (id: string): id is keyof typeof FEATURE_NAME => Object.hasOwn(FEATURE_NAME, id);

function names(ids: readonly string[]): string {
  const words = ids.map((id) => (named(id) ? t(FEATURE_NAME[id]) : id));
  return new Intl.ListFormat(formatLocale(), { type: 'conjunction' }).format(words);
}

/** One sentence: what works on this page and what does not, and what to do then. */
function Summary({ report }: { report: DiagnosticReport }) {
  if (!report.route.page) return <p data-csp-move="about-summary" data-state="unknown-page">{t('aboutNoRoute')}</p>;
  const s = summarise(report.features);
  const state = s.off.length ? 'off' : s.waiting.length ? 'waiting' : 'works';
  return (
    <div data-csp-move="about-summary" data-state={state}>
      {s.off.length ? <p class="problem">{t('aboutSummaryOff', [names(s.off)])}</p> : null}
      {s.waiting.length ? <p>{t('aboutSummaryWaiting', [names(s.waiting)])}</p> : null}
      {s.working.length ? <p>{t(s.off.length || s.waiting.length ? 'aboutSummaryRest' : 'aboutSummaryWorks', [names(s.working)])}</p> : null}
      {s.off.length ? <p class="muted">{t('aboutSummaryWhatToDo')}</p> : null}
    </div>
  );
}

/** Copies with the Clipboard API, else by selecting the report's text and the copy command. */
async function copy(text: string, area: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No permission or no focus: fall back to a selection in our own shadow root.
  }
  if (!area) return false;
  const folded = area.closest('details');
  if (folded) folded.open = true;
  area.focus();
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function AboutPage({ model }: { model: ModelStore }) {
  const [report, setReport] = useState<DiagnosticReport>(diagnosticReport);
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const area = useRef<HTMLTextAreaElement>(null);
  const title = useRef<HTMLParagraphElement>(null);
  useEffect(() => onVerdict(() => setReport(diagnosticReport())), []);
  useEffect(() => onRead(() => setReport(diagnosticReport())), []);
  // Opened by the partner's click: the view's title takes the focus the vanished button had.
  useEffect(() => title.current?.focus(), []);
  const json = JSON.stringify(report, null, 1);
  const onCopy = () => void copy(json, area.current).then((ok) => setCopied(ok ? 'ok' : 'failed'));
  return (
    <div class="body" data-csp-move="about" data-route={report.route.page ?? ''}>
      <p ref={title} tabIndex={-1} style={{ outline: 'none' }}>
        <strong>{t('aboutThisPage')}</strong>
      </p>
      <Summary report={report} />
      <div class="actions">
        <button type="button" class="primary" data-csp-move="diagnostic-copy" onClick={onCopy}>
          {t('aboutCopy')}
        </button>
        <button type="button" data-csp-move="about-refresh" onClick={() => setReport(diagnosticReport())}>
          {t('aboutRefresh')}
        </button>
        <button
          type="button"
          data-csp-move="about-close"
          onClick={() => {
            refocusAbout();
            model.set({ about: false });
          }}
        >
          {t('aboutBack')}
        </button>
      </div>
      {copied && (
        <p role="status" class={copied === 'ok' ? 'success' : 'problem'} data-csp-move="diagnostic-copied" data-copied={copied}>
          {copied === 'ok' ? t('aboutCopied') : t('aboutCopyFailed')}
        </p>
      )}
      <p class="muted" style={{ marginTop: '8px' }}>
        {t('aboutPrivacy')}
      </p>
      {/* For support: folded, so the partner reads the sentence above first. */}
      <details data-csp-move="about-details">
        <summary>{t('aboutDetails')}</summary>
        <p>{report.route.page ? t('aboutRoute', [report.route.page]) : t('aboutNoRoute')}</p>
        <p class="muted">{t('aboutFeatures')}</p>
        <ul class="list">
          {report.features.map((f) => (
            <li key={f.id} data-feature={f.id} data-status={f.status}>
              <code>{f.id}</code> — {t(`diagStatus_${f.status}`)}
              {f.waitedMs !== undefined && <span class="muted"> ({t('aboutWaited', [formatNumber(f.waitedMs)])})</span>}
              {f.anchors.length > 0 && (
                <ul style={{ margin: '2px 0 4px', paddingLeft: '16px' }}>
                  {f.anchors.map((a) => (
                    <li key={a.id} data-anchor={a.id} data-found={String(a.found)} data-placeholders={String(a.placeholders)}>
                      <code>{a.id}</code>: {t('aboutCounts', [formatNumber(a.found), formatNumber(a.placeholders)])}
                      {f.changed.includes(a.id) && <strong> · {a.found ? t('aboutElsewhere') : t('aboutNotSeen')}</strong>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        {report.reads.length > 0 && (
          <>
            <p class="muted">{t('aboutReads')}</p>
            <ul class="list" data-csp-move="about-reads">
              {report.reads.map((r) => (
                <li key={r.fact} data-fact={r.fact} data-via={r.via}>
                  {t(FACT_LABEL[r.fact])} — {t(VIA_LABEL[r.via])}
                </li>
              ))}
            </ul>
          </>
        )}
        <textarea
          ref={area}
          readOnly
          rows={8}
          spellcheck={false}
          aria-label={t('aboutReport')}
          data-csp-move="diagnostic-report"
          value={json}
          style={{ width: '100%', boxSizing: 'border-box', font: '11px/1.3 ui-monospace, Consolas, monospace', whiteSpace: 'pre', resize: 'vertical' }}
        />
      </details>
    </div>
  );
}
