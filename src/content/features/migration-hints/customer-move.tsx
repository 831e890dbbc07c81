/**
 * The customer's part of the migration hints, on a customer's pages only (its own chunk: the lists
 * never load it): the customer's move (its four steps, the earliest expiry, the next action and the
 * seed's advice, the originals) with buttons to act, or an offer to start tracking it; and the
 * watch that reads the customer's name from the page.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { daysBetween } from '../../../core/dates';
import type { EndBy, Move, Step } from '../../../core/model';
import { dayWords, dueWords, formatDay, t, tn } from '../../../shared/i18n';
import type { OriginalInput } from '../../../core/inputs';
import { LIMITS } from '../../../core/limits';
import { PathName } from '../../../shared/PathName';
import type { MoveDetails, MoveDetailsProps } from '../../ui/move-details';
import { ProtocolError } from '../../../shared/client';
import { send } from '../../connection';
import { recallClicked, type ClickedCustomer } from '../../clicked';
import { observeDeep, perTask } from '../../dom';
import { customerPath, portalUrl } from '../../../core/routes';
import { noteRead } from '../../reads';
import { scrapeCustomer } from '../../scrape';
import { act } from '../../ui/overlay';
import type { ModelStore, OverlayModel } from '../../ui/overlay-model';
import { useOfferSuggestions } from '../../ui/offer-suggest';

/** How long the page is watched for a better way to read the name (the heading after the title, say). */
const SETTLE_MS = 15_000;

/** Shows the customer `id` of the page in the overlay and reads its name as the page renders. */
export function showCustomer(signal: AbortSignal, model: ModelStore, id: string): void {
  model.set({ Main: Customer });
  // The name: clicked in the grid (remembered per tab), the heading, the title, the stored move,
  // re-read as the page renders and the move loads, until read by the page itself or a while passed.
  let clicked: ClickedCustomer | undefined;
  let recalled = false;
  const local = new AbortController();
  const watch = AbortSignal.any([signal, local.signal]);
  const timer = setTimeout(() => local.abort(), SETTLE_MS);
  watch.addEventListener('abort', () => clearTimeout(timer));
  const attempt = () => {
    if (watch.aborted) return;
    const scraped = scrapeCustomer(id, { clicked: clicked?.companyName, clickedDomain: clicked?.domain, stored: model.value.move?.companyName });
    noteRead('customerName', scraped?.via?.companyName ?? null);
    noteRead('domain', scraped?.via?.domain ?? null);
    if (!scraped) return;
    const prev = model.value.scraped;
    if (!prev || prev.companyName !== scraped.companyName || prev.domain !== scraped.domain || prev.via?.companyName !== scraped.via?.companyName) model.set({ scraped });
    // Settled: read by the page itself (or the click), once the tab's memory has answered.
    if (recalled && (scraped.via?.companyName === 'clicked' || scraped.via?.companyName === 'heading') && scraped.domain) local.abort();
  };
  // Right after the observer's report (itself once a frame): the name is read in the frame the page shows it.
  const schedule = perTask('customer-name', attempt, watch);
  observeDeep(schedule, watch);
  const unsubscribe = model.subscribe(schedule);
  watch.addEventListener('abort', unsubscribe);
  void recallClicked(id).then((c) => {
    clicked = c;
    recalled = true;
    schedule();
  });
  schedule();
}

/** The customer's part of the overlay (re-rendered with the overlay on every model change). */
function Customer({ model }: { model: ModelStore }) {
  const m = model.value;
  return m.customerId ? <CustomerSection m={m} model={model} /> : null;
}

function CustomerSection({ m, model }: { m: OverlayModel; model: ModelStore }) {
  if (m.move === undefined) return <p class="muted">{t('loading')}</p>;
  if (m.move === null) {
    const s = m.scraped;
    return (
      <div class="customer">
        <p>
          <strong>{s?.companyName || m.customerId}</strong> — {t('notTracked')}
        </p>
        <div class="next" data-csp-move="next-action" data-action="request-relationship">
          <p>
            <strong>{t('action_request_relationship')}</strong>
          </p>
          <p class="advice">{t('advice_request_relationship')}</p>
          {m.page.page !== 'customers-list' && (
            <a href={portalUrl(m.page.locale, customerPath.list())} data-csp-move="go">
              {t('goThere')}
            </a>
          )}
        </div>
        <button type="button" class="primary" data-csp-move="track" disabled={!s} onClick={() => void trackFromPage(model)}>
          {t('startTracking')}
        </button>
        {!s && !m.problem && <p class="muted">{t('readingPage')}</p>}
      </div>
    );
  }
  return <MoveSection m={m} move={m.move} model={model} />;
}

async function trackFromPage(model: ModelStore): Promise<void> {
  const s = model.value.scraped;
  if (!s) return;
  await act(model, async () => {
    const move = await send('moves/track', { customerId: s.customerId, companyName: s.companyName, domain: s.domain });
    model.set({ move });
  });
}

/** A guardrail the background refused a step change for, waiting for the partner's answer. */
type Guarded = { to: Step; code: 'seats-fewer' | 'nothing-provisioned' | 'originals-not-ended' };

function stepTo(model: ModelStore, to: Step, onGuard: (g: Guarded | null) => void, extra: { override?: boolean; cancelledOn?: string } = {}): void {
  const move = model.value.move;
  if (!move) return;
  void act(model, async () => {
    try {
      const next = await send('moves/step', { customerId: move.customerId, to, ...extra });
      onGuard(null);
      model.set({ move: next });
    } catch (err) {
      // A guardrail asks first: the partner answers in the overlay, nothing is changed meanwhile.
      if (err instanceof ProtocolError && (err.code === 'seats-fewer' || err.code === 'nothing-provisioned' || err.code === 'originals-not-ended')) {
        onGuard({ to, code: err.code });
        return;
      }
      throw err;
    }
  });
}

function GuardPrompt({ guarded, move, today, model, onGuard }: { guarded: Guarded; move: Move; today: string; model: ModelStore; onGuard: (g: Guarded | null) => void }) {
  const [day, setDay] = useState(today);
  if (guarded.code === 'originals-not-ended') {
    return (
      <div class="callout warn" data-csp-move="cancel-prompt" role="alert">
        <p>{t('cancelPrompt')}</p>
        <p>{t(move.program === 'direct' ? 'cancelCostDirect' : 'cancelCost')}</p>
        <label>
          {t('cancelledOnLabel')}
          <input type="date" data-csp-move="cancel-date" value={day} max={today} onInput={(e) => setDay((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <p class="actions">
          <button type="button" class="primary" data-csp-move="cancel-confirm" disabled={!day} onClick={() => stepTo(model, guarded.to, onGuard, { cancelledOn: day })}>
            {t('cancelConfirm')}
          </button>
          <button type="button" onClick={() => onGuard(null)}>
            {t('guardBack')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div class="callout warn" data-csp-move="override-prompt" data-guard={guarded.code} role="alert">
      <p>{t(guarded.code === 'seats-fewer' ? 'overridePromptSeats' : 'overridePromptNothing')}</p>
      <p class="actions">
        <button type="button" class="primary" data-csp-move="override-confirm" onClick={() => stepTo(model, guarded.to, onGuard, { override: true })}>
          {t('overrideConfirm')}
        </button>
        <button type="button" onClick={() => onGuard(null)}>
          {t('guardBack')}
        </button>
      </p>
    </div>
  );
}

function MoveSection({ m, move, model }: { m: OverlayModel; move: Move; model: ModelStore }) {
  const today = m.today ?? new Date().toISOString().slice(0, 10);
  const [guarded, setGuarded] = useState<Guarded | null>(null);
  // Computed by the background. Right after a write the move is newer than its view for a moment:
  // the last view stays on screen (no flicker), the step buttons wait for the fresh one.
  const view = m.view;
  const fresh = view?.updatedAt === move.updatedAt;
  const action = view?.action;
  const facts = view?.facts;
  const earliest = view?.earliest;
  const days = earliest ? daysBetween(today, earliest) : undefined;
  const next = fresh ? view.next : undefined;
  const prev = fresh ? view.prev : undefined;
  const link = action && action.kind !== 'record-originals' ? linkFor(action.kind, m) : undefined;
  return (
    <div class="customer" data-step={move.step}>
      <p>
        <strong>{move.companyName}</strong>
        {move.domain && <span class="muted"> · {move.domain}</span>}
      </p>
      {facts && <PathName facts={facts} />}
      <ol class="steps" aria-label={t('stepsLabel')}>
        {facts?.steps.map(({ id: s, state, on }, i) => (
          <li key={s} class={state} data-path-step={s} aria-current={state === 'current' ? 'step' : undefined}>
            <span class="dot" aria-hidden="true">{state === 'done' ? '✓' : i + 1}</span>
            {t(`step_${s}`)}
            {on && <span class="muted"> · {formatDay(on)}</span>}
          </li>
        ))}
      </ol>
      {move.step === 'done' && <p class="success">{t('step_done')}</p>}
      {days !== undefined && earliest && (
        <p class={`expiry ${days < 0 ? 'overdue' : days <= 30 ? 'soon' : ''}`} data-csp-move="expiry" data-days={String(days)}>
          {days < 0 ? t('earliestExpired', [dayWords(earliest, today)]) : t('earliestExpires', [dayWords(earliest, today)])}
        </p>
      )}
      {action && action.kind !== 'none' && (
        <div class={`next ${action.urgency}`} data-csp-move="next-action" data-action={action.kind} data-urgency={action.urgency}>
          <p>
            <strong>{t(`action_${action.kind}`)}</strong>
          </p>
          {action.dueOn && (
            <p class="due" data-csp-move="due">
              {dueWords(action.dueOn, today)}
            </p>
          )}
          <p class="advice">{t(`advice_${action.kind}`)}</p>
          {link && (
            <a href={link} data-csp-move="go">
              {t('goThere')}
            </a>
          )}
          {action.kind === 'reassign-licenses' && (
            <p>
              <button type="button" data-csp-move="licenses-reassigned" onClick={() => void act(model, async () => model.set({ move: await send('moves/licenses', { customerId: move.customerId, reassigned: true }) }))}>
                {t('licensesReassigned')}
              </button>
            </p>
          )}
        </div>
      )}
      <LazyMoveDetails facts={facts} program={move.program} customerId={move.customerId} version={move.updatedAt} />
      <Originals move={move} model={model} open={action?.kind === 'record-originals' && !m.callouts.some((c) => c.primary)} />
      {guarded && <GuardPrompt guarded={guarded} move={move} today={today} model={model} onGuard={setGuarded} />}
      <Advance m={m} move={move} model={model} next={next} onGuard={setGuarded} />
      {prev && (
        <div class="actions">
          <button type="button" data-csp-move="undo" onClick={() => stepTo(model, prev, setGuarded)}>
            {t('undoStep')}
          </button>
        </div>
      )}
    </div>
  );
}

let details: { MoveDetails: typeof MoveDetails } | undefined;

/** The move's facts, timeline, reminders and messages: their chunk loaded the first time a move is shown. */
function LazyMoveDetails(props: MoveDetailsProps) {
  const [loaded, setLoaded] = useState(details);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    import('../../ui/move-details')
      .then((m) => {
        details = m;
        if (live) setLoaded(m);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return loaded ? <loaded.MoveDetails {...props} /> : null;
}

/**
 * "Mark done" follows what the page shows: the main button only when the page proves the step
 * (accepted: the relationship shows Reseller; provisioned: a purchase is recorded), and never
 * beside another main button. Otherwise it is a plain button that asks first. When a callout
 * already offers the step (Mark accepted), it is not repeated.
 */
function Advance({ m, move, model, next, onGuard }: { m: OverlayModel; move: Move; model: ModelStore; next: Step | undefined; onGuard: (g: Guarded | null) => void }) {
  const [asking, setAsking] = useState(false);
  if (!next) return null;
  if (next === 'accepted' && m.callouts.some((c) => c.marker === 'relationship-accepted')) return null;
  const proven = next === 'provisioned' ? move.provisioned.length > 0 : false;
  const primary = proven && !m.callouts.some((c) => c.primary);
  const label = t('markDone', [t(`step_${next}`)]);
  if (asking) {
    const why = next === 'accepted' ? t('askAccepted') : next === 'provisioned' ? t('askProvisioned') : t('askStep', [t(`step_${next}`)]);
    return (
      <div class="ask" data-csp-move="advance-ask" role="group" aria-label={label}>
        <p>{why}</p>
        <div class="actions">
          <button type="button" data-csp-move="advance-confirm" onClick={() => (setAsking(false), stepTo(model, next, onGuard))}>
            {t('askYes')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('ovCancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="actions">
      <button type="button" class={primary ? 'primary' : ''} data-csp-move="advance" onClick={() => (primary ? stepTo(model, next, onGuard) : setAsking(true))}>
        {label}
      </button>
    </div>
  );
}

function linkFor(kind: string, m: OverlayModel): string | undefined {
  const id = m.customerId;
  if (!id) return undefined;
  const loc = m.page.locale;
  const here = location.pathname;
  const target =
    kind === 'provision'
      ? customerPath.addProducts(id)
      : kind === 'wait-for-expiry' || kind === 'let-originals-end' || kind === 'confirm-originals-ended' || kind === 'reassign-licenses'
        ? customerPath.subscriptions(id)
        : kind === 'request-relationship' || kind === 'nudge-customer' || kind === 'wait-for-acceptance'
          ? customerPath.list()
          : customerPath.account(id);
  const url = portalUrl(loc, target);
  return here.toLowerCase().endsWith(target.toLowerCase()) ? undefined : url;
}

/** The originals recorded for the move, and an inline form to add one (offer, seats, expiry, how it ends). */
function Originals({ move, model, open }: { move: Move; model: ModelStore; open: boolean }) {
  const [adding, setAdding] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const suggest = useOfferSuggestions();
  useEffect(() => {
    // Only after the partner asked for the form: the overlay never takes focus by itself.
    if (adding) first.current?.focus();
  }, [adding]);
  const save = (originals: OriginalInput[]) =>
    act(model, async () => {
      const next = await send('moves/originals', { customerId: move.customerId, originals });
      model.set({ move: next });
      setAdding(false);
    });
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const added = readForm(e.currentTarget as HTMLFormElement);
    if (added) void save([...move.originals, added]);
  };
  return (
    <div class="originals" data-csp-move="originals">
      {move.originals.length > 0 && (
        <>
          <p class="muted">{t('originalsTitle')}</p>
          <ul class="list">
            {move.originals.map((o) => (
              <li key={o.id}>
                {o.offer} · {tn('seatsN', o.seats)} · {formatDay(o.expiresOn)} · {t(`endBy_${o.endBy}`)}{' '}
                <button type="button" class="link" data-csp-move="original-remove" title={t('ovRemove')} aria-label={`${t('ovRemove')}: ${o.offer}`} onClick={() => void save(move.originals.filter((x) => x.id !== o.id))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {adding ? (
        <form data-csp-move="originals-form" onSubmit={onSubmit}>
          <label>
            {t('originalOffer')}
            <input ref={first} name="offer" list={suggest.listId} onInput={suggest.onInput} required maxLength={LIMITS.offer} autoComplete="off" />
          </label>
          {suggest.datalist}
          <label>
            {t('originalSeats')}
            <input name="seats" type="number" min={0} step={1} required />
          </label>
          <label>
            {t('originalExpires')}
            <input name="expiresOn" type="date" required />
          </label>
          <label>
            {t('originalEndBy')}
            <select name="endBy">
              <option value="expire">{t('endBy_expire')}</option>
              <option value="cancel">{t('endBy_cancel')}</option>
            </select>
          </label>
          <div class="actions">
            <button type="submit" class="primary" data-csp-move="originals-save">
              {t('ovSave')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('ovCancel')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" class={open ? 'primary' : ''} data-csp-move="originals-add" onClick={() => setAdding(true)}>
            {t('addOriginal')}
          </button>
        </p>
      )}
    </div>
  );
}

/** The form's original, or null when a field is missing or invalid (the browser has said why). */
function readForm(form: HTMLFormElement): OriginalInput | null {
  if (!form.reportValidity()) return null;
  const data = new FormData(form);
  const offer = String(data.get('offer') ?? '').trim();
  const seats = Number(data.get('seats'));
  const expiresOn = String(data.get('expiresOn') ?? '');
  const endBy: EndBy = data.get('endBy') === 'cancel' ? 'cancel' : 'expire';
  if (!offer || !Number.isSafeInteger(seats) || seats < 0 || !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return null;
  return { offer, seats, expiresOn, endBy };
}
