/**
 * "Which offer are you adding?": the partner names the offer (a type-ahead over Microsoft's product
 * table, asked of the background a few names at a time) and the seats, where the page cannot be
 * read. Typing a product's full name and pressing Enter picks it; so does choosing a suggestion.
 * A name the table does not know is not picked (no verdict for an offer nobody identified).
 */
import { useState } from 'preact/hooks';
import type { OfferSuggestion } from '../../core/offer-search';
import { t } from '../../shared/i18n';
import { send } from '../connection';
import { useOfferSuggestions } from './offer-suggest';

export interface Pick {
  offer?: OfferSuggestion;
  seats?: number;
}

export function OfferPick({
  value,
  onPick,
  askOffer = true,
  title = t('offerPickTitle'),
}: {
  value: Pick;
  /** Only what changed: the host merges it into the latest pick (two quick edits never undo each other). */
  onPick: (patch: Pick) => void;
  /** False when the offer was read and only the seats are missing. */
  askOffer?: boolean;
  title?: string;
}) {
  const [text, setText] = useState(value.offer?.name ?? '');
  const [notFound, setNotFound] = useState('');
  const names = useOfferSuggestions();

  const pick = (typed: string) => {
    const query = typed.trim();
    if (!query) return;
    void send('offers/suggest', { query, limit: 8 }).then(
      (r) => {
        if (r.picked) {
          setNotFound('');
          setText(r.picked.name);
          onPick({ offer: r.picked });
        } else setNotFound(query);
      },
      () => undefined,
    );
  };
  const onInput = (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement).value;
    setText(v);
    setNotFound('');
    // A suggestion chosen from the list arrives as one input of its full name: pick it at once.
    if (names.options.some((o) => o.name === v)) {
      names.cancel();
      return pick(v);
    }
    names.suggest(v);
  };
  const onSeats = (e: Event) => {
    const raw = (e.currentTarget as HTMLInputElement).value.trim();
    const n = Number(raw);
    onPick({ seats: raw !== '' && Number.isInteger(n) && n >= 0 ? n : undefined });
  };
  return (
    <div data-csp-move="offer-pick-form">
      <p>
        <strong>{title}</strong>
      </p>
      {askOffer && (
        <label>
          {t('offerPickLabel')}
          <input
            type="text"
            data-csp-move="offer-pick"
            list={names.listId}
            autocomplete="off"
            value={text}
            onInput={onInput}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                pick((e.currentTarget as HTMLInputElement).value);
              }
            }}
            onChange={(e) => pick((e.currentTarget as HTMLInputElement).value)}
          />
          {names.datalist}
        </label>
      )}
      {notFound && (
        <p class="problem" data-csp-move="offer-pick-unknown">
          {t('offerPickNotInTable', [notFound])}
        </p>
      )}
      {value.offer && askOffer && (
        <p class="muted" data-csp-move="offer-picked">
          {t('offerPicked', [value.offer.offer])}
        </p>
      )}
      <label>
        {t('offerPickSeats')}
        <input type="number" min="0" step="1" data-csp-move="offer-pick-seats" value={value.seats ?? ''} onInput={onSeats} />
      </label>
    </div>
  );
}
