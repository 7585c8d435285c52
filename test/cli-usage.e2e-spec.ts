import { CLI_COMMANDS } from '../src/modules/cli/command.catalogue';
import { createServer } from 'node:net';
import { cliSandbox, jsonOf, runCli } from './support/cli-runner';

/** A loopback port nothing listens on (one the system just handed out and took back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Help, version, usage errors and closed pipes, through the real entry of the CLI. */
describe('tradinggroup command line', () => {
  const box = cliSandbox('tg-cli-usage-');
  const { cli } = box;

  afterAll(() => box.remove());

  describe('help and version', () => {
    it('prints the package version for --version', () => {
      const out = cli('--version');
      expect(out.status).toBe(0);
      expect(out.stdout).toBe(`${require('../package.json').version}\n`);
    });

    it('lists every command and the global flags in the root --help, exactly as the started application does', () => {
      const quick = cli('--help');
      expect(quick.status).toBe(0);
      expect(quick.stdout).toMatch(/^Usage: tradinggroup \[options\] \[command\]/);
      for (const entry of Object.values(CLI_COMMANDS)) expect(quick.stdout).toMatch(new RegExp(`^  ${entry.name}\\b`, 'm'));
      for (const flag of ['--db <file>', '--data-dir <dir>', '--backtests-dir <dir>']) expect(quick.stdout).toContain(flag);
      const started = cli('help');
      expect(started.status).toBe(0);
      expect(quick.stdout).toBe(started.stdout);
    });

    it('shows the global flags under the help of a command', () => {
      const out = cli('backtest', '--help');
      expect(out.status).toBe(0);
      expect(out.stdout).toMatch(/^Usage: tradinggroup backtest \[options\]/);
      expect(out.stdout).toContain('--backtests-dir <dir>');
    });
  });

  describe('usage errors exit 2 with one line naming the problem', () => {
    const usageError = (args: string[], pattern: RegExp) => {
      const out = cli(...args);
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(pattern);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stdout).toBe('');
    };

    it('names an unknown flag', () => usageError(['backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--bogus'], /unknown option '--bogus'/));

    it('names a flag whose value is missing', () => {
      usageError(['backtest', '-s', 'sma-cross', '--symbol'], /'--symbol <symbol>' argument missing/);
      usageError(['runs', 'list', '--db'], /--db: needs a value/);
    });

    it('names a flag whose value is not accepted, with the accepted values', () => {
      usageError(['backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--fill-at', 'sometimes'], /--fill-at: expected one of next-open, close, got "sometimes"/);
      usageError(['backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2014-13-01'], /--from: expected a date YYYY-MM-DD, got "2014-13-01"/);
      usageError(['backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--cash', 'lots'], /--cash: expected a number, got "lots"/);
    });

    it('refuses an unknown status and a limit that is not a whole number in runs list', () => {
      usageError(['runs', 'list', '--status', 'bogus'], /--status: expected one of queued, running, done, failed, cancelled.*got "bogus"/);
      usageError(['runs', 'list', '--limit', 'abc'], /--limit: expected a whole number from 1 to \d+, got "abc"/);
      usageError(['runs', 'list', '--limit', '0'], /--limit: .*got "0"/);
    });

    it('names the flags of the command at hand: compare\'s --symbols, not backtest\'s --symbol', () => {
      usageError(['compare', '--strategies', 'sma-cross', '--symbols', 'NOPE'], /^error: --symbols: no dataset NOPE \(import it with/);
    });

    it('names an unknown command, and the known subcommands of a group', () => {
      usageError(['nosuch'], /unknown command 'nosuch'/);
      usageError(['runs', 'bogus'], /unknown command 'runs bogus' \(known: list, show, decisions/);
      usageError(['replay', 'one', 'two'], /too many arguments for 'replay'/);
    });
  });

  describe('a database that does not answer', () => {
    it('is one line naming it, without its password, and exit 1', async () => {
      const port = await closedPort();
      const out = runCli(['runs', 'list'], box.dir, { ...box.env, TRADINGGROUP_DB: `postgres://tg:secret@127.0.0.1:${port}/none` });
      expect(out.status).toBe(1);
      expect(out.stderr).toBe(`error: cannot open the database postgres://tg:***@127.0.0.1:${port}/none: connect ECONNREFUSED 127.0.0.1:${port}\n`);
      expect(out.stdout).toBe('');
    });
  });

  describe('with stored runs', () => {
    let tradinggroupRun = '';

    beforeAll(() => {
      expect(cli('data', 'setup').status).toBe(0);
      const run = cli('backtest', '-s', 'tradinggroup', '--symbol', 'AAPL', '--from', '2018-03-01', '--json');
      expect(run.status).toBe(0);
      tradinggroupRun = jsonOf(run).id;
    });

    it('says which agents a run has when --agent names none of them', () => {
      const out = cli('runs', 'decisions', tradinggroupRun, '--agent', 'nosuch');
      expect(out.status).toBe(2);
      expect(out.stderr.trim()).toMatch(/^error: --agent: run \S+ has no outputs of agent "nosuch" \(its agents: decision, forecast, news, reflection, report, risk, style\)$/);
      const known = cli('runs', 'decisions', tradinggroupRun, '--agent', 'forecast', '--json');
      expect(jsonOf<unknown[]>(known).length).toBeGreaterThan(0);
    });

    it('ends quietly with exit 0 when the reader of its output stops early', () => {
      const head = box.piped(['backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2018-01-02'], 'head -3');
      expect(head.stderr).toBe('');
      expect(head.status).toBe(0);
      expect(head.stdout.split('\n')[0]).toMatch(/^Run sma-cross-AAPL-/);
      // A reader that is gone before the first write: every write meets a closed pipe.
      const gone = box.piped(['backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2018-01-02'], 'true');
      expect(gone.stderr).toBe('');
      expect(gone.status).toBe(0);
      const trace = box.piped(['runs', 'decisions', tradinggroupRun], 'head -3');
      expect(trace.stderr).toBe('');
      expect(trace.status).toBe(0);
      expect(trace.stdout.trim().split('\n')).toHaveLength(3);
    });

    it('keeps a failure exit code when the reader is gone', () => {
      const out = box.piped(['runs', 'show', 'no-such-run'], 'true');
      expect(out.status).toBe(1);
      expect(out.stderr).toMatch(/^error: no run with id no-such-run/);
    });
  });
});
