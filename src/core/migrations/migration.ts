/** The shape of one migration file (see index.ts). */
import * as v from 'valibot';

export interface Migration {
  /** The schema version this migration writes (its file's number). */
  readonly to: number;
  /** Validates a move of version `to - 1` and returns it as version `to` (not yet validated). */
  apply(raw: unknown): { ok: true; value: unknown } | { ok: false; issues: v.BaseIssue<unknown>[] };
}

/**
 * One migration: `reads` is a frozen schema of the version it reads (never the live MoveSchema,
 * which changes with the model), `up` turns a valid old move into the next version.
 */
export function defineMigration<S extends v.GenericSchema>(m: { to: number; reads: S; up: (old: v.InferOutput<S>) => unknown }): Migration {
  return {
    to: m.to,
    apply(raw) {
      const r = v.safeParse(m.reads, raw);
      return r.success ? { ok: true, value: m.up(r.output) } : { ok: false, issues: r.issues };
    },
  };
}
