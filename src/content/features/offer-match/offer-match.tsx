/**
 * The offer-match warning while provisioning: the offer chosen in the catalogue (and its quantity),
 * or each item on the review page, against the tracked customer's originals — same offer, renamed
 * equivalent, different (licenses must be reassigned) or unknown; and fewer seats than before.
 *
 * Reads by structure: the chosen catalogue row (aria-selected, or its checked radio), keyed by the
 * product id in its row id or cells (`CFQ7TTC0LH18:0001`), the row's name as a fallback; the
 * quantity from the form's number input. On review: rows of the order table that hold a product id.
 */
import { useState } from 'preact/hooks';
import type { OriginalSubscription } from '../../../core/model';
import type { OfferJudgement, SplitJudgement } from '../../../core/offer-view';
import type { OriginalName } from '../../../core/sku-table';
import { t, tn, uiLanguage } from '../../../shared/i18n';
import { send } from '../../connection';
import { fromOurUi, observeDeep, perTask } from '../../dom';
import type { PageMatch } from '../../pages';
import { pickFor, rememberOffers, setPick } from '../../picks';
import { noteRead } from '../../reads';
import type { Init } from '../../registry';
import { readChosenOffer, readOrder, readQuantity, type PageOffer, type Via } from '../../scrape';
import { OfferPick, type Pick } from '../../ui/offer-pick';
import { listOriginals } from '../../ui/offer-view';
import { pageOverlay } from '../../ui/page-overlay';

interface PageRead {
  offers: PageOffer[];
  /** Which fact this page reads (the chosen offer, or the review's order) and how. */
  fact: 'offer' | 'order';
  via: Via | null;
  quantityVia?: Via | null;
  /** The offer (or order) could not be read: the partner is asked. */
  needOffer: boolean;
  /** An offer was read without its quantity: the partner is asked for the seats. */
  needSeats: boolean;
}

/** What the page offers now: the chosen catalogue offer and its quantity, or the review's items. */
function readPage(page: PageMatch): PageRead {
  if (page.page === 'add-products-review') {
    const order = readOrder();
    if (!order) return { offers: [], fact: 'order', via: null, needOffer: true, needSeats: true };
    return { offers: order.value, fact: 'order', via: order.via, needOffer: false, needSeats: order.value.some((o) => o.quantity === undefined) };
  }
  const offer = readChosenOffer();
  if (!offer) return { offers: [], fact: 'offer', via: null, needOffer: true, needSeats: true };
  const q = readQuantity();
  return { offers: [{ ...offer.value, ...(q ? { quantity: q.value } : {}) }], fact: 'offer', via: offer.via, quantityVia: q?.via ?? null, needOffer: false, needSeats: !q };
}

/** The page's offers, completed by what the partner picked where the page could not be read. */
function withPick(r: PageRead, pick: Pick): { offers: PageOffer[]; via: Via | null } {
  if (r.needOffer) {
    if (!pick.offer) return { offers: [], via: null };
    return { offers: [{ productId: '', name: pick.offer.offer, ...(pick.seats !== undefined ? { quantity: pick.seats } : {}) }], via: 'picked' };
  }
  if (r.needSeats && pick.seats !== undefined) return { offers: r.offers.map((o) => (o.quantity === undefined ? { ...o, quantity: pick.seats } : o)), via: r.via };
  return { offers: r.offers, via: r.via };
}

const init: Init = (signal, page) => {
  const model = pageOverlay(signal, page);
  const customerId = page.customerId ?? '';
  const last = new Map<string, string>();
  // The background judges the offers (the catalogue, Microsoft's product table, the seats); the page
  // renders its answer. Until the answer to what the page shows now arrives, the last one stands.
  let verdictKey = '';
  let verdicts: { offers: OfferJudgement[]; splits: SplitJudgement[]; originals: OriginalName[] } | undefined;
  const askVerdicts = (key: string, offers: readonly PageOffer[]) => {
    if (key === verdictKey) return;
    verdictKey = key;
    verdicts = undefined;
    const request = offers.map((o) => ({
      name: o.name.slice(0, 300),
      ...(o.productId ? { productId: o.productId.slice(0, 100) } : {}),
      ...(o.quantity !== undefined && Number.isSafeInteger(o.quantity) && o.quantity >= 0 && o.quantity <= 10_000_000 ? { quantity: o.quantity } : {}),
    }));
    send('offers/verdicts', { customerId, offers: request.slice(0, 50) })
      .then((r) => {
        if (verdictKey !== key || signal.aborted) return;
        verdicts = r;
        schedule();
      })
      .catch(() => {
        // No answer: nothing to say about these offers.
      });
  };
  const show = (id: string, key: string, make: () => Parameters<typeof model.callout>[0]) => {
    if (last.get(id) === key) return;
    last.set(id, key);
    model.callout(make(), signal);
  };
  const update = () => {
    const move = model.value.move;
    if (move === undefined) return; // Still loading.
    const read = readPage(page);
    const { offers, via } = withPick(read, pickFor(customerId));
    noteRead(read.fact, via);
    if (read.fact === 'offer' && !read.needOffer) noteRead('quantity', read.needSeats && pickFor(customerId).seats !== undefined ? 'picked' : (read.quantityVia ?? null));
    const ids = new Set<string>();
    if (move === null) {
      if (offers.length) {
        ids.add('offer-match-untracked');
        show('offer-match-untracked', 'untracked', () => ({ id: 'offer-match-untracked', tone: 'info', body: <p>{t('offerMatchUntracked')}</p> }));
      }
    } else {
      rememberOffers(customerId, offers);
      const key = JSON.stringify([offers.map((o) => [o.name, o.productId, o.quantity]), move.updatedAt]);
      // Asked with no offers too: the originals' names as sold today, before anything is picked.
      askVerdicts(key, offers);
      const known = verdictKey === key ? verdicts : undefined;
      if (!known) {
        // Still being judged: what is shown stays until the answer comes.
        for (const id of last.keys()) if (id.startsWith('offer-') && id !== 'offer-pick') ids.add(id);
      } else {
        const names = known.originals;
        if (!offers.length && move.originals.length && names.length) {
          ids.add('offer-look-for');
          show('offer-look-for', JSON.stringify([names, move.updatedAt]), () => lookForCallout(move.originals, names));
        }
        const inSplit = new Set(known.splits.flatMap((x) => x.offers));
        offers.forEach((offer, i) => {
          const verdict = known.offers[i];
          // An offer that carries an original on with others is shown once, in the split's callout.
          if (inSplit.has(i) || !verdict) return;
          const id = `offer-match-${i}`;
          ids.add(id);
          show(id, JSON.stringify([offer, move.updatedAt, verdict, names]), () => matchCallout(id, move.originals, offer, verdict, names));
        });
        for (const split of known.splits) {
          const id = `offer-split-${split.originalId}`;
          ids.add(id);
          show(id, JSON.stringify([split, move.updatedAt]), () => splitCallout(id, move.originals, split));
        }
      }
      if (read.needOffer || read.needSeats) {
        ids.add('offer-pick');
        const askOffer = read.needOffer;
        show('offer-pick', `pick-${askOffer}-${read.fact}`, () => ({
          id: 'offer-pick',
          tone: 'info',
          body: <PickHost customerId={customerId} askOffer={askOffer} onChange={schedule} />,
        }));
      }
    }
    for (const id of last.keys()) {
      if (ids.has(id)) continue;
      last.delete(id);
      model.dropCallout(id);
    }
  };
  // Right after what changed (the observer's report is already once a frame): the warning follows the choice in the same frame.
  const schedule = perTask('offer-match', update, signal);
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

/** The picker, keeping the customer's pick for the tab's visit (it carries to review and confirmation). */
function PickHost({ customerId, askOffer, onChange }: { customerId: string; askOffer: boolean; onChange: () => void }) {
  const [pick, setLocal] = useState<Pick>(() => pickFor(customerId));
  return (
    <OfferPick
      value={pick}
      askOffer={askOffer}
      title={askOffer ? t('offerPickTitle') : t('offerPickSeatsTitle')}
      onPick={(patch) => {
        const next = { ...pickFor(customerId), ...patch };
        setPick(customerId, next);
        setLocal(next);
        onChange();
      }}
    />
  );
}

type Callout = Parameters<ReturnType<typeof pageOverlay>['callout']>[0];

/** A product's name as the partner's portal shows it: Microsoft's zh-TW name on a zh-TW UI, where known. */
function shownName(n: OriginalName): string {
  return n.zhTw && uiLanguage().toLowerCase().startsWith('zh') ? n.zhTw : n.name;
}

/** Before anything is picked: what to look for in the catalogue, under today's names. */
function lookForCallout(originals: readonly OriginalSubscription[], names: readonly OriginalName[]): Callout {
  return {
    id: 'offer-look-for',
    tone: 'info',
    marker: 'offer-current-names',
    body: (
      <>
        <p>{t('offerLookFor')}</p>
        <ul>
          {originals.map((o) => {
            const n = names.find((x) => x.originalId === o.id);
            return (
              <li key={o.id} data-original-id={o.id}>
                {n ? shownName(n) : o.offer} · {tn('seatsN', o.seats)}
                {n?.renamed ? ` ${t('offerWasNamed', [o.offer])}` : ''}
              </li>
            );
          })}
        </ul>
      </>
    ),
  };
}

/** The originals of `ids`, in the move's order. */
const originalsOf = (originals: readonly OriginalSubscription[], ids: readonly string[]) => originals.filter((o) => ids.includes(o.id));

function matchCallout(id: string, originals: readonly OriginalSubscription[], offer: PageOffer, v: OfferJudgement, names: readonly OriginalName[]): Callout {
  const attrs: Record<string, string> = { 'data-match': v.match };
  if (v.seatsFewer) attrs['data-seats'] = 'fewer';
  if (offer.productId) attrs['data-product-id'] = offer.productId;
  const matched = listOriginals(originalsOf(originals, v.matchedOriginalIds));
  // On a zh-TW UI the offer is named as the page names it (Microsoft's zh-TW name), not in English.
  const offerName = offer.name && uiLanguage().toLowerCase().startsWith('zh') ? offer.name : v.offerName;
  let text: string;
  if (originals.length === 0) text = t('offerMatchNoOriginals');
  else if (v.match === 'same') text = t('offerMatchSame', [offerName, matched]);
  else if (v.match === 'renamed') text = t('offerMatchRenamed', [offerName, matched]);
  else if (v.match === 'different') text = t('offerMatchDifferent', [offerName]);
  else text = t('offerMatchUnknown', [offerName, listOriginals(originals)]);
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
              {originalsOf(originals, v.unmatchedOriginalIds).map((o) => {
                // What to pick instead: the original under today's name ("… is sold today as …").
                const n = names.find((x) => x.originalId === o.id);
                return (
                  <li key={o.id} data-csp-move={n ? 'sold-today-as' : undefined}>
                    {n ? t(n.renamed ? 'offerSoldTodayAs' : 'offerPickInstead', [o.offer, shownName(n), tn('seatsN', o.seats)]) : `${o.offer} (${o.seats})`}
                  </li>
                );
              })}
            </ul>
            <p>{t('offerMatchReassign')}</p>
          </>
        )}
        {v.lost.length > 0 && v.match !== 'unknown' && (
          <p data-csp-move="offer-loses">
            <strong>{t('offerLoses', [v.lost.join(', ')])}</strong>
          </p>
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

/** Several of the page's offers together carry one original on (the Teams split): one callout for them. */
function splitCallout(id: string, originals: readonly OriginalSubscription[], split: SplitJudgement): Callout {
  const original = originals.find((o) => o.id === split.originalId);
  const names = split.offerNames.join(' + ');
  const fewer = original !== undefined && split.seatsFewer;
  const attrs: Record<string, string> = { 'data-match': 'split' };
  if (fewer) attrs['data-seats'] = 'fewer';
  return {
    id,
    tone: 'warn',
    marker: 'offer-match',
    attrs,
    line: t('matchLabel_split'),
    body: (
      <>
        <p>
          <strong>{t('matchLabel_split')}</strong> {t('offerMatchSplit', [original ? listOriginals([original]) : '', names])}
        </p>
        {split.lost.length > 0 && (
          <p data-csp-move="offer-loses">
            <strong>{t('offerLoses', [split.lost.join(', ')])}</strong>
          </p>
        )}
        {fewer && original && (
          <p data-csp-move="seats-fewer">
            <strong>{t('seatsFewer', [String(split.fewestSeats), String(split.originalSeats)])}</strong>
          </p>
        )}
        <p class="muted">{t('cancelWithin7Days')}</p>
      </>
    ),
  };
}
