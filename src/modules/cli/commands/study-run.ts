import { StudyMetric } from '../../../core/studies/study-metric';
import { StudyKind } from '../../persistence';
import { StartedStudy, StudiesService, StudyExecution } from '../../studies/studies.service';
import { studyView } from '../../studies/study.views';
import { cancellableBySignals } from '../signal-cancel';
import { printJson, printNotices } from '../output/print';
import { Progress } from '../output/progress';
import { renderStudy } from '../output/study-tables';
import { renderTable } from '../output/table';
import { StudyOptions } from './study-options';
import { UsageError } from '../usage.error';

const DEFAULT_TOP = 20;

export interface ShowOptions {
  sort?: StudyMetric;
  order?: 'desc' | 'asc';
  top?: number;
  json?: boolean;
}

/**
 * Runs a study with a progress bar on a terminal and prints it. Ctrl-C or SIGTERM stops it
 * (stored as cancelled, exit code 130 / 143); a failed study exits 1 with its reason.
 */
export async function runStudy(studies: StudiesService, kind: StudyKind, start: (execution: StudyExecution) => Promise<StartedStudy>, o: StudyOptions): Promise<void> {
  let progress: Progress | null = null;
  const record = await cancellableBySignals(async (signal) => {
    const started = await start({
      workers: o.workers,
      signal,
      onProgress: (completed, total) => {
        progress ??= new Progress(total, kind, !o.json);
        progress.update(completed, `${completed}/${total} runs`);
      },
    });
    try {
      return await started.completion;
    } finally {
      progress?.stop();
    }
  });
  const refused = (record.summary as { refused?: Array<{ params: Record<string, unknown>; reason: string }> } | null)?.refused ?? [];
  if (refused.length > 0) printNotices([`${refused.length} grid point${refused.length === 1 ? ' was' : 's were'} left out: ${refused.map((r) => r.reason.replace(/^[^:]*: /, '')).filter((r, i, all) => all.indexOf(r) === i).join('; ')}`]);
  const view = studyView(record, await studies.results(record.id), { sort: o.sort, order: o.order });
  if (o.json) printJson(view);
  else {
    process.stdout.write(`${renderStudy(view, o.top ?? DEFAULT_TOP)}\n`);
    if (record.status === 'done') process.stdout.write(`report: ${studies.reportPath(record.id)}\n`);
  }
  if (record.status !== 'done') {
    process.stderr.write(`error: ${kind} ${record.id} ${record.status === 'failed' ? 'failed' : `is ${record.status}`}: ${record.error}\n`);
    process.exitCode = 1;
  }
}

/** `sweep show` / `evaluate show`. */
export async function showStudy(studies: StudiesService, kind: StudyKind, id: string, o: ShowOptions): Promise<void> {
  const record = await studies.get(id, kind);
  const view = studyView(record, await studies.results(id), { sort: o.sort, order: o.order });
  if (o.json) return printJson(view);
  process.stdout.write(`${renderStudy(view, o.top ?? DEFAULT_TOP)}\n`);
}

export async function listStudies(studies: StudiesService, kind: StudyKind, json: boolean): Promise<void> {
  const list = await studies.list(kind);
  if (json) return printJson(list.map(({ summary: _s, ...rest }) => rest));
  if (list.length === 0) {
    process.stdout.write(`no ${kind === 'sweep' ? 'sweeps' : 'evaluations'} yet\n`);
    return;
  }
  const rows = list.map((s) => [s.id, s.status, `${s.completed}/${s.total}`, new Date(s.createdAt).toISOString().slice(0, 19).replace('T', ' ')]);
  process.stdout.write(`${renderTable(['Id', 'Status', 'Runs', 'Created (UTC)'], rows, ['left', 'left', 'right', 'left'])}\n`);
}

/** `sweep cancel <id>` / `evaluate cancel <id>`: a running study of this machine's CLI or server stops within a second. */
export async function cancelStudy(studies: StudiesService, kind: StudyKind, id: string, json: boolean): Promise<void> {
  const command = kind === 'sweep' ? 'sweep' : 'evaluate';
  const study = await studies.cancel(id, kind, `cancelled with "tradinggroup ${command} cancel"`);
  if (json) return printJson({ id: study.id, status: study.status });
  process.stdout.write(`${kind} ${id} is cancelled\n`);
}

/**
 * `sweep keep <id> <index...>` / `evaluate keep`: runs of a stored study (by their `index`) stored
 * in full as ordinary runs, from the specs the study ran; prints their run ids.
 */
export async function keepStudyRuns(studies: StudiesService, kind: StudyKind, id: string, indices: string[], json: boolean): Promise<void> {
  const command = kind === 'sweep' ? 'sweep' : 'evaluate';
  if (indices.length === 0) throw new UsageError(`${command} keep: the indices of the runs to store are required (the # column is a rank; --json shows each run's index)`);
  const wanted = indices.map((text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${command} keep: expected run indices (whole numbers), got "${text}"`);
    return n;
  });
  await studies.get(id, kind);
  const kept = await cancellableBySignals((signal) => studies.keepRuns(id, wanted, signal));
  const rows = wanted.map((index) => ({ index, runId: kept.get(index)! }));
  if (json) return printJson(rows);
  process.stdout.write(`${renderTable(['Index', 'Run'], rows.map((r) => [String(r.index), r.runId]), ['right', 'left'])}\n`);
}
