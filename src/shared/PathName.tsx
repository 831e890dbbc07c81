/** The path a move follows, in words (overlay and popup): apart, so the overlay's first chunk has it without the facts view. */
import type { MoveFacts } from '../core/move-facts';
import { t } from './i18n';

export function PathName({ facts }: { facts: Pick<MoveFacts, 'path'> }) {
  return (
    <p class="path" data-csp-move="path" data-path={facts.path}>
      <span class="muted">{t('pathLabel')}</span> {t(`path_${facts.path}`)}
    </p>
  );
}
