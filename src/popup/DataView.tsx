/**
 * Export (CSV of all moves, the expiry calendar as .ics), backup (JSON) and restore.
 * CSV code is loaded on demand; the calendar is built in a worker so a large export never freezes
 * the popup; a restore replaces everything, so it asks first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Move } from '../core/model';
import type { RuleSettings } from '../core/rules';
import type { NextAction } from '../core/urgency';
import { send } from './client';
import { formatDay, formatNumber, t, tn } from '../shared/i18n';
import { ConfirmDialog } from './Dialog';
import { toErrorInfo, type ErrorInfo } from '../shared/client';
import { ErrorBox } from './fields';
import type { IcsReply, IcsRequest } from './ics.worker';
import { exportFileName, peekBackup } from './logic';
import { downloadText } from './platform';

type Job = 'csv' | 'ics' | 'backup' | 'restore';

export function countIcsEvents(moves: readonly Move[], leadDays: readonly number[]): number {
  let originals = 0;
  for (const m of moves) if (m.step !== 'done') originals += m.originals.length;
  return originals * (1 + new Set(leadDays.filter((d) => d >= 1)).size);
}

function buildIcs(req: IcsRequest): { promise: Promise<string>; cancel: () => void } {
  const worker = new Worker(new URL('./ics.worker.ts', import.meta.url), { type: 'module' });
  const promise = new Promise<string>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<IcsReply>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.ics);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'The calendar could not be built.'));
    };
  });
  worker.postMessage(req);
  return { promise, cancel: () => worker.terminate() };
}

/** After a restore, the list reloads itself from the background's change notice. */
export function DataView(props: { moves: () => Move[]; today: string; leadDays: number[]; nudgeAfterDays?: number; rules?: RuleSettings; describe: (move: Move) => NextAction }) {
  const [busy, setBusy] = useState<Set<Job>>(new Set());
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [restore, setRestore] = useState<{ json: string; name: string; moves: number; exportedAt?: string } | null>(null);
  const [icsEvents, setIcsEvents] = useState(0);
  const cancelIcs = useRef<(() => void) | null>(null);
  const restoreInput = useRef<HTMLInputElement>(null);

  useEffect(() => () => cancelIcs.current?.(), []);

  const run = async (job: Job, task: () => Promise<string>) => {
    setBusy((b) => new Set(b).add(job));
    setError(null);
    try {
      setStatus(await task());
    } catch (err) {
      setError(toErrorInfo(err));
      setStatus('');
    } finally {
      setBusy((b) => {
        const n = new Set(b);
        n.delete(job);
        return n;
      });
    }
  };

  const exportCsv = () =>
    run('csv', async () => {
      const { movesToCsv } = await import('./csv-io');
      const moves = props.moves();
      // The next action as the list words it, in the partner's language, with its due day.
      const describe = (m: Move) => {
        const a = props.describe(m);
        return { nextAction: t(`action_${a.kind}`), ...(a.dueOn === undefined ? {} : { dueOn: a.dueOn }) };
      };
      downloadText(movesToCsv(moves, describe), exportFileName('csv', props.today), 'text/csv;charset=utf-8');
      return tn('popup_exportedCsv', moves.length);
    });

  const exportIcs = () =>
    run('ics', async () => {
      const moves = props.moves();
      setIcsEvents(countIcsEvents(moves, props.leadDays));
      const job = buildIcs({ moves, leadDays: props.leadDays, nudgeAfterDays: props.nudgeAfterDays, ...(props.rules ? { rules: props.rules } : {}), now: Date.now() });
      cancelIcs.current = job.cancel;
      const ics = await job.promise;
      cancelIcs.current = null;
      downloadText(ics, exportFileName('ics', props.today), 'text/calendar;charset=utf-8');
      return t('popup_exportedIcs');
    });

  const exportBackup = () =>
    run('backup', async () => {
      const { json } = await send('backup/export', {});
      downloadText(json, exportFileName('backup', props.today), 'application/json');
      return t('popup_exportedBackup');
    });

  const onRestoreFile = async (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const file = el.files?.[0];
    setError(null);
    setStatus('');
    if (!file) return;
    const json = await file.text();
    el.value = '';
    const peek = peekBackup(json);
    if (peek === null) {
      setError({ message: t('popup_restoreNotJson', [file.name]) });
      return;
    }
    setRestore({ json, name: file.name, ...peek });
  };

  const doRestore = (json: string) => {
    setRestore(null);
    void run('restore', async () => {
      const r = await send('backup/restore', { json });
      return r.migratedFrom !== undefined ? tn('popup_restoredMigrated', r.moves, [formatNumber(r.moves), String(r.migratedFrom)]) : tn('popup_restored', r.moves);
    });
  };

  const current = props.moves().length;
  const icsBusy = busy.has('ics');
  return (
    <div class="data">
      <section aria-labelledby="export-h">
        <h3 id="export-h">{t('popup_exportHeading')}</h3>
        <div class="buttons left">
          <button type="button" onClick={() => void exportCsv()} disabled={busy.has('csv')} data-csp-move="export-csv">
            {t('popup_exportCsv')}
          </button>
          <button type="button" onClick={() => void exportIcs()} disabled={icsBusy} aria-busy={icsBusy ? 'true' : undefined} data-csp-move="export-ics">
            {icsBusy ? t('popup_exportingIcs') : t('popup_exportIcs')}
          </button>
        </div>
        {icsBusy ? (
          <div class="progress-line" data-csp-move="ics-progress">
            <progress aria-label={t('popup_exportingIcs')} />
            <span>{tn('popup_exportingIcsCount', icsEvents)}</span>
          </div>
        ) : null}
        <p class="hint muted">{t('popup_exportHint')}</p>
      </section>
      <section aria-labelledby="backup-h">
        <h3 id="backup-h">{t('popup_backupHeading')}</h3>
        <div class="buttons left">
          <button type="button" onClick={() => void exportBackup()} disabled={busy.has('backup')} data-csp-move="backup-export">
            {t('popup_backupExport')}
          </button>
        </div>
        <div class="field">
          <label for="restore-file">{t('popup_restoreChoose')}</label>
          <input id="restore-file" ref={restoreInput} type="file" accept=".json,application/json" data-csp-move="restore-file" disabled={busy.has('restore')} onChange={(e) => void onRestoreFile(e)} />
          <span class="hint muted">{t('popup_restoreHint')}</span>
        </div>
      </section>
      <ErrorBox error={error} hook="data-errors" />
      <p role="status" class="result" data-csp-move="data-status">
        {status}
      </p>
      {restore ? (
        <ConfirmDialog
          title={t('popup_restoreTitle')}
          message={t('popup_restoreConfirm', [String(current), restore.name, String(restore.moves), restore.exportedAt ? formatDay(restore.exportedAt.slice(0, 10)) : '—'])}
          confirmLabel={t('popup_restoreButton')}
          danger
          hook="restore-confirm"
          onCancel={() => setRestore(null)}
          onConfirm={() => doRestore(restore.json)}
        />
      ) : null}
    </div>
  );
}
