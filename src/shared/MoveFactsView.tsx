/**
 * The move's path, end-of-term dates, paid overlap, cancellation window and guardrails passed, in
 * words: one view for the overlay and the popup, so both say the same thing. Where the data gives
 * no date or rule, it says so rather than guess. Everything it states comes in `facts` (the overlay's
 * from the background's move view): it imports no rules, so the content script carries none.
 */
import type { MoveFacts } from '../core/move-facts';
import type { Program } from '../core/model';
import { formatDay, t } from './i18n';

export { PathName } from './PathName';

export function MoveFactsView({ facts, program }: { facts: MoveFacts; program: Program }) {
  const d = facts.dates;
  const o = facts.overlap;
  return (
    <div class="facts" data-csp-move="facts">
      <p class="advice" data-csp-move="step-advice">
        {t(facts.advice)}
      </p>
      {facts.sameRegionNote && (
        <p class="muted" data-csp-move="same-region">
          {t('sameRegionNote')}
        </p>
      )}
      {d === undefined ? (
        <p class="muted" data-csp-move="dates-unknown">
          {t('datesUnknown')}
        </p>
      ) : (
        <ul class="list" data-csp-move="dates">
          <li data-csp-move="provision-by" data-day={d.suggestedDay}>
            {t('provisionBy', [formatDay(d.suggestedDay)])}
          </li>
          {d.serviceEnd !== undefined && d.serviceEnd !== d.endDate ? (
            <li data-csp-move="service-end" data-day={d.serviceEnd}>
              {t('accessUntil', [formatDay(d.serviceEnd), formatDay(d.endDate)])}
            </li>
          ) : d.serviceEnd !== undefined ? (
            <li data-csp-move="service-end" data-day={d.serviceEnd}>
              {t('accessEndsOnEndDate', [formatDay(d.endDate)])}
            </li>
          ) : (
            <li data-csp-move="rule-unknown">{t('ruleUnknown', [formatDay(d.endDate)])}</li>
          )}
          <li class="muted" data-csp-move="rule-source">
            {t(facts.ruleSource)}
          </li>
        </ul>
      )}
      {o !== undefined && (
        <p class={o.early ? 'warn' : ''} data-csp-move="overlap" data-days={String(o.days)} data-recorded={String(o.recorded)}>
          {t(o.recorded ? 'overlapRecorded' : 'overlapPlanned', [String(o.days), formatDay(o.purchaseDay), formatDay(o.endDate)])}
          {o.early && ` ${t('overlapEarly', [String(o.warnDays)])}`}
        </p>
      )}
      {facts.cancelUntil !== undefined && (
        <p class="warn" data-csp-move="cancel-window" data-day={facts.cancelUntil}>
          {t('cancelWindow', [formatDay(facts.cancelUntil)])}
        </p>
      )}
      {facts.cancellations.map((h) => (
        <p key={h.at} class="warn" data-csp-move="cancellation">
          {t('cancellationRecorded', [formatDay(h.note ?? h.on)])} {t(program === 'direct' ? 'cancelCostDirect' : 'cancelCost')}
        </p>
      ))}
      {facts.overrides.map((h) => (
        <p key={h.at} class="warn" data-csp-move="override" data-guard={h.guard}>
          {h.guard === 'seats-fewer' && h.seats
            ? t('overrideSeats', [formatDay(h.on), String(h.seats.provisioned), String(h.seats.needed)])
            : t('overrideNothing', [formatDay(h.on)])}
        </p>
      ))}
    </div>
  );
}
