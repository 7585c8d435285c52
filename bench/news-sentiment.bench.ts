import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NewsSentimentAgent } from '../src/core/agents/news/news-sentiment.agent';
import { scoreSentiment } from '../src/core/agents/news/sentiment.scorer';
import { packageRoot } from '../src/modules/config/package-root';
import { tweetSessions } from './sentiment/agent-sessions';
import { classificationReport, ClassificationReport } from './sentiment/classification-metrics';
import { FPB_FILES, FpbLevel, fpbPath, phraseBankBeyondAllAgree, PolarSign, polarSign, readPhraseBank, readStockEmotions, stockEmotionsPath } from './sentiment/labelled-sets';
import { timeMedian, Timing } from './timing';

/*
 * Quality and speed of the analytic news-sentiment path: macro-F1 of scoreSentiment on the
 * Financial PhraseBank (every agreement level) and on StockEmotions tweets, scoring throughput,
 * and the agent's cost per session on real tweet days.
 */

const FPB_LABELS = ['positive', 'neutral', 'negative'];
const STOCK_EMOTIONS_LABELS = ['bullish', 'bearish'];

/** StockEmotions (two classes) scored with a three-way scorer. */
export interface StockEmotionsResult {
  split: 'test';
  /** positive → bullish, negative → bearish; a neutral prediction counts as a miss. */
  all: ClassificationReport;
  /** Share of tweets with a non-neutral label. */
  coverage: number;
  /** Only the tweets the scorer labelled positive or negative. */
  decided: ClassificationReport;
}

/** Throughput of one timed call. */
export interface Throughput {
  what: string;
  count: number;
  perSecond: number;
  timing: Timing;
}

/** Everything `runSentimentBench` measures. */
export interface SentimentBenchReport {
  dataDir: string;
  /** Why the labelled sets were not measured (the shared data is absent). */
  skipped: string | null;
  fpb: Partial<Record<FpbLevel, ClassificationReport>>;
  stockEmotions: StockEmotionsResult | null;
  /** Sign of the score on the clearly polar texts, in-sample (tuned on) and out of sample. */
  polar: Array<{ set: string; sample: 'in' | 'out'; sign: PolarSign }>;
  throughput: Throughput[];
}

/** The shared data directory: `../shared/data` next to the project root. */
export function defaultSharedDataDir(): string {
  return resolve(packageRoot(), '..', 'shared', 'data');
}

/**
 * Runs the sentiment benchmark on the shared data (skipping what is absent, with the reason in
 * `skipped`) and measures throughput on the sentences that are there.
 */
export function runSentimentBench(dataDir = defaultSharedDataDir(), timing = { warmup: 3, runs: 9 }): SentimentBenchReport {
  const report: SentimentBenchReport = { dataDir, skipped: null, fpb: {}, stockEmotions: null, polar: [], throughput: [] };
  if (!existsSync(dataDir)) {
    report.skipped = `${dataDir} is absent: nothing to measure (the labelled sets live in ../shared/data)`;
    return report;
  }
  for (const level of Object.keys(FPB_FILES) as FpbLevel[]) {
    const path = fpbPath(dataDir, level);
    if (!existsSync(path)) continue;
    const set = readPhraseBank(path);
    report.fpb[level] = classificationReport(set.map((s) => s.label), set.map((s) => scoreSentiment(s.text).label), FPB_LABELS);
  }
  const test = stockEmotionsPath(dataDir, 'test');
  if (existsSync(test)) report.stockEmotions = stockEmotionsResult(test);
  const score = (text: string) => scoreSentiment(text).score;
  if (existsSync(fpbPath(dataDir, 'AllAgree')) && existsSync(fpbPath(dataDir, '50Agree'))) {
    const { tuning, heldOut } = phraseBankBeyondAllAgree(dataDir);
    report.polar.push({ set: 'FPB AllAgree', sample: 'in', sign: polarSign(readPhraseBank(fpbPath(dataDir, 'AllAgree')), score) });
    report.polar.push({ set: 'FPB 50Agree beyond AllAgree, tuning half', sample: 'in', sign: polarSign(tuning, score) });
    report.polar.push({ set: 'FPB 50Agree beyond AllAgree, held-out half', sample: 'out', sign: polarSign(heldOut, score) });
  }
  for (const split of ['train', 'val', 'test'] as const) {
    const path = stockEmotionsPath(dataDir, split);
    if (existsSync(path)) report.polar.push({ set: `StockEmotions ${split}`, sample: split === 'train' ? 'in' : 'out', sign: polarSign(readStockEmotions(path), score) });
  }

  const fpb50 = fpbPath(dataDir, '50Agree');
  if (existsSync(fpb50)) {
    const texts = readPhraseBank(fpb50).map((s) => s.text);
    report.throughput.push(rate('scoreSentiment, FPB 50Agree sentences', texts.length, () => texts.map((t) => scoreSentiment(t).score), timing));
  }
  const tweetFiles = (['train', 'val', 'test'] as const).map((s) => stockEmotionsPath(dataDir, s)).filter(existsSync);
  if (tweetFiles.length > 0) {
    const tweets = tweetFiles.flatMap(readStockEmotions);
    report.throughput.push(rate('scoreSentiment, StockEmotions tweets', tweets.length, () => tweets.map((t) => scoreSentiment(t.text).score), timing));
    const sessions = tweetSessions(tweets);
    const warm = new NewsSentimentAgent();
    for (const s of sessions) warm.run(s);
    const runAll = (agent: NewsSentimentAgent) => () => sessions.map((s) => agent.run(s).data.score);
    // Agents share item analyses for the life of the process, so each cold call reads copies
    // of the sessions whose items carry ids never seen before.
    const calls = timing.warmup + timing.runs;
    const fresh = Array.from({ length: calls }, (_, k) => sessions.map((s) => ({ ...s, items: s.items.map((it) => ({ ...it, id: `cold${k}:${it.id}` })) })));
    let call = 0;
    const cold = () => {
      const agent = new NewsSentimentAgent();
      return fresh[call++ % calls].map((s) => agent.run(s).data.score);
    };
    report.throughput.push(rate(`agent sessions, cold (${(2 * tweets.length / sessions.length).toFixed(1)} items each, every item new)`, sessions.length, cold, timing));
    report.throughput.push(rate('agent sessions, warm cache', sessions.length, runAll(warm), timing));
    const empty = sessions.map((s) => ({ ...s, items: [] }));
    report.throughput.push(rate('agent sessions without news', empty.length, () => empty.map((s) => warm.run(s).data.score), timing));
  }
  return report;
}

function stockEmotionsResult(path: string): StockEmotionsResult {
  const set = readStockEmotions(path);
  const predicted = set.map((t) => {
    const label = scoreSentiment(t.text).label;
    return label === 'positive' ? 'bullish' : label === 'negative' ? 'bearish' : 'neutral';
  });
  const decided = set.map((t, i) => ({ gold: t.label, predicted: predicted[i] })).filter((p) => p.predicted !== 'neutral');
  return {
    split: 'test',
    all: classificationReport(set.map((t) => t.label), predicted, STOCK_EMOTIONS_LABELS),
    coverage: decided.length / set.length,
    decided: classificationReport(decided.map((p) => p.gold), decided.map((p) => p.predicted), STOCK_EMOTIONS_LABELS),
  };
}

function rate(what: string, count: number, fn: () => unknown, timing: { warmup: number; runs: number }): Throughput {
  const t = timeMedian(fn, timing);
  return { what, count, perSecond: count / (t.medianMs / 1000), timing: t };
}

const pct = (x: number) => x.toFixed(3);

function describeReport(name: string, r: ClassificationReport): string[] {
  const lines = [`${name}: n=${r.n}, macro-F1 ${pct(r.macroF1)}, accuracy ${pct(r.accuracy)}`];
  for (const c of r.perClass) lines.push(`  ${c.label.padEnd(9)} P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  (support ${c.support})`);
  const predicted = Object.keys(r.confusion[r.perClass[0].label]);
  lines.push(`  confusion (rows gold, columns ${predicted.join(' / ')}):`);
  for (const [gold, row] of Object.entries(r.confusion)) lines.push(`    ${gold.padEnd(9)} ${predicted.map((p) => String(row[p]).padStart(5)).join(' ')}`);
  return lines;
}

/** The report as plain text lines. */
export function formatSentimentReport(report: SentimentBenchReport): string {
  if (report.skipped) return `news-sentiment bench skipped: ${report.skipped}`;
  const lines: string[] = [`data: ${report.dataDir}`];
  for (const [level, r] of Object.entries(report.fpb)) lines.push(...describeReport(`Financial PhraseBank ${level}`, r!));
  const se = report.stockEmotions;
  if (se) {
    lines.push(...describeReport('StockEmotions test, neutral counted as a miss', se.all));
    lines.push(`  coverage (tweets labelled positive or negative): ${(100 * se.coverage).toFixed(1)}%`);
    lines.push(...describeReport('StockEmotions test, labelled tweets only', se.decided));
  }
  for (const p of report.polar) {
    const s = p.sign;
    lines.push(`sign on polar texts, ${p.set} (${p.sample === 'in' ? 'in-sample' : 'out of sample'}): n=${s.polar}, right ${pct(s.right)}, scored 0 ${pct(s.zero)}, right when not 0 ${pct(s.rightWhenAnswered)}`);
  }
  for (const t of report.throughput) {
    lines.push(`${t.what}: ${Math.round(t.perSecond).toLocaleString('en-US')}/s (${t.count.toLocaleString('en-US')} per call, median ${t.timing.medianMs.toFixed(1)} ms)`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  console.log(formatSentimentReport(runSentimentBench()));
}
