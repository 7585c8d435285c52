import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox, jsonOf, runCli } from './support/cli-runner';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Files given to a run are kept by content, so its replay depends on neither the directory nor the originals. */
describe('tradinggroup replay of a run made with input files', () => {
  const box = cliSandbox('tg-cli-replay-');
  const work = join(box.dir, 'work');
  const elsewhere = join(box.dir, 'elsewhere');

  beforeAll(() => {
    mkdirSync(work);
    mkdirSync(elsewhere);
    const sample = readFileSync(require.resolve('@observablehq/sample-datasets/aapl.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(work, 'prices.csv'), [sample[0], ...sample.filter((l) => l.startsWith('2017-'))].join('\n') + '\n');
    writeFileSync(
      join(work, 'n.jsonl'),
      [
        { timestamp: '2017-02-01T12:00:00Z', symbol: 'AAPL', headline: 'Apple beats estimates as iPhone sales surge' },
        { timestamp: '2017-05-03T12:00:00Z', symbol: 'AAPL', headline: 'Apple shares fall after weak iPhone sales' },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );
    writeFileSync(join(work, 'eps.csv'), 'symbol,date,qtr,eps_est,eps,release_time\nAAPL,1/31/17,16-Dec,3.21,3.36,post\nAAPL,5/2/17,17-Mar,2.02,2.10,post\n');
    writeFileSync(join(work, 'filing.txt'), '# AAPL | 10-Q 2017-Q1 | 2017-02-01\n\nNet sales rose on iPhone demand.\n\nGross margin held steady.\n');
  });
  afterAll(() => box.remove());

  it('keeps --data, --news, --fundamentals and --filing under their SHA-256 and replays from another directory without the originals', () => {
    const args = ['backtest', '-s', 'tradinggroup', '--data', 'prices.csv', '--symbol', 'AAPL', '--news', 'n.jsonl', '--fundamentals', 'eps.csv', '--filing', 'filing.txt', '--json'];
    const out = runCli(args, work, box.env);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const { id, manifest } = jsonOf(out);
    const files: Array<[string, { path?: string; name?: string; stored?: string; sha256?: string }, string | undefined]> = [
      ['prices.csv', manifest.data.source, manifest.data.sha256],
      ['n.jsonl', manifest.inputs.news, manifest.inputs.news.sha256],
      ['eps.csv', manifest.inputs.fundamentals, manifest.inputs.fundamentals.sha256],
      ['filing.txt', manifest.inputs.filing, manifest.inputs.filing.sha256],
    ];
    for (const [name, source, hash] of files) {
      const original = readFileSync(join(work, name));
      expect(hash).toBe(sha256(original));
      expect(source).toMatchObject({ path: name, name, stored: `inputs/${hash}${name.slice(name.lastIndexOf('.'))}` });
      expect(readFileSync(join(box.env.TRADINGGROUP_DATA_DIR, source.stored!)).equals(original)).toBe(true);
    }
    rmSync(work, { recursive: true });
    const replay = runCli(['replay', id], elsewhere, box.env);
    expect(replay.stderr).toBe('');
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/identical/);
  });

  it('keeps one copy per content however often a file is used', () => {
    const kept = () => readdirSync(join(box.env.TRADINGGROUP_DATA_DIR, 'inputs')).length;
    const before = kept();
    mkdirSync(work, { recursive: true });
    const sample = readFileSync(require.resolve('@observablehq/sample-datasets/aapl.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(work, 'again.csv'), [sample[0], ...sample.filter((l) => l.startsWith('2017-'))].join('\n') + '\n');
    const out = runCli(['backtest', '-s', 'sma-cross', '--data', 'again.csv', '--symbol', 'AAPL', '--json'], work, box.env);
    expect(out.status).toBe(0);
    expect(jsonOf(out).manifest.data.source.name).toBe('again.csv');
    expect(kept()).toBe(before);
  });
});
