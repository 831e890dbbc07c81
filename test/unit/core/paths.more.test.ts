/**
 * More of the path table's lookups: which path a move at a given step follows (pathWithStep, used
 * when old data or an import names a step), and the errors a caller sees for a path or step that
 * does not exist (they name the path and the step).
 */
import { describe, expect, it } from 'vitest';
import type { PathId, Program, Step } from '../../../src/core/model';
import { hasStep, pathDef, pathWithStep, stepDef, suggestedPath } from '../../../src/core/paths';

describe('pathWithStep', () => {
  it('keeps the suggested path when it has the step', () => {
    expect(pathWithStep('ea', 'accepted')).toBe('manual');
    expect(pathWithStep('other-partner', 'requested')).toBe('partner-transfer');
    expect(pathWithStep('open', 'originals-ended')).toBe('manual');
  });

  it('takes an offered path that has the step when the suggested one does not', () => {
    expect(pathWithStep('ea', 'csp-scheduled')).toBe('ea-channel-transfer');
    expect(pathWithStep('ea', 'ea-ended')).toBe('ea-channel-transfer');
    expect(pathWithStep('other-partner', 'provisioned')).toBe('manual');
  });

  it('falls back to any path with the step when none offered for the program has it', () => {
    expect(pathWithStep('open', 'transfer-requested')).toBe('partner-transfer');
    expect(pathWithStep('direct', 'csp-scheduled')).toBe('ea-channel-transfer');
  });

  it('the path it gives always has the step, for every program and step', () => {
    const programs: Program[] = ['open', 'ea', 'direct', 'other-partner', 'other', 'unknown'];
    const steps: Step[] = ['planned', 'requested', 'accepted', 'provisioned', 'originals-ended', 'csp-scheduled', 'ea-ended', 'transfer-requested', 'transfer-approved', 'done'];
    for (const p of programs) for (const s of steps) expect(hasStep(pathWithStep(p, s), s)).toBe(true);
  });

  it('a step no path knows (corrupt data) gives the manual path', () => {
    expect(pathWithStep('open', 'bogus' as Step)).toBe('manual');
  });
});

describe('suggestedPath with a program no path suggests', () => {
  it('falls back to manual rather than failing', () => {
    expect(suggestedPath('legacy' as Program)).toBe('manual');
  });
});

describe('errors name what is missing', () => {
  it('an unknown path', () => {
    expect(() => pathDef('teleport' as PathId)).toThrow(RangeError);
    expect(() => pathDef('teleport' as PathId)).toThrow('Not a path: teleport');
  });

  it('a step the path does not have', () => {
    expect(() => stepDef('manual', 'csp-scheduled')).toThrow(RangeError);
    expect(() => stepDef('manual', 'csp-scheduled')).toThrow('Path manual has no step csp-scheduled');
    expect(() => stepDef('partner-transfer', 'provisioned')).toThrow('Path partner-transfer has no step provisioned');
  });

  it('a step the path has is returned with its phase', () => {
    expect(stepDef('ea-channel-transfer', 'csp-scheduled').phase).toBe('provisioned');
  });
});
