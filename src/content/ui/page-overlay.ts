/**
 * One overlay per page view, shared by every feature running on it: the first feature to ask
 * mounts it; the navigation's abort removes it.
 */
import { t } from '../../shared/i18n';
import { send, onMovesChanged } from '../connection';
import type { Sentence } from '../diagnostics/verdicts';
import type { PageMatch } from '../pages';
import { mountOverlay } from './overlay';
import { ModelStore } from './overlay-model';

const overlays = new WeakMap<AbortSignal, ModelStore>();

export function pageOverlay(signal: AbortSignal, page: PageMatch): ModelStore {
  let model = overlays.get(signal);
  if (model) return model;
  model = new ModelStore({ page, customerId: page.customerId, callouts: [] });
  overlays.set(signal, model);
  mountOverlay(model, signal);
  const store = model;
  // The move's view (next action, steps, facts) is the background's: reloaded whenever the move
  // shown is not the one the view was computed for (a feature set the move from a write's reply).
  let askedFor: string | undefined;
  const load = () => {
    const id = store.value.customerId;
    askedFor = store.value.move?.updatedAt;
    const request = id
      ? send('moves/get', { customerId: id })
      : send('settings/get', {}).then((settings) => ({ move: undefined, view: undefined, today: undefined, settings }));
    request.then(
      (r) => {
        if (!signal.aborted) store.set({ move: r.move, view: r.view ?? undefined, today: r.today ?? store.value.today, settings: r.settings });
      },
      (err: Error) => {
        if (!signal.aborted && err.message !== 'orphaned') store.set({ error: err.message });
      },
    );
  };
  load();
  onMovesChanged((ids) => {
    const id = store.value.customerId;
    if (ids === 'all' || (id && ids.includes(id))) load();
  }, signal);
  const unsubscribe = model.subscribe(() => {
    const { move, view } = store.value;
    if (move && view?.updatedAt !== move.updatedAt && askedFor !== move.updatedAt) load();
  });
  signal.addEventListener('abort', unsubscribe, { once: true });
  return model;
}

/** What diagnostics found about the page, in one sentence (a feature may have said it already). */
export function say(model: ModelStore, sentence: Exclude<Sentence, null>): void {
  if (sentence === 'diagChanged') {
    if (!model.value.problem && !model.value.notice) model.set({ notice: t('diagChanged') });
  } else if (!model.value.problem) model.set({ problem: t(sentence), notice: undefined });
}
