/**
 * The panel's spot (`choosePlacement`, pure): the nearest the bottom-right corner that covers no
 * control, else the one covering least. Its search skips spots that cannot win; it must choose
 * exactly what trying every spot chooses.
 */
import { describe, expect, it } from 'vitest';
import { choosePlacement, type Rect, type Spot } from '../../../src/content/ui/placement';

/** Every spot tried, every obstacle summed: the rule as written before the search was cut short. */
function reference(view: { width: number; height: number }, panel: { width: number; height: number }, minHeight: number, obstacles: readonly Rect[]): Spot {
  const MARGIN = 16;
  const STEP = 16;
  const GAP = 4;
  const overlap = (a: Rect, b: Rect) => {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  };
  const w = Math.min(panel.width, view.width - 2 * MARGIN);
  const wanted = Math.min(panel.height, view.height - 2 * MARGIN);
  const floor = Math.min(minHeight, wanted);
  const heights = [...new Set([wanted, Math.round(wanted * 0.75), Math.round(wanted * 0.5), floor].filter((h) => h >= floor))];
  const grown = obstacles.map((o) => ({ left: o.left - GAP, top: o.top - GAP, right: o.right + GAP, bottom: o.bottom + GAP }));
  const xs: number[] = [];
  for (let x = view.width - MARGIN - w; x > MARGIN; x -= STEP) xs.push(x);
  xs.push(MARGIN);
  let best: (Spot & { distance: number }) | undefined;
  for (const h of heights) {
    const ys: number[] = [];
    for (let y = view.height - MARGIN - h; y > MARGIN; y -= STEP) ys.push(y);
    ys.push(MARGIN);
    for (const x of xs) {
      for (const y of ys) {
        const r = { left: x, top: y, right: x + w, bottom: y + h };
        let covered = 0;
        for (const o of grown) covered += overlap(r, o);
        const distance = view.width - MARGIN - w - x + (view.height - MARGIN - h - y);
        if (!best || covered < best.covered || (covered === best.covered && (best.covered > 0 ? h < best.maxHeight : distance < best.distance))) {
          best = { right: Math.round(view.width - x - w), bottom: Math.round(view.height - y - h), maxHeight: h, covered, distance };
        }
      }
    }
    if (best && best.covered === 0) break;
  }
  const { distance: _d, ...spot } = best!;
  return spot;
}

/** A small deterministic generator (the same cases every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('choosePlacement', () => {
  it('docks in the corner when nothing is in the way', () => {
    expect(choosePlacement({ width: 1280, height: 800 }, { width: 320, height: 200 }, 140, [])).toEqual({ right: 16, bottom: 16, maxHeight: 200, covered: 0 });
  });

  it('moves off a control in the corner, nearest the corner, and shortens before covering one', () => {
    const corner = { left: 1100, top: 650, right: 1270, bottom: 790 };
    const spot = choosePlacement({ width: 1280, height: 800 }, { width: 320, height: 200 }, 140, [corner]);
    // Straight above it (moving up costs 144 px, moving left 496).
    expect(spot).toEqual({ right: 16, bottom: 160, maxHeight: 200, covered: 0 });
    // A page of controls but for a strip 150 px tall at the bottom: a shorter panel fits there.
    const wall = { left: 0, top: 0, right: 1280, bottom: 634 };
    expect(choosePlacement({ width: 1280, height: 800 }, { width: 320, height: 400 }, 140, [wall])).toMatchObject({ covered: 0, maxHeight: 140 });
  });

  it('chooses what trying every spot chooses, on 400 pages of controls', () => {
    const next = random(15);
    for (let n = 0; n < 400; n++) {
      const view = { width: 360 + Math.floor(next() * 1600), height: 300 + Math.floor(next() * 800) };
      const panel = { width: 200 + Math.floor(next() * 200), height: 80 + Math.floor(next() * 500) };
      const obstacles: Rect[] = Array.from({ length: Math.floor(next() * 40) }, () => {
        const left = Math.floor(next() * view.width);
        const top = Math.floor(next() * view.height);
        return { left, top, right: left + 8 + Math.floor(next() * 300), bottom: top + 8 + Math.floor(next() * 120) };
      });
      const minHeight = Math.min(panel.height, 140);
      expect(choosePlacement(view, panel, minHeight, obstacles), `case ${n}`).toEqual(reference(view, panel, minHeight, obstacles));
    }
  });
});
