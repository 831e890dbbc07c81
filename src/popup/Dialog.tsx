/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (focus stays inside, screen readers see only the dialog), Escape fires `cancel`, and focus goes
 * back to whatever had it before the dialog opened.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';

let nextId = 0;

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Extra class for the <dialog> (e.g. 'wide'). */
  class?: string;
  /** data-csp-move hook for tests and tools. */
  hook?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const idRef = useRef(`dlg-${++nextId}`);
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;

  // Who had focus when the dialog was asked for (read at the first render, before anything in the
  // dialog can take focus): it gets focus back on close.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  // Layout effects run right after the DOM is written, also in a background tab (where effects
  // wait for an animation frame that may not come).
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Focus the first field (or autofocus) rather than the close button in the corner.
    const first = dialog.querySelector<HTMLElement>('[autofocus], .dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea, .dialog-body button');
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const titleId = `${idRef.current}-title`;
  return (
    <dialog
      ref={ref}
      class={`dialog ${props.class ?? ''}`}
      aria-labelledby={titleId}
      data-csp-move={props.hook}
      onCancel={(e) => {
        // Escape: close through our state, so Preact unmounts the dialog.
        e.preventDefault();
        onCloseRef.current();
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon" onClick={() => onCloseRef.current()} aria-label={t('popup_close')} title={t('popup_close')}>
          ×
        </button>
      </div>
      <div class="dialog-body">{props.children}</div>
    </dialog>
  );
}

/** A yes/no question in a dialog; the confirming button's text says what it does. */
export function ConfirmDialog(props: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  hook?: string;
}) {
  return (
    <Dialog title={props.title} onClose={props.onCancel} hook={props.hook}>
      <p>{props.message}</p>
      <div class="buttons">
        <button type="button" onClick={props.onCancel} autofocus>
          {t('popup_cancel')}
        </button>
        <button type="button" class={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} data-csp-move="confirm-yes">
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
