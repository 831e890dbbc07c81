/**
 * Storage migrations, one file per schema version: `NNN-name.ts` turns a move stored under version
 * NNN-1 into one of version NNN. They run as one chain (`migrate`), so data of any older version
 * reaches the latest by every step in order. SCHEMA_VERSION is the last file's number.
 *
 * Adding version N (docs/migrations.md): write `NNN-name.ts` (its own frozen schema of what it
 * reads, and `up`), a fixture of a version N-1 move and a spec, then add one line to MIGRATIONS.
 */
import type * as v from 'valibot';
import { migration002 } from './002-v2-model';
import { migration003 } from './003-paths';
import type { Migration } from './migration';

/** In order: MIGRATIONS[i] migrates to version i + 2 (version 1 needs no migration). */
export const MIGRATIONS: readonly Migration[] = [
  migration002,
  migration003,
];

/** The version the latest migration writes: what this extension stores. */
export const LATEST_VERSION = 1 + MIGRATIONS.length;

export type ChainResult = { ok: true; value: unknown } | { ok: false; issues: v.BaseIssue<unknown>[] } | { ok: false; unknownVersion: number };

/**
 * Runs every migration after `fromVersion` in order, each validating what the one before it wrote.
 * The result is a latest-version move still to be validated by the caller (schema.ts's MoveSchema).
 */
export function migrate(raw: unknown, fromVersion: number): ChainResult {
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 1 || fromVersion > LATEST_VERSION) return { ok: false, unknownVersion: fromVersion };
  let value = raw;
  for (const m of MIGRATIONS.slice(fromVersion - 1)) {
    const r = m.apply(value);
    if (!r.ok) return r;
    value = r.value;
  }
  return { ok: true, value };
}
