import { useEffect, useState } from 'preact/hooks';
import type { Move } from '../core/model';
import { t } from '../shared/i18n';
import { send } from '../shared/client';

export function App() {
  const [moves, setMoves] = useState<Move[] | null>(null);
  useEffect(() => {
    send('moves/list', {}).then((r) => setMoves(r.moves));
  }, []);
  return (
    <>
      <header>
        <h1>{t('extName')}</h1>
      </header>
      <main>
        {moves === null ? (
          <p class="muted">{t('loading')}</p>
        ) : (
          <ul class="moves">
            {moves.map((m) => (
              <li key={m.customerId} class="move" data-csp-move="move-row" data-customer-id={m.customerId} data-step={m.step}>
                <strong>{m.companyName}</strong> <span class="muted">{m.domain}</span> — {t(`step_${m.step}`)}
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
