/**
 * Realistic stored moves for the storage figure: a move's history at the bound the store keeps
 * (src/core/history.ts HISTORY: `kept` dated step changes, path changes, overrides and
 * cancellations, `edits` edits, and the creation), dated over the past two years, with notes,
 * provisioned lines and step notes, in the store's own format (src/core/schema.ts MoveSchema).
 * `grow` runs in an extension page: it rewrites stored moves in place with chrome.storage.local.
 */
import { HISTORY } from '../../src/core/history';
import type { Move } from '../../src/core/model';
import { PATHS } from '../../src/core/paths';

export interface GrowSpec {
  keys: string[];
  kept: number;
  edits: number;
  steps: Record<string, string[]>;
  today: string;
}

export function growSpec(ids: string[], today: string): GrowSpec {
  return {
    keys: ids.map((id) => `move:${id}`),
    kept: HISTORY.kept,
    edits: HISTORY.edits,
    steps: Object.fromEntries(PATHS.map((p) => [p.id, p.steps.map((s) => s.id as string)])),
    today,
  };
}

/** In the page: gives each move of `spec.keys` a full history and details, and stores them. Returns the bytes written (JSON). */
export async function grow(spec: GrowSpec): Promise<number> {
  const got = (await chrome.storage.local.get(spec.keys)) as Record<string, Move>;
  const dayMs = 86_400_000;
  const t0 = Date.parse(`${spec.today}T00:00:00Z`) - 730 * dayMs;
  const total = 1 + spec.kept + spec.edits;
  const NOTE =
    'Customer asked to wait for the end of the quarter before requesting the relationship. IT contact: the procurement lead (Mon–Thu). ' +
    'Open licences renew in March; E3 seats to be reduced by 10 at the move. Call back after the budget meeting.';
  const editKinds = ['notes', 'originals', 'provisioned', 'details', 'notes', 'licenses-reassigned', 'originals', 'notes', 'provisioned', 'details'] as const;
  let bytes = 0;
  let k = 0;
  for (const key of spec.keys) {
    const m = got[key];
    if (!m) continue;
    const steps = spec.steps[m.path]!;
    const history: Move['history'] = [];
    const stepDates: Record<string, string> = {};
    let pos = 0;
    let kept = 0;
    let edits = 0;
    for (let i = 0; i < total; i++) {
      const ms = t0 + Math.floor((i * 720 * dayMs) / total) + ((k * 7919 + i * 104_729) % 36_000) * 1000;
      const at = new Date(ms).toISOString();
      const on = at.slice(0, 10);
      if (i === 0) {
        history.push({ at, on, kind: 'created', to: steps[0] as Move['step'] });
        stepDates[steps[0]!] = on;
        continue;
      }
      // One edit in six entries (the bound's share), the rest dated step changes and their kin.
      const edit = edits < spec.edits && (i % 6 === 0 || spec.kept - kept <= 0);
      if (edit) {
        const kind = editKinds[edits % editKinds.length]!;
        history.push(kind === 'details' ? { at, on, kind, note: 'companyName, domain' } : kind === 'licenses-reassigned' ? { at, on, kind, value: edits % 4 === 1 } : { at, on, kind });
        edits++;
        continue;
      }
      kept++;
      if (kept % 40 === 0) {
        history.push({ at, on, kind: 'path', note: `${m.path} → ${m.path === 'manual' ? 'ea-channel-transfer' : 'manual'}` });
        continue;
      }
      if (kept % 50 === 25) {
        history.push({ at, on, kind: 'cancellation', note: on });
        continue;
      }
      if (kept % 50 === 49) {
        history.push({ at, on, kind: 'override', guard: 'nothing-provisioned' });
        continue;
      }
      // Forward through the path, back a step now and then (a request lapsed, an order redone).
      const from = steps[pos]!;
      pos = pos >= steps.length - 2 || kept % 7 === 3 ? Math.max(1, pos - 1) : pos + 1;
      const to = steps[pos]!;
      stepDates[to] = on;
      history.push({ at, on, kind: 'step', from: from as Move['step'], to: to as Move['step'], ...(kept % 4 === 0 ? { note: 'Reminder sent to the customer; they will confirm by e-mail.' } : {}) });
    }
    const last = history[history.length - 1]!;
    const next: Move = {
      ...m,
      step: steps[pos] as Move['step'],
      stepDates: Object.fromEntries(steps.slice(0, pos + 1).filter((s) => stepDates[s]).map((s) => [s, stepDates[s]!])),
      provisioned: [
        { id: 'p1', offer: 'Microsoft 365 Business Standard', seats: 25, provisionedOn: last.on },
        { id: 'p2', offer: 'Microsoft 365 E3', skuId: 'CFQ7TTC0LFLZ:0002', seats: 10, provisionedOn: last.on },
      ],
      licensesReassigned: false,
      notes: NOTE,
      history,
      createdAt: history[0]!.at,
      updatedAt: last.at,
    };
    got[key] = next;
    bytes += key.length + JSON.stringify(next).length;
    k++;
  }
  await chrome.storage.local.set(got);
  return bytes;
}
