/**
 * A reminder in words (the UI language): its reason and who must act. Shared by the notification,
 * the popup and the overlay, so each says the same thing.
 */
import type { Reminder } from '../core/reminders';
import { formatDay, t } from './i18n';

export function reminderTitle(r: Reminder): string {
  const day = formatDay(r.deadline);
  switch (r.kind) {
    case 'provision-by':
      return t('reminder_provision_by', [r.companyName, day]);
    case 'original-ends':
      return t('reminder_original_ends', [r.companyName, r.offer ?? '', day]);
    case 'window-closes':
      return t('reminder_window_closes', [r.companyName, day]);
    case 'request-nudge':
      return t('reminder_request_nudge', [r.companyName]);
    case 'request-expires':
      return t('reminder_request_expires', [r.companyName, day]);
  }
}

/** Why it is a decision, and whose. */
export function reminderReason(r: Reminder): string {
  switch (r.kind) {
    case 'provision-by':
      return t('reminder_reason_provision_by');
    case 'original-ends':
      if (r.actor === 'nobody') return t('reminder_reason_ends_by_itself');
      if (r.actor === 'unknown' && r.endBy !== 'cancel') return t('reminder_reason_program_unknown');
      return r.endBy === 'cancel' ? t('reminder_reason_customer_cancels') : t('reminder_reason_customer_billing');
    case 'window-closes':
      return t('reminder_reason_window');
    case 'request-nudge':
      return t('reminder_reason_nudge', [formatDay(r.deadline)]);
    case 'request-expires':
      return t('reminder_reason_request_expires');
  }
}
