/**
 * On the order confirmation: offers to record the purchased items as provisioned for the tracked
 * customer (`moves/provisioned`, appended) and to advance the move to "provisioned" when it is at
 * an earlier step. Says when an item is a different offer than the originals: licenses must then
 * be reassigned. Reads the order table by structure (rows holding a product id; the quantity is
 * the row's whole-number cell).
 */
import { useState } from 'preact/hooks';
import { localDay } from '../../../core/dates';
import { STEPS, type Move } from '../../../core/model';
import { moveOfferMatch } from '../../../core/offers';
import { t, tn } from '../../../shared/i18n';
import { send } from '../../connection';
import { waitFor } from '../../dom';
import type { Init } from '../../registry';
import { orderItems, orderTables, type PageOffer } from '../../scrape';
import { act } from '../../ui/overlay';
import type { ModelStore } from '../../ui/overlay-model';
import { chosenRef, listOriginals } from '../../ui/offer-view';
import { pageOverlay } from '../../ui/page-overlay';

const init: Init = (signal, page) => {
  const model = pageOverlay(signal, page);
  void waitFor(() => {
    const table = orderTables()[0];
    return table ? orderItems(table) : null;
  }, signal).then((items) => {
    if (signal.aborted || !items) return;
    // Shown once the move is known (the component then follows the model itself).
    const show = () => {
      if (!model.value.move) return;
      unsubscribe();
      model.callout({ id: 'record-purchase', tone: 'info', marker: 'record-purchase', line: t('waitRecordPurchase'), primary: true, body: <Record model={model} items={items} /> }, signal);
    };
    const unsubscribe = model.subscribe(show);
    show();
  });
};
export default init;

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
  const already = lines.length > 0 && lines.every((l) => move.provisioned.some((p) => p.offer === l.offer && p.seats === l.seats && p.provisionedOn === l.provisionedOn));
  const record = () => {
    setBusy(true);
    void act(model, async () => {
      let next = await send('moves/provisioned', { customerId: move.customerId, items: lines, append: true });
      if (STEPS.indexOf(next.step) < STEPS.indexOf('provisioned')) {
        // Buying needs an accepted relationship: an earlier step is only behind on paper.
        next = await send('moves/step', { customerId: move.customerId, to: 'provisioned', confirmSkip: true, note: t('noteRecordedFromOrder') });
      }
      model.set({ move: next });
      setDone(next);
    }).finally(() => setBusy(false));
  };
  if (done) {
    const m = moveOfferMatch(done);
    return (
      <div data-csp-move="provisioned-recorded" data-match={m.match}>
        <p class="success">{tn('provisionedRecorded', lines.length)}</p>
        {m.needsLicenseReassignment && (
          <p data-csp-move="reassign-warning">
            <strong>{t('matchLabel_different')}</strong> {t('recordedReassign', [listOriginals(m.unmatchedOriginals)])}
          </p>
        )}
      </div>
    );
  }
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
      {already && <p class="muted">{t('recordPurchaseAlready')}</p>}
      <button type="button" class="primary" data-csp-move="record-provisioned" disabled={busy} onClick={record}>
        {t('recordPurchase')}
      </button>
    </div>
  );
}
