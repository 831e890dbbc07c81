/**
 * Builds the expiry calendar off the popup's main thread: `ics` validates and folds every event
 * (about 0.5 ms each), seconds for a large portfolio, during which the popup stays usable.
 */
import { expiriesToIcs } from '../core/ical';
import type { Move } from '../core/model';
import type { RuleSettings } from '../core/rules';

export interface IcsRequest {
  moves: Move[];
  leadDays: number[];
  nudgeAfterDays?: number;
  /** The partner's rule settings (EA lead days): the provision-by events follow them. */
  rules?: RuleSettings;
  /** The export instant, ms since 1970. */
  now: number;
}

export type IcsReply = { ok: true; ics: string } | { ok: false; message: string };

self.onmessage = (e: MessageEvent<IcsRequest>) => {
  let reply: IcsReply;
  try {
    reply = { ok: true, ics: expiriesToIcs(e.data.moves, e.data.leadDays, new Date(e.data.now), { nudgeAfterDays: e.data.nudgeAfterDays, ...(e.data.rules ? { rules: e.data.rules } : {}) }) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
