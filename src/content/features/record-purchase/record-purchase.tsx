/**
 * On the order confirmation: offers to record the purchased items as provisioned for the tracked
 * customer (`moves/provisioned`, appended) and to advance the move to "provisioned" when it is at
 * an earlier step. Says when an item is a different offer than the originals: licenses must then
 * be reassigned. Reads the order by structure (scrape.ts `readOrder`: a table of product ids, else
 * a grid of named rows with quantities); when it cannot be read, "Record what you bought" opens,
 * prefilled with the offer chosen or read on the way here.
 */
import { useEffect, useState } from 'preact/hooks';
import { localDay } from '../../../core/dates';
import type { Move } from '../../../core/model';
import { t, tn } from '../../../shared/i18n';
import type { ProvisionedInput } from '../../../core/inputs';
import type { ResponseOf } from '../../../shared/protocol';
import { send } from '../../connection';
import { waitFor } from '../../dom';
import { lastOffers, pickFor, setPick } from '../../picks';
import { noteRead } from '../../reads';
import type { Init } from '../../registry';
import { readOrder, type PageOffer } from '../../scrape';
import { OfferPick, type Pick } from '../../ui/offer-pick';
import { act } from '../../ui/overlay';
import type { ModelStore } from '../../ui/overlay-model';
import { listOriginals } from '../../ui/offer-view';
import { pageOverlay } from '../../ui/page-overlay';

/** How long the confirmation is given to show the order before the partner is asked instead. */
const ORDER_WAIT_MS = 5_000;

const init: Init = (signal, page) => {
  const model = pageOverlay(signal, page);
  const customerId = page.customerId ?? '';
  void waitFor(() => readOrder(), signal, ORDER_WAIT_MS).then((order) => {
    if (signal.aborted) return;
    noteRead('order', order?.via ?? null);
    // Shown once the move is known (the component then follows the model itself).
    const show = () => {
      if (!model.value.move) return;
      unsubscribe();
      const body = order?.value.length ? <Record model={model} items={order.value} /> : <RecordForm model={model} customerId={customerId} />;
      model.callout({ id: 'record-purchase', tone: 'info', marker: 'record-purchase', line: t('waitRecordPurchase'), primary: true, body }, signal);
    };
    const unsubscribe = model.subscribe(show);
    show();
  });
};
export default init;

type Purchased = ResponseOf<'moves/purchased'>;

/**
 * Records the lines as provisioned (appended; the same lines twice are one purchase); the background
 * advances the move to its path's provisioned step when it is behind, and says how the lines match.
 */
function recordLines(model: ModelStore, lines: ProvisionedInput[], done: (p: Purchased) => void, busy: (b: boolean) => void): void {
  const move = model.value.move;
  if (!move || !lines.length) return;
  busy(true);
  void act(model, async () => {
    const purchased = await send('moves/purchased', { customerId: move.customerId, items: lines, note: t('noteRecordedFromOrder') });
    model.set({ move: purchased.move });
    done(purchased);
  }).finally(() => busy(false));
}

/** The lines a purchase of the page's offers records, as the background names them (null: still asking). */
function useLines(customerId: string, items: readonly PageOffer[]): Array<{ offer: string; skuId?: string }> | null {
  const [lines, setLines] = useState<Array<{ offer: string; skuId?: string }> | null>(null);
  const key = JSON.stringify(items.map((i) => [i.name, i.productId]));
  useEffect(() => {
    let live = true;
    const offers = items.slice(0, 50).map((i) => ({ name: i.name.slice(0, 300), ...(i.productId ? { productId: i.productId.slice(0, 100) } : {}) }));
    send('offers/verdicts', { customerId, offers }).then(
      (r) => live && setLines(r.offers.map((o) => o.line)),
      // No answer: the page's own names.
      () => live && setLines(items.map((i) => ({ offer: i.name || i.productId, ...(i.productId ? { skuId: i.productId } : {}) }))),
    );
    return () => {
      live = false;
    };
  }, [customerId, key]);
  return lines;
}

function Recorded({ done, count }: { done: Purchased; count: number }) {
  const { match, move } = done;
  return (
    <div data-csp-move="provisioned-recorded" data-match={match.match}>
      <p class="success">{tn('provisionedRecorded', count)}</p>
      {match.reassign && (
        <p data-csp-move="reassign-warning">
          <strong>{t('matchLabel_different')}</strong> {t('recordedReassign', [listOriginals(move.originals.filter((o) => match.unmatchedOriginalIds.includes(o.id)))])}
        </p>
      )}
    </div>
  );
}

const alreadyRecorded = (move: Move, lines: ProvisionedInput[]) =>
  lines.length > 0 && lines.every((l) => move.provisioned.some((p) => p.offer === l.offer && p.seats === l.seats && p.provisionedOn === l.provisionedOn));

function Record({ model, items }: { model: ModelStore; items: PageOffer[] }) {
  const [done, setDone] = useState<Purchased | null>(null);
  const [busy, setBusy] = useState(false);
  const move = model.value.move;
  const named = useLines(move?.customerId ?? '', items);
  if (!move || !named) return null;
  const today = model.value.today ?? localDay(new Date());
  const lines = items.map((i, n) => ({ ...(named[n] ?? { offer: i.name || i.productId }), seats: i.quantity ?? 0, provisionedOn: today }));
  if (done) return <Recorded done={done} count={lines.length} />;
  return (
    <div>
      <p>{t('recordPurchaseIntro')}</p>
      <ul>
        {lines.map((l, i) => (
          <li key={i}>
            {l.offer} × {l.seats}
          </li>
        ))}
      </ul>
      {alreadyRecorded(move, lines) && <p class="muted">{t('recordPurchaseAlready')}</p>}
      <button type="button" class="primary" data-csp-move="record-provisioned" disabled={busy} onClick={() => recordLines(model, lines, setDone, setBusy)}>
        {t('recordPurchase')}
      </button>
    </div>
  );
}

/**
 * What the partner chose or was read on the way here, as the form's first values: a pick as it is;
 * an offer read on the way, named as the background names it (`offers/verdicts`), once it answers.
 */
function usePrefill(customerId: string, apply: (pick: Pick) => void): void {
  useEffect(() => {
    const picked = pickFor(customerId);
    const seen = lastOffers(customerId)[0];
    if (picked.offer || !seen) return apply(picked.offer ? { offer: picked.offer, seats: picked.seats ?? seen?.quantity } : picked);
    let live = true;
    const asked = { name: seen.name.slice(0, 300), ...(seen.productId ? { productId: seen.productId.slice(0, 100) } : {}) };
    void send('offers/verdicts', { customerId, offers: [asked] }).then(
      (r) => {
        const v = r.offers[0];
        if (!live || !v || pickFor(customerId).offer) return;
        apply({ offer: { name: v.offerName, offer: v.line.offer, ...(v.line.skuId ? { skuId: v.line.skuId } : {}) }, ...(seen.quantity !== undefined ? { seats: seen.quantity } : {}) });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [customerId]);
}

/** "Record what you bought": the order could not be read, so the partner says what it was. */
function RecordForm({ model, customerId }: { model: ModelStore; customerId: string }) {
  const [pick, setLocal] = useState<Pick>(() => pickFor(customerId));
  const [shown, setShown] = useState(0);
  usePrefill(customerId, (first) => {
    setPick(customerId, first);
    setLocal(first);
    // The picker keeps what it was first given: a prefill that comes later starts it anew.
    setShown((n) => n + 1);
  });
  const [done, setDone] = useState<Purchased | null>(null);
  const [busy, setBusy] = useState(false);
  const move = model.value.move;
  if (!move) return null;
  if (done) return <Recorded done={done} count={1} />;
  const today = model.value.today ?? localDay(new Date());
  const lines: ProvisionedInput[] =
    pick.offer && pick.seats !== undefined ? [{ offer: pick.offer.offer, ...(pick.offer.skuId ? { skuId: pick.offer.skuId } : {}), seats: pick.seats, provisionedOn: today }] : [];
  return (
    <div data-csp-move="record-form">
      <p>{t('recordFormIntro')}</p>
      <OfferPick
        key={shown}
        value={pick}
        title={t('recordFormTitle')}
        onPick={(patch) => {
          const next = { ...pickFor(customerId), ...patch };
          setPick(customerId, next);
          setLocal(next);
        }}
      />
      {alreadyRecorded(move, lines) && <p class="muted">{t('recordPurchaseAlready')}</p>}
      <button type="button" class="primary" data-csp-move="record-provisioned" disabled={busy || lines.length === 0} onClick={() => recordLines(model, lines, setDone, setBusy)}>
        {t('recordPurchase')}
      </button>
    </div>
  );
}
