/**
 * The paths into CSP, as data: each path's ordered steps, and for each step its phase (what the
 * rest of the core reasons about: deadlines, reminders, guardrails), the next action's kind and the
 * advice shown (message names in public/_locales, en and zh_TW). Adding a path is one entry here plus
 * its messages: the step machine, next action, overlay, popup and exports read this table.
 *
 * Source: Microsoft Learn, "Move license-based customers from other channels, tenants, and partners
 * to the Cloud Solution Provider (CSP) program" (partner-center/customers/transition-seat-based-services)
 * and "Transfer subscriptions" (partner-center/customers/transfer-subscriptions), read 2026-11.
 */
import type { PathId, Program, Step } from './model';
import { PATH_IDS } from './model';

/**
 * Where a step stands in any path's life, whatever it is called:
 * - planned: nothing sent yet; requested: relationship request sent; accepted: the customer accepted;
 * - transferring: a partner transfer is requested, awaiting both partners' approval;
 * - provisioned: the CSP side exists (bought, or its creation scheduled), originals still run;
 * - ended: the originals are over (expired, cancelled, or transferred); done: closed.
 */
export const PHASES = ['planned', 'requested', 'accepted', 'transferring', 'provisioned', 'ended', 'done'] as const;
export type Phase = (typeof PHASES)[number];

export interface StepDef {
  readonly id: Step;
  readonly phase: Phase;
  /** The next action's kind while at this step, when the path decides it rather than the dates. */
  readonly action?: 'schedule-creation' | 'request-transfer' | 'wait-for-approval' | 'wait-for-ea-end';
  /** Message name: what to do at this step on this path. */
  readonly advice: string;
}

export interface PathDef {
  readonly id: PathId;
  readonly steps: readonly StepDef[];
  /** Programs this path is offered for. */
  readonly programs: readonly Program[];
  /** Programs for which this path is the suggestion for a new move. */
  readonly suggestedFor: readonly Program[];
  /** Whether the CSP side is bought by the partner (then closing checks seats against the originals). */
  readonly purchases: boolean;
  /** Message name: when this path helps, and what it cannot do. */
  readonly note: string;
}

const planned = { id: 'planned', phase: 'planned', advice: 'pathAdvice_planned' } as const;
const requested = { id: 'requested', phase: 'requested', advice: 'pathAdvice_requested' } as const;
const done = { id: 'done', phase: 'done', advice: 'pathAdvice_done' } as const;

export const PATHS = [
  {
    id: 'manual',
    programs: ['direct', 'open', 'ea', 'other-partner', 'other', 'unknown'],
    suggestedFor: ['direct', 'open', 'ea', 'other', 'unknown'],
    purchases: true,
    note: 'pathNote_manual',
    steps: [
      planned,
      requested,
      { id: 'accepted', phase: 'accepted', advice: 'pathAdvice_manual_accepted' },
      { id: 'provisioned', phase: 'provisioned', advice: 'pathAdvice_manual_provisioned' },
      { id: 'originals-ended', phase: 'ended', advice: 'pathAdvice_manual_originals_ended' },
      done,
    ],
  },
  {
    id: 'ea-channel-transfer',
    programs: ['ea'],
    suggestedFor: [],
    purchases: true,
    note: 'pathNote_ea_channel_transfer',
    steps: [
      planned,
      requested,
      { id: 'accepted', phase: 'accepted', action: 'schedule-creation', advice: 'pathAdvice_ea_accepted' },
      { id: 'csp-scheduled', phase: 'provisioned', action: 'wait-for-ea-end', advice: 'pathAdvice_ea_csp_scheduled' },
      { id: 'ea-ended', phase: 'ended', advice: 'pathAdvice_ea_ended' },
      done,
    ],
  },
  {
    id: 'partner-transfer',
    programs: ['other-partner'],
    suggestedFor: ['other-partner'],
    purchases: false,
    note: 'pathNote_partner_transfer',
    steps: [
      planned,
      { ...requested, advice: 'pathAdvice_partner_requested' },
      { id: 'accepted', phase: 'accepted', action: 'request-transfer', advice: 'pathAdvice_partner_accepted' },
      { id: 'transfer-requested', phase: 'transferring', action: 'wait-for-approval', advice: 'pathAdvice_partner_transfer_requested' },
      { id: 'transfer-approved', phase: 'ended', advice: 'pathAdvice_partner_transfer_approved' },
      done,
    ],
  },
] as const satisfies readonly PathDef[];

export type PathAdvice = (typeof PATHS)[number]['steps'][number]['advice'];

// Fails to compile when model.ts gains a path this table does not declare.
const everyPathDeclared: Exclude<PathId, (typeof PATHS)[number]['id']> extends never ? true : never = true;
void everyPathDeclared;

export function isPathId(x: unknown): x is PathId {
  return (PATH_IDS as readonly unknown[]).includes(x);
}

export function pathDef(id: PathId): PathDef {
  const p = PATHS.find((x) => x.id === id);
  if (p === undefined) throw new RangeError(`Not a path: ${String(id)}`);
  return p;
}

/** The path suggested for a new move of `program` (the partner may choose another). */
export function suggestedPath(program: Program): PathId {
  return PATHS.find((p) => (p.suggestedFor as readonly Program[]).includes(program))?.id ?? 'manual';
}

/** The paths offered for `program`, the suggested one first. */
export function pathsFor(program: Program): PathDef[] {
  const offered: PathDef[] = PATHS.filter((p) => (p.programs as readonly Program[]).includes(program));
  const first = suggestedPath(program);
  return [...offered.filter((p) => p.id === first), ...offered.filter((p) => p.id !== first)];
}

/** The ordered step ids of `path`. */
export function pathSteps(path: PathId): Step[] {
  return pathDef(path).steps.map((s) => s.id);
}

/** The path a move of `program` at `step` follows: the suggested one if it has the step, else one offered that has it. */
export function pathWithStep(program: Program, step: Step): PathId {
  const offered = [...pathsFor(program), ...PATHS];
  return offered.find((p) => p.steps.some((s) => s.id === step))?.id ?? 'manual';
}

export function hasStep(path: PathId, step: Step): boolean {
  return pathDef(path).steps.some((s) => s.id === step);
}

/** `step`'s definition on `path`; a RangeError when the path has no such step. */
export function stepDef(path: PathId, step: Step): StepDef {
  const s = pathDef(path).steps.find((x) => x.id === step);
  if (s === undefined) throw new RangeError(`Path ${path} has no step ${String(step)}`);
  return s;
}

export function phaseOf(move: { path: PathId; step: Step }): Phase {
  return stepDef(move.path, move.step).phase;
}

/** Position of `phase` in PHASES, to say "at or after". */
export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** The step of `to` that stands where `step` stood on `from` (same phase, else the same position). */
export function stepOnPath(from: PathId, step: Step, to: PathId): Step {
  if (hasStep(to, step)) return step;
  const phase = stepDef(from, step).phase;
  const target = pathDef(to).steps;
  const byPhase = target.find((s) => s.phase === phase);
  if (byPhase) return byPhase.id;
  // A phase the other path does not have (transferring): the last step before it.
  const before = target.filter((s) => phaseIndex(s.phase) < phaseIndex(phase));
  return before.at(-1)?.id ?? target[0]!.id;
}
