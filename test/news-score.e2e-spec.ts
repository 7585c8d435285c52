import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ENTRY, CliResult, jsonOf, runCli } from './support/cli-runner';

/** `tradinggroup news score` end to end, through the compiled CLI, on a file and on stdin. */
describe('tradinggroup news score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-news-'));
  const env = {
    TRADINGGROUP_DB: join(dir, 'runs.sqlite'),
    TRADINGGROUP_DATA_DIR: join(dir, 'data'),
    TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests'),
  };
  const cli = (...args: string[]) => runCli(args, dir, env);
  /** runCli with text on standard input. */
  const cliWithStdin = (input: string, ...args: string[]): CliResult => {
    const out = spawnSync(process.execPath, [CLI_ENTRY, ...args], { cwd: dir, env: { ...process.env, TRADINGGROUP_DEBUG: '', ...env }, input, encoding: 'utf8', timeout: 120_000 });
    return { status: out.status ?? -1, stdout: out.stdout, stderr: out.stderr };
  };

  const lines = ['Operating profit rose to EUR 13.1 mn from EUR 8.7 mn.', '', 'The company filed for bankruptcy after a fraud probe.', '$aapl #earnings call tonight 🤔'];
  const file = join(dir, 'headlines.txt');
  writeFileSync(file, `${lines.join('\n')}\n`);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a JSON array with one entry per input line, in input order', () => {
    const out = cli('news', 'score', file, '--json');
    expect(out.status).toBe(0);
    const scored = jsonOf<Array<{ line: number; text: string; score: number; label: string; hits: string[] }>>(out);
    expect(scored.map((s) => [s.line, s.text, s.label])).toEqual([
      [1, lines[0], 'positive'],
      [2, '', 'neutral'],
      [3, lines[2], 'negative'],
      [4, lines[3], 'neutral'],
    ]);
    expect(scored[0].hits).toEqual(['+profit rose']);
    expect(scored[1]).toEqual({ line: 2, text: '', score: 0, label: 'neutral', hits: [] });
    expect(scored[2].score).toBeLessThan(-0.5);
    expect(Object.keys(scored[0]).sort()).toEqual(['hits', 'label', 'line', 'score', 'text']);
  });

  it('prints an aligned table with the line, score, label and text', () => {
    const out = cli('news', 'score', file);
    expect(out.status).toBe(0);
    const rows = out.stdout.split('\n');
    expect(rows[0]).toMatch(/^\s*Line\s+Score\s+Label\s+Text\s*$/);
    expect(rows).toContainEqual(expect.stringMatching(/^\s+1\s+0\.45\s+positive\s+Operating profit rose/));
    expect(rows).toContainEqual(expect.stringMatching(/^\s+3\s+-0\.\d\d\s+negative\s+The company filed/));
    const scoreColumn = rows[0].indexOf('Score') + 'Score'.length;
    for (const row of rows.filter((r) => /^\s+\d+\s/.test(r))) expect(row.slice(0, scoreColumn)).toMatch(/\d$/);
    expect(out.stdout).toMatch(/4 lines: 1 positive, 2 neutral, 1 negative/);
  });

  it('reads standard input when the file is "-" and gives the same result as the file', () => {
    const out = cliWithStdin(`${lines.join('\n')}\n`, 'news', 'score', '-', '--json');
    expect(out.status).toBe(0);
    expect(jsonOf(out)).toEqual(jsonOf(cli('news', 'score', file, '--json')));
  });

  it('decodes ISO-8859-1 input with --encoding latin1', () => {
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Wärtsilä net sales increased .\n', 'latin1'));
    const [entry] = jsonOf(cli('news', 'score', latin1, '--encoding', 'latin1', '--json'));
    expect(entry.text).toBe('Wärtsilä net sales increased .');
    expect(entry.label).toBe('positive');
  });

  it('fails with one line on stderr for a missing file or an unknown encoding', () => {
    const missing = cli('news', 'score', join(dir, 'nope.txt'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.txt: no such file\n$/);
    const badEncoding = cli('news', 'score', file, '--encoding', 'utf16');
    expect(badEncoding.status).not.toBe(0);
    expect(badEncoding.stderr).toMatch(/--encoding: expected one of utf8, latin1/);
  });
});
