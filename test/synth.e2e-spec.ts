import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PREFERENCE_RECORD_SCHEMA, SFT_RECORD_SCHEMA, validateJsonSchema } from '../src/core/synthesis';
import { jsonOf, runCli } from './support/cli-runner';

/** `synth export` through the real CLI entry, on a temporary data directory and database. */
describe('tradinggroup synth export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-synth-'));
  const env = { TRADINGGROUP_DB: join(dir, 'runs.sqlite'), TRADINGGROUP_DATA_DIR: join(dir, 'data'), TRADINGGROUP_BACKTESTS_DIR: join(dir, 'backtests') };
  const cli = (...args: string[]) => runCli(args, dir, env);
  const lines = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  let runId = '';

  beforeAll(() => {
    expect(cli('data', 'setup').status).toBe(0);
    const out = cli('backtest', '--strategy', 'tradinggroup', '--symbol', 'AAPL', '--from', '2016-01-04', '--to', '2016-12-30', '--json');
    expect(out.status).toBe(0);
    runId = jsonOf(out).id;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes twice and leaves no temporary file', () => {
    const first = cli('synth', 'export', runId, '--format', 'sft', '--min-w-hit', '0.2', '--out', 'a.jsonl');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/^wrote \d+ sft records from 1 run to .*a\.jsonl: forecast \d+, style \d+, decision \d+\n/);
    expect(first.stderr).toMatch(/left out forecast: .*w-hit-below-min \d+/);
    expect(cli('synth', 'export', runId, '--format', 'sft', '--min-w-hit', '0.2', '--out', 'b.jsonl').status).toBe(0);
    const a = readFileSync(join(dir, 'a.jsonl'));
    expect(a.length).toBeGreaterThan(0);
    expect(a.equals(readFileSync(join(dir, 'b.jsonl')))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes lines that parse and match the SFT schema, with forecasts at w_hit >= 0.2', () => {
    const records = lines('a.jsonl');
    const agents = new Set(records.map((r) => r.metadata.agent));
    expect([...agents].sort()).toEqual(['decision', 'forecast', 'style']);
    for (const r of records) expect(validateJsonSchema(r, SFT_RECORD_SCHEMA)).toEqual([]);
    const forecasts = records.filter((r) => r.metadata.agent === 'forecast');
    expect(forecasts.length).toBeGreaterThan(0);
    for (const r of forecasts) expect(r.metadata.labels.forecast.wHit).toBeGreaterThanOrEqual(0.2);
    expect(records[0].metadata).toMatchObject({
      run: runId,
      symbol: 'AAPL',
      strategy: 'tradinggroup',
      engineVersion: expect.any(String),
      dataHashes: { news: null },
    });
  });

  it('prints the summary as JSON with the hash of the file it wrote', () => {
    const out = cli('synth', 'export', runId, '--min-w-hit', '0.2', '--out', 'c.jsonl', '--json');
    expect(out.status).toBe(0);
    const summary = jsonOf(out);
    const content = readFileSync(join(dir, 'c.jsonl'));
    expect(summary).toMatchObject({ format: 'sft', runs: [runId], records: lines('c.jsonl').length, bytes: content.length });
    expect(summary.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(content.equals(readFileSync(join(dir, 'a.jsonl')))).toBe(true);
  });

  it('writes the records to standard output without --out', () => {
    const out = cli('synth', 'export', runId, '--min-w-hit', '0.2');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(readFileSync(join(dir, 'a.jsonl'), 'utf8'));
  });

  it('exports preference pairs whose chosen reward is at least the rejected one', () => {
    const out = cli('synth', 'export', runId, '--format', 'preference', '--out', 'p.jsonl');
    expect(out.status).toBe(0);
    const records = lines('p.jsonl');
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) {
      expect(validateJsonSchema(r, PREFERENCE_RECORD_SCHEMA)).toEqual([]);
      expect(r.rewards[r.chosenAction]).toBeGreaterThanOrEqual(r.rewards[r.rejectedAction]);
      expect(r.metadata.agent).toBe('decision');
    }
  });

  it('answers an unknown run id with one line and exit 1', () => {
    const out = cli('synth', 'export', 'no-such-run', '--out', 'x.jsonl');
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('error: no run with id no-such-run (see "tradinggroup runs list")\n');
    expect(readdirSync(dir)).not.toContain('x.jsonl');
  });

  it('refuses a rule-strategy run: it has no decision trace', () => {
    const rule = jsonOf(cli('backtest', '--strategy', 'sma-cross', '--symbol', 'AAPL', '--from', '2016-01-04', '--to', '2016-06-30', '--json')).id;
    const out = cli('synth', 'export', rule);
    expect(out.status).toBe(1);
    expect(out.stderr).toBe(`error: run ${rule} (sma-cross) has no decision trace: only runs of strategies with agents (e.g. tradinggroup) can be exported\n`);
  });

  it('refuses invalid options with one line (a usage error)', () => {
    for (const args of [['--format', 'xml'], ['--agents', 'forecast,oracle'], ['--min-w-hit', 'high'], ['--json']]) {
      const out = cli('synth', 'export', runId, ...args);
      expect(out.status).toBe(2);
      expect(out.stderr.split('\n')).toHaveLength(2);
    }
  });

  it('documents exactly the exported schemas in docs/synthesis.md', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'synthesis.md'), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]));
    expect(blocks).toEqual([SFT_RECORD_SCHEMA, PREFERENCE_RECORD_SCHEMA]);
  });
});
