/**
 * On the order confirmation: offers to record the purchased items as provisioned for the tracked
 * customer (`moves/provisioned`, appended) and to advance the move to "provisioned" when it is at
 * an earlier step. Says when an item is a different offer than the originals: licenses must then
 * be reassigned. Reads the order by structure (scrape.ts `readOrder`: a table of product ids, else
 * a grid of named rows with quantities); when it cannot be read, "Record what you bought" opens,
 * prefilled with the offer chosen or read on the way here.
 */
import { useState } from 'preact/hooks';
import { localDay } from '../../../core/dates';
import type { Move } from '../../../core/model';
import { pathDef } from '../../../core/paths';
import { reached } from '../../../core/steps';
import { moveOfferMatch } from '../../../core/offers';
import { t, tn } from '../../../shared/i18n';
import type { ProvisionedInput } from '../../../core/inputs';
import { send } from '../../connection';
import { waitFor } from '../../dom';
import { lastOffers, pickFor, setPick } from '../../picks';
import { noteRead } from '../../reads';
import type { Init } from '../../registry';
import { readOrder, type PageOffer } from '../../scrape';
import { OfferPick, type Pick } from '../../ui/offer-pick';
import { act } from '../../ui/overlay';
import type { ModelStore } from '../../ui/overlay-model';
import { chosenRef, listOriginals } from '../../ui/offer-view';
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

/** Records the lines as provisioned (appended; the same lines twice are one purchase) and advances the move. */
function recordLines(model: ModelStore, lines: ProvisionedInput[], done: (m: Move) => void, busy: (b: boolean) => void): void {
  const move = model.value.move;
  if (!move) return;
  busy(true);
  void act(model, async () => {
    let next = await send('moves/provisioned', { customerId: move.customerId, items: lines, append: true });
    // The path's step where the CSP side exists (provisioned; CSP creation scheduled on an EA transfer).
    const target = pathDef(next.path).steps.find((s) => s.phase === 'provisioned')?.id;
    if (target !== undefined && !reached(next, 'provisioned')) {
      // Buying needs an accepted relationship: an earlier step is only behind on paper.
      next = await send('moves/step', { customerId: move.customerId, to: target, confirmSkip: true, note: t('noteRecordedFromOrder') });
    }
    model.set({ move: next });
    done(next);
  }).finally(() => busy(false));
}

function Recorded({ done, count }: { done: Move; count: number }) {
  const m = moveOfferMatch(done);
  return (
    <div data-csp-move="provisioned-recorded" data-match={m.match}>
      <p class="success">{tn('provisionedRecorded', count)}</p>
      {m.needsLicenseReassignment && (
        <p data-csp-move="reassign-warning">
          <strong>{t('matchLabel_different')}</strong> {t('recordedReassign', [listOriginals(m.unmatchedOriginals)])}
        </p>
      )}
    </div>
  );
}

const alreadyRecorded = (move: Move, lines: ProvisionedInput[]) =>
  lines.length > 0 && lines.every((l) => move.provisioned.some((p) => p.offer === l.offer && p.seats === l.seats && p.provisionedOn === l.provisionedOn));

function Record({ model, items }: { model: ModelStore; items: PageOffer[] }) {
  const [done, setDone] = useState<Move | null>(null);
  const [busy, setBusy] = useState(false);
  const move = model.value.move;
  if (!move) return null;
  const today = model.value.today ?? localDay(new Date());
  const lines = items.map((i) => {
    const ref = chosenRef(i);
    return { offer: ref.offerName || i.productId, ...(ref.skuId ? { skuId: ref.skuId } : {}), seats: i.quantity ?? 0, provisionedOn: today };
  });
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

/** What the partner chose or was read on the way here, as the form's first values. */
function prefill(customerId: string): Pick {
  const picked = pickFor(customerId);
  const seen = lastOffers(customerId)[0];
  if (picked.offer) return { offer: picked.offer, seats: picked.seats ?? seen?.quantity };
  if (!seen) return picked;
  const ref = chosenRef(seen);
  return { offer: { name: ref.offerName, offer: ref.offer, ...(ref.skuId ? { skuId: ref.skuId } : {}) }, ...(seen.quantity !== undefined ? { seats: seen.quantity } : {}) };
}

/** "Record what you bought": the order could not be read, so the partner says what it was. */
function RecordForm({ model, customerId }: { model: ModelStore; customerId: string }) {
  const [pick, setLocal] = useState<Pick>(() => {
    const first = prefill(customerId);
    setPick(customerId, first);
    return first;
  });
  const [done, setDone] = useState<Move | null>(null);
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
