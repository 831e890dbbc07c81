/** The type-ahead of Microsoft's product names (asked of the background): apart from the picker, for the originals form. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OfferSuggestion } from '../../core/offer-search';
import { LIMITS } from '../../core/limits';
import { send } from '../connection';

let lists = 0;

/**
 * A list of Microsoft's product names for a free-text offer field, asked of the background as the
 * partner types (the table stays there): the `list` id to give the input, the `datalist` to render,
 * the names shown (`options`), `suggest(text)` to ask again after a pause, `cancel()` a pending ask.
 */
export function useOfferSuggestions() {
  const [options, setOptions] = useState<OfferSuggestion[]>([]);
  const listId = useRef(`csp-move-offers-${++lists}`).current;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const cancel = () => clearTimeout(timer.current);
  const suggest = (text: string) => {
    cancel();
    timer.current = setTimeout(() => {
      if (!text.trim()) return setOptions([]);
      void send('offers/suggest', { query: text.slice(0, LIMITS.offer), limit: 8 }).then((r) => setOptions(r.offers), () => undefined);
    }, 120);
  };
  const datalist: JSX.Element = (
    <datalist id={listId}>
      {options.map((o) => (
        <option key={o.name} value={o.name} />
      ))}
    </datalist>
  );
  return { listId, options, suggest, cancel, datalist, onInput: (e: Event) => suggest((e.currentTarget as HTMLInputElement).value) };
}

