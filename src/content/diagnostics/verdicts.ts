/**
 * Judging a feature's anchors (pure, unit-tested without a page): from counts to a verdict (found,
 * an empty list, missing), and from the verdicts of a page view to the overlay's ONE sentence.
 */
import type { PageMatch } from '../pages';
import type { Anchor, Feature, ProblemKey } from '../registry';

/** How long a feature waits for its required anchors unless its registration says otherwise. */
export const DEFAULT_WAIT_MS = 10_000;

export const waitOf = (f: Pick<Feature, 'waitMs'>): number => f.waitMs ?? DEFAULT_WAIT_MS;

/** The anchors of `f` that apply to `page` (`{customerId}` ones on customer pages only). */
export function anchorsFor(f: Pick<Feature, 'anchors' | 'pages'>, page: PageMatch): Anchor[] {
  return (f.anchors ?? []).filter((a) => (a.pages ?? f.pages).includes(page.page) && (!!page.customerId || !a.selector.includes('{customerId}')));
}

export interface AnchorCount {
  id: string;
  need: 'required' | 'expected';
  group?: string;
  emptyWith?: string;
  /** Matches that count (rows with a GUID id). */
  found: number;
  /** Matches that do not (skeleton rows). */
  placeholders: number;
}

export type Verdict = 'ok' | 'empty' | 'missing';

/** What the overlay says about the page: a problem's message key, that the page changed, or nothing. */
export type Sentence = ProblemKey | 'diagChanged' | null;

/** Found when every required anchor (or one of each group) is found; an empty list is fine too. */
export function judge(counts: readonly AnchorCount[]): Verdict {
  const groups = new Map<string, AnchorCount[]>();
  for (const c of counts) if (c.need === 'required') groups.set(c.group ?? c.id, [...(groups.get(c.group ?? c.id) ?? []), c]);
  let empty = false;
  for (const list of groups.values()) {
    if (list.some((c) => c.found > 0)) continue;
    const isEmpty = list.some((c) => c.emptyWith && c.placeholders === 0 && (counts.find((x) => x.id === c.emptyWith)?.found ?? 0) > 0);
    if (!isEmpty) return 'missing';
    empty = true;
  }
  return empty ? 'empty' : 'ok';
}

/** The shadow hosts around an element, nearest first, match the expected tag suffixes. */
export function hostsAsExpected(chain: readonly string[], expected: readonly string[]): boolean {
  return expected.every((suffix, i) => chain[i]?.endsWith(suffix) ?? false);
}

/** The one sentence for the page: the first missing feature's problem, else "changed", else none. */
export function decide(results: ReadonlyArray<{ verdict?: Verdict; problem?: ProblemKey; changed: readonly string[] }>): Sentence {
  const missing = results.find((r) => r.verdict === 'missing' && r.problem);
  if (missing?.problem) return missing.problem;
  return results.some((r) => r.verdict === 'ok' && r.changed.length > 0) ? 'diagChanged' : null;
}

/**
 * "About this page" in one sentence for the partner: which features work here, which are off
 * (their anchors are missing) and which still wait for the page. `none` features (nothing to check
 * on this page) count as working. Pure: the view turns it into words.
 */
export interface PageSummary {
  working: string[];
  off: string[];
  waiting: string[];
}

export function summarise(features: ReadonlyArray<{ id: string; status: 'ok' | 'empty' | 'missing' | 'changed' | 'waiting' | 'none' }>): PageSummary {
  const out: PageSummary = { working: [], off: [], waiting: [] };
  for (const f of features) (f.status === 'missing' ? out.off : f.status === 'waiting' ? out.waiting : out.working).push(f.id);
  return out;
}
