/**
 * The bench's figures: each printed as `name  target / measured / verdict`, kept with its raw
 * samples for bench/results.json. Statistics over samples (median, percentile, spread).
 */

export interface Figure {
  name: string;
  /** What is measured: a number in `unit`, or a word ('error', 'n/a'). */
  value: number | string;
  unit: string;
  /** The target as printed (`≤ 16 ms`); none: a figure for information. */
  target?: string;
  pass?: boolean;
  detail?: string;
  /** The raw samples the value was computed from (ms, bytes, ratios: in `unit` unless `samplesUnit`). */
  samples?: number[];
  samplesUnit?: string;
  /** Anything else worth keeping (per-side samples, file lists). */
  data?: Record<string, unknown>;
}

export const figures: Figure[] = [];

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile (p95 of 20 samples is the 19th smallest). */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Interquartile range by linear interpolation (Q1, Q3). */
export function quartiles(xs: readonly number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => {
    const i = (s.length - 1) * q;
    const lo = Math.floor(i);
    return s[lo]! + (s[Math.min(s.length - 1, lo + 1)]! - s[lo]!) * (i - lo);
  };
  return [at(0.25), at(0.75)];
}

export const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

export function add(f: Figure): Figure {
  figures.push(f);
  const verdict = f.pass === undefined ? (typeof f.value === 'string' && f.value === 'error' ? '✗ error' : 'info') : f.pass ? '✓' : '✗';
  const measured = `${f.value}${f.unit && typeof f.value === 'number' ? ` ${f.unit}` : ''}`;
  console.log(`${f.pass === false || f.value === 'error' ? '✗' : f.pass ? '✓' : ' '} ${f.name.padEnd(62)} ${(f.target ?? '—').padStart(11)} / ${measured.padStart(12)} / ${verdict}`);
  if (f.detail) console.log(`    ${f.detail}`);
  return f;
}
