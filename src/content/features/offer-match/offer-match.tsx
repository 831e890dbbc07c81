/**
 * The offer-match warning while provisioning: the offer chosen in the catalogue (and its quantity),
 * or each item on the review page, against the tracked customer's originals — same offer, renamed
 * equivalent, different (licenses must be reassigned) or unknown; and fewer seats than before.
 *
 * Reads by structure: the chosen catalogue row (aria-selected, or its checked radio), keyed by the
 * product id in its row id or cells (`CFQ7TTC0LH18:0001`), the row's name as a fallback; the
 * quantity from the form's number input. On review: rows of the order table that hold a product id.
 */
import type { OriginalSubscription } from '../../../core/model';
import { t } from '../../../shared/i18n';
import { fromOurUi, observeDeep, perFrame } from '../../dom';
import type { PageMatch } from '../../pages';
import type { Init } from '../../registry';
import { chosenCatalogueRow, orderItems, orderTables, quantityInput, rowOffer, type PageOffer } from '../../scrape';
import { listOriginals, offerView } from '../../ui/offer-view';
import { pageOverlay } from '../../ui/page-overlay';

/** What the page offers now: the chosen catalogue offer, or the review's items. */
function offersOnPage(page: PageMatch): PageOffer[] {
  if (page.page === 'add-products-review') return orderTables()[0] ? orderItems(orderTables()[0] as Element) : [];
  const row = chosenCatalogueRow();
  if (!row) return [];
  const offer = rowOffer(row);
  const q = quantityInput()?.valueAsNumber;
  return [{ ...offer, ...(q !== undefined && Number.isFinite(q) ? { quantity: q } : {}) }];
}

const init: Init = (signal, page) => {
  const model = pageOverlay(signal, page);
  const last = new Map<string, string>();
  const show = (id: string, key: string, make: () => Parameters<typeof model.callout>[0]) => {
    if (last.get(id) === key) return;
    last.set(id, key);
    model.callout(make(), signal);
  };
  const update = () => {
    const move = model.value.move;
    if (move === undefined) return; // Still loading.
    const offers = offersOnPage(page);
    const ids = new Set<string>();
    if (move === null) {
      if (offers.length) {
        ids.add('offer-match-untracked');
        show('offer-match-untracked', 'untracked', () => ({ id: 'offer-match-untracked', tone: 'info', body: <p>{t('offerMatchUntracked')}</p> }));
      }
    } else {
      offers.forEach((offer, i) => {
        const id = `offer-match-${i}`;
        ids.add(id);
        show(id, JSON.stringify([offer, move.updatedAt]), () => matchCallout(id, move.originals, offer));
      });
    }
    for (const id of last.keys()) {
      if (ids.has(id)) continue;
      last.delete(id);
      model.dropCallout(id);
    }
  };
  const schedule = perFrame('offer-match', update, signal);
  observeDeep(schedule, signal);
  model.subscribe(schedule);
  // Typing a quantity changes a property, not the DOM: listen to the (composed) input events.
  const onInput = (e: Event) => {
    if (!fromOurUi(e)) schedule();
  };
  for (const type of ['input', 'change']) document.addEventListener(type, onInput, { capture: true, signal });
  schedule();
};
export default init;

function matchCallout(id: string, originals: readonly OriginalSubscription[], offer: PageOffer): Parameters<ReturnType<typeof pageOverlay>['callout']>[0] {
  const v = offerView(originals, offer);
  const attrs: Record<string, string> = { 'data-match': v.match };
  if (v.seatsFewer) attrs['data-seats'] = 'fewer';
  if (offer.productId) attrs['data-product-id'] = offer.productId;
  const matched = listOriginals(v.matchedOriginals);
  let text: string;
  if (originals.length === 0) text = t('offerMatchNoOriginals');
  else if (v.match === 'same') text = t('offerMatchSame', [v.offerName, matched]);
  else if (v.match === 'renamed') text = t('offerMatchRenamed', [v.offerName, matched]);
  else if (v.match === 'different') text = t('offerMatchDifferent', [v.offerName]);
  else text = t('offerMatchUnknown', [v.offerName, listOriginals(originals)]);
  return {
    id,
    tone: v.match === 'same' || v.match === 'renamed' ? (v.seatsFewer ? 'warn' : 'success') : 'warn',
    marker: 'offer-match',
    attrs,
    ...(v.match === 'same' || v.match === 'renamed' ? (v.seatsFewer ? { line: t('seatsFewerLine') } : {}) : { line: t(`matchLabel_${v.match}`) }),
    body: (
      <>
        <p>
          <strong>{t(`matchLabel_${v.match}`)}</strong> {text}
        </p>
        {v.match === 'different' && (
          <>
            <p>{t('offerMatchUnmatched')}</p>
            <ul>
              {v.unmatched.map((o) => (
                <li key={o.id}>
                  {o.offer} ({o.seats})
                </li>
              ))}
            </ul>
            <p>{t('offerMatchReassign')}</p>
          </>
        )}
        {v.seatsFewer && (
          <p data-csp-move="seats-fewer">
            <strong>{t('seatsFewer', [String(v.chosenSeats ?? 0), String(v.originalSeats)])}</strong>
          </p>
        )}
        {(v.match !== 'same' || v.seatsFewer) && <p class="muted">{t('cancelWithin7Days')}</p>}
      </>
    ),
  };
}
