/**
 * The customer accepted the invitation: Partner Center now shows the relationship as reseller. For
 * a tracked move still at "requested", the overlay offers to advance it to "accepted":
 * - on the account page, when the customer's details list (the one holding its Microsoft ID)
 *   has a value "Reseller" / "轉售商";
 * - on the customers list, for each tracked row whose relationship cell says so.
 * This relies on a VALUE word the portal shows (data, per language; see scrape.ts), not on the
 * label beside it, so the label's wording or position does not matter.
 */
import { t } from '../../../shared/i18n';
import { send } from '../../connection';
import { observeDeep, perFrame } from '../../dom';
import type { Init } from '../../registry';
import { accountShowsReseller, rowName, rowShowsReseller } from '../../scrape';
import { badgeFacts, customerRows } from '../../tracked';
import { act } from '../../ui/overlay';
import type { ModelStore } from '../../ui/overlay-model';
import { pageOverlay } from '../../ui/page-overlay';

function markAccepted(model: ModelStore, ids: string[]): void {
  void act(model, async () => {
    for (const customerId of ids) {
      const move = await send('moves/step', { customerId, to: 'accepted' });
      if (move.customerId === model.value.customerId) model.set({ move });
    }
  });
}

const init: Init = (signal, page) => {
  const model = pageOverlay(signal, page);
  let shownKey = '';
  const show = (key: string, ids: string[], names: string[]) => {
    if (key === shownKey) return;
    shownKey = key;
    if (!ids.length) return model.dropCallout('relationship-accepted');
    model.callout(
      {
        id: 'relationship-accepted',
        tone: 'success',
        marker: 'relationship-accepted',
        line: t('waitMarkAccepted'),
        primary: true,
        body: (
          <>
            <p>{page.customerId ? t('acceptedSeen') : t('acceptedSeenList', [names.slice(0, 5).join('; ') + (names.length > 5 ? ` (+${names.length - 5})` : '')])}</p>
            <button type="button" class="primary" data-csp-move="mark-accepted" onClick={() => markAccepted(model, ids)}>
              {t('markAccepted', [String(ids.length)])}
            </button>
          </>
        ),
      },
      signal,
    );
  };

  if (page.customerId) {
    const id = page.customerId;
    const update = () => {
      const ready = model.value.move?.step === 'requested' && accountShowsReseller(id);
      show(ready ? 'ready' : '', ready ? [id] : [], []);
    };
    const schedule = perFrame('accepted', update, signal);
    observeDeep(schedule, signal);
    model.subscribe(schedule);
    schedule();
    return;
  }

  // The list: the steps come with the badge facts the background pushes (no request per page of rows).
  const rows = customerRows(signal);
  const facts = badgeFacts(signal);
  const update = () => {
    const ids: string[] = [];
    const names: string[] = [];
    for (const [id, row] of rows.current()) {
      if (facts.get(id)?.step !== 'requested' || !rowShowsReseller(row)) continue;
      ids.push(id);
      names.push(rowName(row, id));
    }
    show(ids.join(), ids, names);
  };
  const schedule = perFrame('accepted', update, signal);
  rows.subscribe(schedule, signal);
  facts.subscribe(schedule, signal);
  schedule();
};
export default init;
