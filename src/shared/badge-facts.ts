/**
 * What a customers-grid badge shows of a tracked move, computed by the background and pushed to the
 * Partner Center tabs over a port (`BADGES_PORT`): the page holds every tracked customer's fact, so
 * a new page of rows is badged in the frame it appears, with no round trip and no rules in the page.
 * Types only: nothing here reaches the content script's bundle.
 */
import type { IsoDate, Step } from '../core/model';
import type { ActionKind, Urgency } from '../core/urgency';

export const BADGES_PORT = 'csp-move-badges';

export interface BadgeFact {
  step: Step;
  urgency: Urgency;
  /** The next action (the badge's title). */
  action: ActionKind;
  /** The earliest end date of the originals still running. */
  expiresOn?: IsoDate;
}

/** Background → tab. `all` replaces what the tab holds; `delta` mends it. */
export type BadgesMessage =
  | { type: 'badges/all'; today: IsoDate; facts: Record<string, BadgeFact> }
  | { type: 'badges/delta'; today: IsoDate; set: Record<string, BadgeFact>; removed: string[] };
