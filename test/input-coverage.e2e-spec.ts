import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliSandbox, jsonOf } from './support/cli-runner';

/** A news file that covers only part of a run's window says how much, in the run, `runs show` and the report. */
describe('coverage notes of the news in a run', () => {
  const box = cliSandbox('tg-coverage-');
  const headlines = resolve(__dirname, '..', 'examples', 'aapl-headlines.jsonl');
  beforeAll(() => expect(box.cli('data', 'setup').status).toBe(0));
  afterAll(() => box.remove());

  it('notes the share of sessions with news when the file covers only part of the window, in runs show and the report', () => {
    // The example headlines run from January 2014 to December 2015; the window goes on to the end of 2016.
    const out = box.cli('backtest', '-s', 'tradinggroup', '--symbol', 'AAPL', '--from', '2014-01-02', '--to', '2016-12-30', '--news', headlines, '--aliases', 'apple', '--json');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const { id, manifest } = jsonOf(out);
    const note = (manifest.notes as string[]).find((n) => n.startsWith('news covers '));
    expect(note).toMatch(/^news covers \d+\.\d% of the window's 7\d\d sessions \(2014-01-\d\d\.\.2016-12-30\): \d+ have items; its 74 items run 2014-01-03\.\.2015-12-18$/);
    const share = Number(/covers (\d+\.\d)%/.exec(note!)![1]);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(66.7);

    const show = box.cli('runs', 'show', id);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain(`note: ${note}`);

    const report = readFileSync(join(box.env.TRADINGGROUP_BACKTESTS_DIR, id, 'report.html'), 'utf8');
    expect(report).toContain('id="notes"');
    expect(report).toContain(note!.replace(/'/g, '&#39;'));
  });

  it('notes a news file that covers none of the window', () => {
    const out = box.cli('backtest', '-s', 'tradinggroup', '--symbol', 'AAPL', '--from', '2016-01-04', '--to', '2016-12-30', '--news', headlines, '--aliases', 'apple', '--json');
    expect(out.status).toBe(0);
    const notes = jsonOf(out).manifest.notes as string[];
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^news covers none of the window's 252 sessions \(2016-01-04\.\.2016-12-30\): its 74 items run 2014-01-03\.\.2015-12-18; the news agent reports no_data on every bar$/),
      ]),
    );
  });
});
