import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { LlmExchangeRecord } from '../persistence/llm-exchange-record';
import { LlmExchangesRepository } from '../persistence/llm-exchanges.repository';
import { RunRecord } from '../persistence/run-record';
import { RunsRepository } from '../persistence/runs.repository';
import { requestKey } from './request-key';

/** The first line of an export: what it is and the run it comes from. */
interface ExportHeader {
  format: typeof FORMAT;
  run: RunRecord;
  exchanges: number;
}

const FORMAT = 'tradinggroup.llm-exchanges.v1';

/**
 * `llm export` / `llm import`: a run's record and every exchange it had with its model, as JSON
 * Lines, so the run can be replayed offline on another machine (with the same price data) and
 * its answers reused (`--llm-cache reuse`). No key or header is ever part of a record.
 */
export class LlmExchangeTransfer {
  constructor(
    private readonly runs: RunsRepository,
    private readonly exchanges: LlmExchangesRepository,
  ) {}

  async exportRun(runId: string, file: string): Promise<{ exchanges: number }> {
    const run = await this.runs.getRun(runId);
    if (!run) throw new Error(`no run with id ${runId}`);
    if (run.mode !== 'llm') throw new Error(`run ${runId} is an ${run.mode}-mode run: it has no llm exchanges`);
    const records = await this.exchanges.forRun(runId);
    const out = createWriteStream(file);
    const header: ExportHeader = { format: FORMAT, run: { ...run, artifactsDir: null }, exchanges: records.length };
    for (const line of [header, ...records]) {
      if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    return { exchanges: records.length };
  }

  /** Stores the run (unless present) and its exchanges; a malformed line names the file and line. */
  async importFile(file: string): Promise<{ runId: string; exchanges: number; runCreated: boolean }> {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let header: ExportHeader | null = null;
    const records: LlmExchangeRecord[] = [];
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${n}: not JSON (${(e as Error).message})`);
      }
      if (header === null) {
        if ((value as ExportHeader)?.format !== FORMAT) throw new Error(`${file}:${n}: not an llm export (the first line must have "format": "${FORMAT}")`);
        header = value as ExportHeader;
        continue;
      }
      records.push(checkRecord(value, header.run.id, `${file}:${n}`));
    }
    if (header === null) throw new Error(`${file}: empty file`);
    if (records.length !== header.exchanges) throw new Error(`${file}: the header announces ${header.exchanges} exchanges, the file holds ${records.length} (cut short?)`);
    const runId = header.run.id;
    const existing = await this.runs.getRun(runId);
    if (existing && (await this.exchanges.forRun(runId)).length > 0) throw new Error(`run ${runId} and its exchanges are already in this database`);
    if (!existing) await this.runs.importRun(header.run);
    await this.exchanges.append(records);
    return { runId, exchanges: records.length, runCreated: !existing };
  }
}

function checkRecord(value: unknown, runId: string, where: string): LlmExchangeRecord {
  const r = value as LlmExchangeRecord;
  const fine =
    r !== null &&
    typeof r === 'object' &&
    r.runId === runId &&
    Number.isInteger(r.seq) &&
    typeof r.requestKey === 'string' &&
    /^[0-9a-f]{64}$/.test(r.requestKey) &&
    typeof r.agent === 'string' &&
    Number.isFinite(r.decidedAt) &&
    (r.outcome === 'answer' || r.outcome === 'unavailable') &&
    typeof r.request === 'object' &&
    Array.isArray(r.request?.messages);
  if (!fine) throw new Error(`${where}: not an exchange of run ${runId}`);
  if (requestKey(r.request) !== r.requestKey) throw new Error(`${where}: the request does not match its key (the record was changed)`);
  return r;
}
