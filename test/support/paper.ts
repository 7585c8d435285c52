import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_ENTRY, CliSandbox, jsonOf } from './cli-runner';

/** A stored backtest's orders and equity, read from its artifacts (orders.csv, equity.csv). */
export interface BacktestTables {
  orders: Array<Record<string, string>>;
  equity: Array<Record<string, string>>;
}

export function backtestTables(backtestsDir: string, runId: string): BacktestTables {
  return { orders: csvObjects(join(backtestsDir, runId, 'orders.csv')), equity: csvObjects(join(backtestsDir, runId, 'equity.csv')) };
}

/** Rows of a CSV file whose fields hold no commas (enough for orders and equity). */
function csvObjects(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, fields[i]]));
  });
}

/** A session's orders and equity (as `paper show --json` gives them) in the backtest's CSV terms. */
export function sessionTables(show: any): { orders: unknown[]; equity: unknown[] } {
  return {
    orders: show.orders.map((o: any) => ({
      id: o.id,
      signal_date: o.decided,
      side: o.side,
      type: o.type,
      requested_qty: o.quantity,
      reason: o.reason,
      tag: o.tag,
      status: o.status,
      event_date: o.closedOn,
      filled_qty: o.fill?.quantity ?? 0,
      price: o.fill?.price ?? null,
      commission: o.fill?.commission ?? 0,
    })),
    equity: show.equity.map((e: any) => ({ date: e.date, equity: e.equity })),
  };
}

/** The backtest's orders and equity in the same terms, numbers parsed back (they are written exactly). */
export function backtestAsSession(t: BacktestTables): { orders: unknown[]; equity: unknown[] } {
  const num = (v: string) => (v === '' ? null : Number(v));
  return {
    orders: t.orders.map((o) => ({
      id: Number(o.id),
      signal_date: o.signal_date,
      side: o.side,
      type: o.type,
      requested_qty: Number(o.requested_qty),
      reason: o.reason,
      tag: o.tag,
      status: o.status,
      event_date: o.event_date,
      filled_qty: Number(o.filled_qty),
      price: num(o.price),
      commission: Number(o.commission),
    })),
    equity: t.equity.map((e) => ({ date: e.date, equity: Number(e.equity) })),
  };
}

/** `tradinggroup serve` as a child process of the test on a free port. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServe(sandbox: CliSandbox, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'serve', '--port', '0'], {
    cwd: sandbox.dir,
    env: { ...process.env, TRADINGGROUP_DEBUG: '', TRADINGGROUP_API_KEYS: '', ...sandbox.env, ...env },
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve ended (${code ?? signal}) before listening:\n${out}`));
    });
  });
  return { url, child, output: () => out, exited };
}

/** Polls `paper show <id> --json` until `done(show)` holds; returns the last answer. */
export async function waitForSession(sandbox: CliSandbox, id: string, done: (show: any) => boolean, timeoutMs = 120_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const show = jsonOf(sandbox.cli('paper', 'show', id, '--json'));
    if (done(show)) return show;
    if (Date.now() > until) throw new Error(`session ${id} is still ${show.status} with ${show.barsProcessed} bars after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
