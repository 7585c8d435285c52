import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, jsonOf } from './support/cli-runner';

/** How the CLI takes its inputs: windows against the data's range, imports, and files it refuses. */
describe('tradinggroup data inputs', () => {
  const box = cliSandbox('tg-cli-data-');
  const { cli } = box;

  beforeAll(() => expect(cli('data', 'setup').status).toBe(0));
  afterAll(() => box.remove());

  describe('the evaluation window', () => {
    it("says a --from after the data's end with the data's range", () => {
      const out = cli('backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2019-01-02');
      expect(out.status).toBe(2);
      expect(out.stderr).toBe('error: --from: 2019-01-02 is after the end of the data (AAPL data covers 2013-05-13..2018-05-11)\n');
      const before = cli('backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--to', '2012-12-31');
      expect(before.status).toBe(2);
      expect(before.stderr).toBe('error: --to: 2012-12-31 is before the start of the data (AAPL data covers 2013-05-13..2018-05-11)\n');
      const reversed = cli('backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2016-01-04', '--to', '2015-01-02');
      expect(reversed.status).toBe(2);
      expect(reversed.stderr).toBe('error: --from: 2016-01-04 is after --to 2015-01-02\n');
    });

    it('says a window clamped to the data on stderr and stores the run with the window it ran on', () => {
      const out = cli('backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2010-01-04', '--to', '2020-01-02', '--json');
      expect(out.status).toBe(0);
      expect(out.stderr).toBe('note: window 2010-01-04..2020-01-02 clamped to the data: running 2013-05-13..2018-05-11 (AAPL data covers 2013-05-13..2018-05-11)\n');
      const run = jsonOf(out);
      expect(run.manifest.spec.from).toBe('2013-05-13');
      expect(run.manifest.spec.to).toBe('2018-05-11');
      const listed = jsonOf<Array<{ id: string; fromDate: string; toDate: string }>>(cli('runs', 'list', '--json')).find((r) => r.id === run.id)!;
      expect([listed.fromDate, listed.toDate]).toEqual(['2013-05-13', '2018-05-11']);
      const manifest = JSON.parse(readFileSync(join(run.artifactsDir, 'manifest.json'), 'utf8'));
      expect([manifest.spec.from, manifest.spec.to]).toEqual(['2013-05-13', '2018-05-11']);
      expect(cli('replay', run.id).status).toBe(0);
    });

    it('says nothing about a window inside the data', () => {
      const out = cli('backtest', '-s', 'sma-cross', '--symbol', 'AAPL', '--from', '2014-01-01', '--to', '2014-12-31', '--json');
      expect(out.status).toBe(0);
      expect(out.stderr).toBe('');
      expect([jsonOf(out).manifest.spec.from, jsonOf(out).manifest.spec.to]).toEqual(['2014-01-01', '2014-12-31']);
    });
  });

  describe('importing a symbol again', () => {
    const sample = () => readFileSync(require.resolve('@observablehq/sample-datasets/aapl.csv'), 'utf8');

    it('says an import of the same content is unchanged', () => {
      const same = join(box.dir, 'aapl-again.csv');
      writeFileSync(same, sample());
      const out = cli('data', 'import', same, '--symbol', 'AAPL');
      expect(out.status).toBe(0);
      expect(out.stdout).toBe('AAPL: unchanged (the same 1260 rows, 2013-05-13..2018-05-11, are already imported)\n');
    });

    it('refuses other content without --replace, writing nothing, and replaces it with --replace', () => {
      const catalogue = join(box.dir, 'data', 'datasets.json');
      const before = readFileSync(catalogue, 'utf8');
      const shorter = join(box.dir, 'aapl-2017.csv');
      const lines = sample().trimEnd().split('\n');
      writeFileSync(shorter, [lines[0], ...lines.filter((l) => l.startsWith('2017-'))].join('\n') + '\n');
      const refused = cli('data', 'import', shorter, '--symbol', 'AAPL');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toBe(
        'error: AAPL is already imported with other content (stored: 1260 rows 2013-05-13..2018-05-11 from aapl.csv; this file: 251 rows 2017-01-03..2017-12-29): nothing was written; import with --replace to replace the stored data\n',
      );
      expect(readFileSync(catalogue, 'utf8')).toBe(before);
      const replaced = cli('data', 'import', shorter, '--symbol', 'AAPL', '--replace');
      expect(replaced.status).toBe(0);
      expect(replaced.stdout).toBe('replaced AAPL: 251 rows, 2017-01-03..2017-12-29 (yahoo layout)\n');
      // Put the sample back for the other tests of this file.
      expect(cli('data', 'import', join(box.dir, 'aapl-again.csv'), '--symbol', 'AAPL', '--replace').status).toBe(0);
    });
  });

  describe('files it cannot use', () => {
    const oneLine = (out: { status: number; stderr: string; stdout: string }, message: string) => {
      expect(out.status).toBe(1);
      expect(out.stderr).toBe(`error: ${message}\n`);
    };

    it('refuses a binary file given as CSV or JSONL input in one line naming it, without echoing its bytes', () => {
      const binary = Buffer.concat([Buffer.from('\x1b[2J\x1b[31mDate,Open\x07'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))]);
      for (const name of ['blob.csv', 'blob.jsonl']) writeFileSync(join(box.dir, name), binary);
      const cases: Array<[string[], string]> = [
        [['data', 'import', 'blob.csv'], 'blob.csv: not a text file (binary content); expected a price CSV'],
        [['backtest', '-s', 'sma-cross', '--data', 'blob.csv'], 'blob.csv: not a text file (binary content); expected a price CSV'],
        [['data', 'import-news', 'blob.jsonl'], 'blob.jsonl: not a text file (binary content); expected a news file (CSV or JSON Lines)'],
        [['data', 'import-fundamentals', 'blob.csv'], 'blob.csv: not a text file (binary content); expected an EPS CSV (symbol,date,qtr,eps_est,eps,release_time)'],
        [['backtest', '-s', 'tradinggroup', '--symbol', 'AAPL', '--from', '2018-03-01', '--news', 'blob.jsonl'], 'blob.jsonl: not a text file (binary content); expected a news file (CSV or JSON Lines)'],
        [['news', 'score', 'blob.csv'], 'blob.csv: not a text file (binary content); expected text, one item a line'],
      ];
      for (const [args, message] of cases) oneLine(cli(...args), message);
    });

    it('says a missing file in one line naming it', () => {
      oneLine(cli('data', 'import', 'nosuch.csv'), 'nosuch.csv: no such file');
      oneLine(cli('backtest', '-s', 'sma-cross', '--data', 'nosuch.csv'), 'nosuch.csv: no such file');
      oneLine(cli('backtest', '-s', 'tradinggroup', '--symbol', 'AAPL', '--from', '2018-03-01', '--news', 'tweets.jsonl'), 'tweets.jsonl: no such file');
      oneLine(cli('backtest', '-s', 'tradinggroup', '--symbol', 'AAPL', '--from', '2018-03-01', '--fundamentals', 'eps.csv'), 'eps.csv: no such file');
      oneLine(cli('data', 'import-fundamentals', 'eps.csv'), 'eps.csv: no such file');
    });

    it('scores 1 MB of standard input through a real pipe, and refuses binary standard input', () => {
      const line = 'Apple shares rise on strong iPhone sales\n';
      writeFileSync(join(box.dir, 'big.txt'), line.repeat(Math.ceil(1_048_576 / line.length)));
      const out = box.fed('cat big.txt', ['news', 'score', '-', '--json']);
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      const scored = JSON.parse(out.stdout) as Array<{ line: number; label: string }>;
      expect(scored).toHaveLength(Math.ceil(1_048_576 / line.length));
      expect(scored.every((s) => s.label === 'positive')).toBe(true);
      oneLine(box.fed('cat blob.csv', ['news', 'score', '-']), 'standard input: not a text file (binary content); expected text, one item a line');
    });
  });

  describe('what it reads', () => {
    it('says in data describe that prices are total-return adjusted and volumes fractional', () => {
      const out = cli('data', 'describe', 'AAPL');
      expect(out.status).toBe(0);
      expect(out.stdout.split('\n')[1]).toBe(
        'prices are total-return adjusted (open, high and low scaled by adjusted close / close; close = adjusted close); volumes are divided by the same factor (traded value kept), so they are fractional',
      );
      expect(jsonOf(cli('data', 'describe', 'AAPL', '--json')).adjustment).toMatchObject({ adjust: 'total', fractionalVolumes: true });
      const raw = jsonOf(cli('data', 'describe', 'AAPL', '--adjust', 'none', '--json'));
      expect(raw.adjustment).toEqual({ adjust: 'none', fractionalVolumes: false, note: 'prices and volumes as in the file (not adjusted)' });
    });

    it('accepts the common quarter notations in an EPS file and lists the accepted forms when one is not', () => {
      const eps = join(box.dir, 'quarters.csv');
      writeFileSync(
        eps,
        [
          'symbol,date,qtr,eps_est,eps,release_time',
          'AAPL,4/23/14,2014Q1,10.18,11.62,post',
          'AAPL,7/22/14,Q2 2014,1.23,1.28,post',
          'AAPL,10/20/14,2014-Q3,1.31,1.42,post',
          'AAPL,1/27/15,FY2015Q1,2.60,3.06,post',
          'AAPL,4/27/15,15-Mar,2.16,2.33,post',
        ].join('\n') + '\n',
      );
      const out = cli('data', 'import-fundamentals', eps, '--json');
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      expect(jsonOf(out)).toMatchObject({ records: 5, inferredQuarters: 1, symbols: [{ symbol: 'AAPL', firstQuarter: '2014-03', lastQuarter: '2015-03' }] });
      writeFileSync(eps, 'symbol,date,qtr,eps_est,eps,release_time\nAAPL,4/23/14,June 2014,10.18,11.62,post\n');
      const bad = cli('data', 'import-fundamentals', eps);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain(`${eps}:2: unrecognised quarter "June 2014" (accepted: 17-Jun, Jun-17, 2017-06, 2017Q2, 2017-Q2, Q2 2017, Q2-2017, 2Q17 (calendar quarters); Q2, FY2017Q2, NULL or empty (inferred))`);
    });

    it('refuses a price or a one-day move far outside anything real like any bad row, with file:line', () => {
      const file = join(box.dir, 'HUGE.csv');
      writeFileSync(file, 'date,open,high,low,close,volume\n2020-01-02,10,11,9,10,100\n2020-01-03,1e308,1e308,1e308,1e308,100\n2020-01-06,10,11,9,10,100\n2020-01-07,300,310,290,300,100\n');
      for (const args of [['data', 'import', file], ['backtest', '-s', 'sma-cross', '--data', file]]) {
        const out = cli(...args);
        expect(out.status).toBe(1);
        expect(out.stderr).toContain(`${file}:3: implausible open 1e+308 (outside 1e-6..1e7)`);
        expect(out.stderr).toContain(`${file}:5: implausible move: close 300 against 10 on line 4 is a one-day change of 30.0× (more than 20× either way)`);
      }
      expect(existsSync(join(box.dir, 'data', 'prices', 'HUGE.csv'))).toBe(false);
    });
  });
});
