/**
 * "About this page", the entry point at the end of the overlay's body. The view itself
 * (about-page.tsx, with the diagnostic report) is loaded only when the partner opens it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/i18n';
import { lazy } from '../../shared/lazy';
import type { ModelStore } from './overlay-model';

const LINK = { background: 'none', border: 0, padding: 0, color: '#0067b8', textDecoration: 'underline', cursor: 'pointer' };

/** Set by "Back": the entry point takes the focus back (only ever after the partner's own click). */
let refocus = false;
export function refocusAbout(): void {
  refocus = true;
}

export function AboutButton({ model }: { model: ModelStore }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (refocus) ref.current?.focus();
    refocus = false;
  }, []);
  return (
    <p style={{ margin: '8px 0 0' }}>
      <button type="button" ref={ref} style={LINK} data-csp-move="about-open" onClick={() => model.set({ about: true })}>
        {t('aboutThisPage')}
      </button>
    </p>
  );
}

/** The "About this page" view, loaded on first open (it carries the diagnostic report). */
export const LazyAboutPage = lazy<{ model: ModelStore }>('about', () => import('./about-page').then((m) => m.AboutPage));
