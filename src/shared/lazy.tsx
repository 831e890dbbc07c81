/**
 * A component whose module is loaded the first time it is shown, so a first paint carries only
 * what it shows (the popup's list; the overlay without its "About this page"). Until it is in,
 * a "Loading…" line; a module that cannot be read (the extension was updated under an open
 * popup or page) says so rather than loading for ever.
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

export type Lazy<P> = FunctionComponent<P> & {
  /** Starts the load ahead of the first show (a dialog about to open); the same load as showing it. */
  preload: () => Promise<ComponentType<P>>;
};

export function lazy<P extends object>(name: string, load: () => Promise<ComponentType<P>>): Lazy<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (err: unknown) => {
        loading = undefined; // The next show tries again.
        throw err;
      },
    ));
  function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (View) return;
      let live = true;
      preload().then(
        (c) => live && setView(() => c),
        (err: unknown) => {
          console.debug(`[csp-move] ${name}`, err);
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [View]);
    if (View) return <View {...props} />;
    return (
      <p class="muted" data-csp-move="lazy-loading" role={failed ? 'alert' : undefined}>
        {failed ? t('loadFailed') : t('loading')}
      </p>
    );
  }
  return Object.assign(LazyView, { preload });
}
