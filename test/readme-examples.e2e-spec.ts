import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI_ENTRY } from './support/cli-runner';

const ROOT = resolve(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SLOW = 180_000;

/** One command of a README bash block: continuation lines joined, the trailing comment dropped. */
interface ReadmeCommand {
  block: number;
  text: string;
}

function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const blocks = markdown.split(/^```bash\n/m).slice(1).map((b) => b.slice(0, b.indexOf('\n```')));
  blocks.forEach((block, i) => {
    const joined = block.replace(/\\\n\s*/g, '');
    for (const line of joined.split('\n')) {
      const text = line.replace(/\s+#\s.*$/, '').trim();
      if (text !== '') commands.push({ block: i + 1, text });
    }
  });
  return commands;
}

/** The README's way to try the llm mode without a model: a stand-in server started in the background. */
const STAND_IN = /^npx tradinggroup llm stand-in .*&$/;

/** Why a command cannot run here, or null when it runs offline in a temp directory. */
function notRunnable(command: ReadmeCommand, all: ReadmeCommand[]): string | null {
  const block = all.filter((c) => c.block === command.block);
  if (command.text.startsWith('npm ')) return 'npm commands are what CI runs itself (.ci/run: npm ci && npm run demo && npm test)';
  const needsModel = block.some((c) => c.text.startsWith('export TRADINGGROUP_LLM') || /--mode llm/.test(c.text)) || /^npx tradinggroup llm /.test(command.text);
  if (needsModel && !block.some((c) => STAND_IN.test(c.text))) return 'needs an OpenAI-compatible model server (docs/llm.md)';
  if (block.some((c) => /TRADINGGROUP_QUEUE=/.test(c.text)) || /docker compose/.test(command.text)) {
    return 'needs a Redis and a Postgres server (the scale mode; test/queue-workers.e2e-spec.ts runs it with real processes)';
  }
  return null;
}

/**
 * Runs the README's examples as a user would on a fresh clone: in a temp directory holding the
 * project's `examples/` folder, with the default configuration (./data, ./backtests), after the
 * sample data is set up. `<run-id>` is the id of the latest tradinggroup run, `<session-id>`
 * that of the latest paper session, `<eps.csv>` an EPS file of the user's own (the README says
 * none ships). The llm block runs against the stand-in model it starts; commands that need a
 * real model server are listed as skipped with the reason.
 */
describe('README examples', () => {
  const all = readmeCommands(README);
  const dir = mkdtempSync(join(tmpdir(), 'tg-readme-'));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), TRADINGGROUP_DEBUG: '' };
  for (const key of ['TRADINGGROUP_DB', 'TRADINGGROUP_DATA_DIR', 'TRADINGGROUP_BACKTESTS_DIR']) delete env[key];
  const shell = (script: string) =>
    spawnSync('bash', ['-c', `tradinggroup() { "${process.execPath}" "${CLI_ENTRY}" "$@"; }\n${script}`], { cwd: dir, env, encoding: 'utf8', timeout: SLOW, maxBuffer: 64 * 1024 * 1024 });
  // The run of the README's latest tradinggroup backtest so far: `decisions`, `memory show`, `synth` and `replay` need one.
  let tradinggroupRun: string | undefined;
  const runId = (): string => {
    if (tradinggroupRun === undefined) throw new Error('no tradinggroup run yet: the README lists a tradinggroup backtest before the commands that need one');
    return tradinggroupRun;
  };
  // The latest paper session (the README starts one before the commands that name it).
  const sessionId = (): string => (JSON.parse(shell('tradinggroup paper list --json').stdout) as Array<{ id: string }>)[0].id;
  const fill = (text: string): string =>
    text
      .replace(/<run-id>/g, runId)
      .replace(/<session-id>/g, sessionId)
      .replace(/<eps\.csv>/g, 'my-eps.csv')
      .replace(/^npx tradinggroup /, 'tradinggroup ');

  beforeAll(() => {
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    writeFileSync(join(dir, 'my-eps.csv'), 'symbol,date,qtr,eps_est,eps,release_time\nAAPL,1/27/15,14-Dec,2.60,3.06,post\nAAPL,4/27/15,2015Q1,2.16,2.33,post\n');
    const setup = shell('tradinggroup data setup');
    if (setup.status !== 0) throw new Error(setup.stderr);
  });
  let standIn: ChildProcess | undefined;
  afterAll(() => {
    standIn?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the stand-in model as the README does (on a free port), and points the llm variables at it, as its `export` line does. */
  const startStandIn = async (): Promise<void> => {
    standIn = spawn(process.execPath, [CLI_ENTRY, 'llm', 'stand-in', '--port', '0'], { cwd: dir, env });
    const url = await listeningUrl(standIn);
    env.TRADINGGROUP_LLM_BASE_URL = url;
    env.TRADINGGROUP_LLM_MODEL = 'stand-in';
  };

  it('has examples to run', () => {
    expect(all.filter((c) => c.text.startsWith('npx tradinggroup ')).length).toBeGreaterThan(15);
  });

  it('ships the example inputs exactly as examples/make-examples.js writes them', () => {
    const out = mkdtempSync(join(tmpdir(), 'tg-examples-'));
    try {
      const { makeExamples } = require(join(ROOT, 'examples', 'make-examples.js')) as { makeExamples: (dir: string) => string[] };
      for (const name of makeExamples(out)) expect([name, readFileSync(join(ROOT, 'examples', name), 'utf8')]).toEqual([name, readFileSync(join(out, name), 'utf8')]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  const cliCommands = all.filter((c) => c.text.startsWith('npx tradinggroup ') && !c.text.startsWith('npx tradinggroup serve') && c.block !== apiBlock(all));
  for (const command of cliCommands) {
    const why = notRunnable(command, all);
    if (why) {
      it.skip(`${command.text} [skipped: ${why}]`, () => undefined);
      continue;
    }
    if (STAND_IN.test(command.text)) {
      it(`runs: ${command.text}`, startStandIn, SLOW);
      continue;
    }
    it(
      `runs: ${command.text}`,
      () => {
        const out = shell(fill(command.text));
        // stderr carries notes and summaries (synth export); an error or a stack is a failure.
        expect({ status: out.status, errors: out.stderr.split('\n').filter((l) => /^error|^\s+at /.test(l)) }).toEqual({ status: 0, errors: [] });
        if (/^npx tradinggroup backtest .*--strategy tradinggroup/.test(command.text)) {
          tradinggroupRun = (JSON.parse(shell('tradinggroup runs list --strategy tradinggroup --limit 1 --json').stdout) as Array<{ id: string }>)[0].id;
        }
      },
      SLOW,
    );
  }

  describe('the REST API block', () => {
    const api = all.filter((c) => c.block === apiBlock(all));
    let server: ChildProcess | undefined;
    afterAll(() => server?.kill('SIGTERM'));

    it(
      'serves, takes the backtest and answers its status and trades',
      async () => {
        expect(api[0].text).toMatch(/^npx tradinggroup serve --port 3000$/);
        server = spawn(process.execPath, [CLI_ENTRY, 'serve', '--port', '0'], { cwd: dir, env });
        const base = await listeningUrl(server);
        const curl = (text: string, id = '') => shell(text.replace(/localhost:3000/g, base.replace(/^http:\/\//, '')).replace(/<id>/g, id));
        const posted = curl(api[1].text);
        const { id } = JSON.parse(posted.stdout) as { id: string };
        expect(id).toMatch(/^sma-cross-AAPL-/);
        for (let status = ''; status !== 'done'; await new Promise((r) => setTimeout(r, 100))) {
          status = (JSON.parse(curl(api[2].text, id).stdout) as { status: string }).status;
          expect(['queued', 'running', 'done']).toContain(status);
        }
        expect(curl(api[3].text, id).stdout.split('\n')[0]).toMatch(/^entryTime,|^[a-zA-Z]+(,[a-zA-Z]+)+$/);
      },
      SLOW,
    );
  });
});

/** The bash block that starts `tradinggroup serve` (curl examples follow it). */
function apiBlock(all: ReadmeCommand[]): number {
  return all.find((c) => c.text.startsWith('npx tradinggroup serve'))?.block ?? -1;
}

/** The URL a started server prints after `listening on`. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((ok, fail) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(seen);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`${child.spawnargs.slice(2).join(' ')} exited ${code}`)));
  });
}
