/**
 * "Next 4 weeks": per day, how many decisions fall due (the reminders' deadlines, acknowledged ones
 * left out). Clicking a day filters the list to the moves concerned; clicking it again clears it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IsoDate } from '../core/model';
import { send } from './client';
import { formatDay, t } from '../shared/i18n';
import type { ResponseOf } from '../shared/protocol';

export type Upcoming = ResponseOf<'reminders/list'>['upcoming'];

const WEEKDAY = new Map<string, Intl.DateTimeFormat>();
function weekday(day: IsoDate): string {
  const locale = t('localeTag');
  let f = WEEKDAY.get(locale);
  if (!f) WEEKDAY.set(locale, (f = new Intl.DateTimeFormat(locale === 'localeTag' ? 'en' : locale, { weekday: 'narrow', timeZone: 'UTC' })));
  return f.format(Date.parse(`${day}T00:00:00Z`));
}

/** Changes come in bursts (an import, many pages writing): ask once the burst is over. */
const SETTLE_MS = 300;

/**
 * Loads the next 28 days' decisions, again (once a burst of changes settles) whenever `version`
 * changes; nothing while `version` is undefined.
 */
export function useUpcoming(version: unknown): Upcoming | null {
  const [upcoming, setUpcoming] = useState<Upcoming | null>(null);
  const first = useRef(true);
  useEffect(() => {
    if (version === undefined) return undefined;
    let live = true;
    const load = () =>
      send('reminders/list', { days: 28 }).then(
        (r) => live && setUpcoming(r.upcoming),
        () => live && setUpcoming(null),
      );
    const timer = setTimeout(load, first.current ? 0 : SETTLE_MS);
    first.current = false;
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [version]);
  return upcoming;
}

export function NextWeeks({ upcoming, selected, onSelect }: { upcoming: Upcoming; selected: IsoDate | ''; onSelect: (day: IsoDate | '') => void }) {
  return (
    <section class="next-weeks" aria-label={t('popup_nextWeeks')} data-csp-move="next-weeks">
      <h2 class="small-heading">{t('popup_nextWeeks')}</h2>
      <div class="days">
        {upcoming.map(({ day, count }) => {
          return (
            <button
              type="button"
              key={day}
              class={`day${count ? ' has' : ''}`}
              data-csp-move="due-day"
              data-day={day}
              data-count={String(count)}
              aria-pressed={selected === day}
              disabled={!count && selected !== day}
              onClick={() => onSelect(selected === day ? '' : day)}
            >
              <span class="wd" aria-hidden="true">{weekday(day)}</span>
              <span class="n">{count}</span>
              {/* The accessible name is the visible count followed by the day in words. */}
              <span class="sr-status"> {t('popup_dueOnDay', [formatDay(day)])}</span>
            </button>
          );
        })}
      </div>
      {selected ? (
        <p class="muted">
          {t('popup_dayFilter', [formatDay(selected)])}{' '}
          <button type="button" class="small" onClick={() => onSelect('')} data-csp-move="due-day-clear">
            {t('popup_dayFilterClear')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
