/// <reference lib="dom" />
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { executeBacktest, ExecutedBacktest, resolveRun } from '../src/core/engine/execute-backtest';
import type { Trade } from '../src/core/engine/orders';
import { RunSpec } from '../src/core/engine/run-spec';
import { isoDay } from '../src/core/market/dates';
import { loadPriceFile } from '../src/modules/data/price-file.source';
import type { EquityPointRow, RunRecord } from '../src/modules/persistence/run-record';
import { newsTape } from '../src/core/testing/news-tape';
import { timelineOf } from '../src/modules/backtests/run-timeline';
import { renderRunReport, reportDataFromResult, reportDataFromStoredRun, TimelineEntry } from '../src/modules/report';
import { describeWithChromium, HeadlessBrowser, launchChromium } from './support/browser';

/** What the page published after drawing (see src/modules/report/client). */
interface ReportStats {
  ready: boolean;
  charts: Record<string, {
    series: number; points: number; markers?: number; bands?: number; held?: number; reflections?: number; drawnPoints?: number[];
    jump?: { raw: number; smoothed: number };
  }>;
  tables: { trades: number | null; metrics: number | null; finsaber: number | null };
}

interface CanvasPixels {
  width: number;
  height: number;
  /** Pixels with any paint. */
  painted: number;
  /** Opaque pixels close to each named colour. */
  colored: Record<string, number>;
}

interface OpenedReport {
  page: Page;
  url: string;
  problems: string[];
  requests: string[];
  stats: ReportStats;
}

const COLORS = { equity: '#1f5fbf', bench: '#6b7280', price: '#1d2330', green: '#1b8a3a', red: '#c62828', purple: '#7b2fbf' };
const AAPL = require.resolve('@observablehq/sample-datasets/aapl.csv');

function sampleRun(executed: ExecutedBacktest, adjust: string): RunRecord {
  const { spec, params, engine } = executed.resolved;
  return {
    id: `${spec.strategy.name}-AAPL-e2e`, kind: 'backtest', status: 'done', strategy: spec.strategy.name, symbol: spec.symbol,
    profile: spec.profile, mode: spec.mode, fromDate: spec.from, toDate: spec.to,
    config: spec as unknown as Record<string, unknown>,
    manifest: { engineVersion: '1.0.0', resolved: { engine, params, adjust } },
    metrics: executed.metrics as unknown as Record<string, unknown>,
    timings: {}, resultHash: 'e2e0'.repeat(16), error: null, progress: 1,
    createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null, artifactsDir: null,
    owner: null, heartbeatAt: null, queueSeq: null, request: null,
  };
}

/** A plausible agent timeline: styles in long spells, sparse BUY/SELL, smooth scores, a few reflections. */
function syntheticTimeline(times: Float64Array): TimelineEntry[] {
  const styles = ['balanced', 'aggressive', 'conservative'] as const;
  return Array.from(times, (t, i): TimelineEntry => {
    const wave = Math.sin(i / 23);
    const action = i % 29 === 3 ? 'BUY' : i % 29 === 17 ? 'SELL' : 'HOLD';
    const pUp = 0.35 + 0.25 * wave;
    const pDown = 0.3 - 0.2 * wave;
    return {
      date: isoDay(t),
      action,
      confidence: 0.5 + 0.4 * Math.abs(Math.cos(i / 7)),
      style: styles[Math.floor(i / 90) % 3],
      news: i % 5 === 0 ? undefined : Math.round(Math.sin(i / 31) * 60) / 100,
      report: Math.round(Math.cos(i / 120) * 40) / 100,
      forecast: { pUp, pDown, pSideways: 1 - pUp - pDown, label: pUp > pDown ? 'up' : 'down' },
      forced: i % 200 === 100 ? 'stop-loss' : undefined,
      reflection: i % 150 === 140 ? `Bar ${i}: the ${styles[Math.floor(i / 90) % 3]} style held through a drawdown </script><!-- a tag-like note & "quotes".` : undefined,
    };
  });
}

describeWithChromium('HTML run report in headless chromium', () => {
  /** Reports and screenshots are kept here for a look (REPORT_SCREENSHOT_DIR, else a fresh temp dir). */
  let SHOT_DIR: string;
  let browser: HeadlessBrowser;
  let executed: ExecutedBacktest;
  let run: RunRecord;

  beforeAll(async () => {
    SHOT_DIR = process.env.REPORT_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'tg-report-shots-'));
    const dataset = loadPriceFile(AAPL, { symbol: 'AAPL' });
    const spec = RunSpec.parse({ strategy: { name: 'sma-cross', kind: 'sma-cross' }, symbol: 'AAPL', from: '2014-01-02', to: '2018-05-11' });
    executed = executeBacktest(resolveRun(spec), dataset.series);
    run = sampleRun(executed, dataset.adjust);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    // eslint-disable-next-line no-console
    if (SHOT_DIR) console.log(`report screenshots: ${SHOT_DIR}`);
  });

  /** Writes the report, opens it over file:// and waits until every chart has drawn. */
  async function openReport(name: string, html: string): Promise<OpenedReport> {
    const file = join(SHOT_DIR, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    await page.goto(url);
    try {
      await page.waitForSelector('body[data-report-ready="true"]', { timeout: 15_000 });
    } catch (err) {
      throw new Error(`the report did not finish drawing: ${problems.join('; ') || (err as Error).message}`);
    }
    const stats = (await page.evaluate(() => (window as unknown as { __reportStats: unknown }).__reportStats)) as ReportStats;
    return { page, url, problems, requests, stats };
  }

  function canvasPixels(page: Page, chartId: string): Promise<CanvasPixels | null> {
    return page.evaluate(
      ({ chartId, colors }) => {
        const canvas = document.querySelector<HTMLCanvasElement>(`#${chartId} canvas`);
        if (!canvas) return null;
        const { width, height } = canvas;
        const px = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        const targets = Object.entries(colors).map(([k, hex]) => ({ k, rgb: [1, 3, 5].map((o) => parseInt(hex.slice(o, o + 2), 16)) }));
        const colored: Record<string, number> = Object.fromEntries(targets.map((t) => [t.k, 0]));
        let painted = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (px[i + 3] === 0) continue;
          painted++;
          if (px[i + 3] < 230) continue;
          for (const t of targets) {
            if (Math.abs(px[i] - t.rgb[0]) + Math.abs(px[i + 1] - t.rgb[1]) + Math.abs(px[i + 2] - t.rgb[2]) < 40) colored[t.k]++;
          }
        }
        return { width, height, painted, colored };
      },
      { chartId, colors: COLORS },
    );
  }

  async function expectCleanPage(report: OpenedReport): Promise<void> {
    expect(report.problems).toEqual([]);
    expect(report.requests).toEqual([report.url]);
  }

  it('draws the equity, drawdown and price charts of a real sma-cross run, with its tables', async () => {
    const { result } = executed;
    const bars = result.equity.length;
    const trades = result.trades;
    expect(bars).toBeGreaterThan(1000);
    expect(trades.length).toBeGreaterThan(10);

    // As the run pipeline renders it: a rule strategy's trace gives an empty timeline.
    const timeline = timelineOf(result.trace);
    expect(timeline).toEqual([]);
    const report = await openReport('sma-cross-aapl', renderRunReport(reportDataFromResult(run, result, executed.metrics, { timeline })));
    const { page, stats } = report;
    await expectCleanPage(report);

    expect(stats.charts.equity).toMatchObject({ series: 2, points: bars, drawnPoints: [bars, bars] });
    expect(stats.charts.drawdown).toMatchObject({ series: 2, points: bars, drawnPoints: [bars, bars] });
    expect(stats.charts.price).toMatchObject({ points: bars, markers: 2 * trades.length });
    expect(stats.charts.timeline).toBeUndefined();

    const equity = await canvasPixels(page, 'chart-equity');
    const drawdown = await canvasPixels(page, 'chart-drawdown');
    const price = await canvasPixels(page, 'chart-price');
    for (const c of [equity, drawdown, price]) {
      expect(c).not.toBeNull();
      expect(c!.width).toBeGreaterThanOrEqual(1000);
      expect(c!.painted / (c!.width * c!.height)).toBeGreaterThan(0.02);
    }
    expect(equity!.colored.equity).toBeGreaterThan(bars);
    expect(equity!.colored.bench).toBeGreaterThan(bars / 4);
    expect(drawdown!.colored.red).toBeGreaterThan(bars / 2);
    expect(price!.colored.price).toBeGreaterThan(bars);
    expect(price!.colored.green).toBeGreaterThan(10 * trades.length);
    expect(price!.colored.red).toBeGreaterThan(10 * trades.length);
    expect(price!.colored.purple).toBe(0);

    expect(await page.locator('#chart-equity .u-legend').innerText()).toContain('Buy & hold');
    expect(stats.tables).toEqual({ trades: trades.length, metrics: 15, finsaber: null });
    expect(await page.locator('#trades-table tbody tr').count()).toBe(trades.length);
    const firstRow = await page.locator('#trades-table tbody tr').first().locator('td').allInnerTexts();
    expect(firstRow.slice(0, 3)).toEqual(['1', 'long', isoDay(trades[0].entryTime)]);
    expect(await page.locator('#notes').count()).toBe(0);
    expect(await page.locator('.run-header').innerText()).toContain(run.resultHash!);
    // No section without content: no agent timeline, no forecast calibration for a rule strategy.
    expect(await page.locator('#timeline-section').count()).toBe(0);
    expect(await page.locator('#forecast-section').count()).toBe(0);
    // Its three parameters show open, as a table.
    expect(await page.locator('#params').getAttribute('open')).toBe('');
    expect(await page.locator('#params .params-table th').allInnerTexts()).toEqual(['fast', 'slow', 'tradeSize']);

    // Hovering the price chart reads out the bar; the other charts' cursors follow.
    await page.locator('#price-section').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-price .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.locator('#price-info').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} · close \$/);
    expect(await page.locator('#chart-equity .u-legend').innerText()).not.toContain('(last)');

    // Sorting by P&L puts the worst trade first.
    await page.locator('#trades-table th', { hasText: 'P&L' }).click();
    const worst = Math.min(...trades.map((t: Trade) => t.pnl));
    expect(await page.locator('#trades-table tbody tr').first().locator('td').nth(7).getAttribute('data-v')).toBe(String(worst));

    const shot = join(SHOT_DIR, 'sma-cross-aapl.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(report.problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the notes first and draws the agent timeline with its reflection notes', async () => {
    const { result } = executed;
    const timeline = syntheticTimeline(result.time);
    const notes = ['news: no data for AAPL — agent reported no_data', 'forecast: fell back to the statistical model on 12 bars <fallback>'];
    const report = await openReport('timeline', renderRunReport(reportDataFromResult(run, result, executed.metrics, { timeline, notes })));
    const { page, stats } = report;
    await expectCleanPage(report);

    const noteItems = await page.locator('#notes li').allInnerTexts();
    expect(noteItems).toEqual(notes);
    const notesBeforeCharts = await page.evaluate(() =>
      Boolean(document.getElementById('notes')!.compareDocumentPosition(document.getElementById('chart-equity')!) & Node.DOCUMENT_POSITION_FOLLOWING));
    expect(notesBeforeCharts).toBe(true);

    const actions = timeline.filter((e) => e.action !== 'HOLD').length;
    const reflections = timeline.filter((e) => e.reflection);
    let styleRuns = 0;
    timeline.forEach((e, i) => { if (i === 0 || e.style !== timeline[i - 1].style) styleRuns++; });
    expect(stats.charts.timeline).toMatchObject({ series: 4, points: timeline.length, markers: actions, bands: styleRuns, reflections: reflections.length });

    const canvas = await canvasPixels(page, 'chart-timeline');
    expect(canvas).not.toBeNull();
    expect(canvas!.painted / (canvas!.width * canvas!.height)).toBeGreaterThan(0.5);
    expect(canvas!.colored.green).toBeGreaterThan(5 * actions / 2);
    expect(canvas!.colored.red).toBeGreaterThan(5 * actions / 2);

    // Notes without worked/failed lessons are shown as they are.
    const items = await page.locator('#reflections li .text').allInnerTexts();
    expect(items).toEqual(reflections.map((e) => e.reflection));

    await page.locator('#timeline-section').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-timeline .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    expect(await page.locator('#timeline-info').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} · (BUY|SELL|HOLD) \d+% · (aggressive|balanced|conservative) style/);

    const shot = join(SHOT_DIR, 'timeline.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(report.problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a TradingGroup run as a quant reads it: folded parameters, a smoothed timeline with the position held, reflection notes by their changes', async () => {
    const dataset = loadPriceFile(AAPL, { symbol: 'AAPL' });
    const spec = RunSpec.parse({ strategy: { name: 'tradinggroup', kind: 'tradinggroup' }, symbol: 'AAPL', from: '2014-01-02', to: '2018-05-11' });
    const tg = executeBacktest(resolveRun(spec), dataset.series, {}, newsTape(dataset.series, 5));
    const timeline = timelineOf(tg.result.trace);
    const notes = timeline.filter((e) => e.reflection);
    expect(timeline.length).toBeGreaterThan(1000);
    expect(notes.length).toBeGreaterThan(20);
    const report = await openReport('tradinggroup-aapl', renderRunReport(reportDataFromResult(sampleRun(tg, dataset.adjust), tg.result, tg.metrics, { timeline })));
    const { page, stats } = report;
    await expectCleanPage(report);

    // The header: the facts and one folded line of parameters, not a wall of JSON.
    const header = (await page.locator('.run-header').boundingBox())!;
    expect(header.height).toBeLessThan(320);
    expect(await page.locator('#params').getAttribute('open')).toBeNull();
    expect(await page.locator('#params summary').innerText()).toMatch(/^Parameters: \d+ values in \d+ groups \(.*forecast.*decision.*\)/);
    await page.screenshot({ path: join(SHOT_DIR, 'tradinggroup-header.png'), clip: { x: 0, y: 0, width: 1280, height: header.y + header.height + 10 } });
    await page.locator('#params summary').click();
    const rows = await page.locator('#params .params-table tr').count();
    expect(rows).toBeGreaterThan(40);
    const decisionTable = page.locator('#params .params-table', { has: page.locator('caption', { hasText: /^decision$/ }) });
    expect(await decisionTable.locator('th', { hasText: /^buyThreshold\.balanced$/ }).count()).toBe(1);
    await page.locator('#params summary').click();

    // The timeline: the drawn decision score moves a fraction of what the bar-by-bar score jumps,
    // the style bands and the position strip are drawn, every bar's own values on hover.
    const t = stats.charts.timeline!;
    expect(t.points).toBe(timeline.length);
    expect(t.jump!.raw).toBeGreaterThan(0.1);
    expect(t.jump!.smoothed).toBeLessThan(t.jump!.raw / 3);
    expect(t.held).toBe(tg.result.trades.length);
    expect(t.bands).toBeGreaterThan(1);
    const canvas = (await canvasPixels(page, 'chart-timeline'))!;
    expect(canvas.colored.green).toBeGreaterThan(1000);
    const section = page.locator('#timeline-section');
    await page.locator('#chart-timeline').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-timeline .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    expect(await page.locator('#timeline-info').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} · (BUY|SELL|HOLD) \d+% · (aggressive|balanced|conservative) style · score [−+]?\d\.\d\d \(mean [−+]?\d\.\d\d\) · (holding long|flat)/);

    // Reflection notes: a tally of the lessons; the notes, folded, give one line each of what changed.
    const lessons = await page.locator('#reflection-lessons tbody tr').count();
    expect(lessons).toBeGreaterThan(2);
    expect(lessons).toBeLessThan(20);
    expect(await page.locator('#reflection-list').getAttribute('open')).toBeNull();
    expect(await page.locator('#reflection-list > summary').innerText()).toMatch(new RegExp(`^Every note with its changes \\(${notes.length} notes, \\d+ changes of verdict\\)$`));
    const folded = (await section.boundingBox())!;
    expect(folded.height).toBeLessThan(900);
    const shot = join(SHOT_DIR, 'tradinggroup-timeline.png');
    await section.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(50_000);

    await page.locator('#reflection-list > summary').click();
    expect(await page.locator('#reflections > li').count()).toBe(notes.length);
    expect(await page.locator('#reflections details[open]').count()).toBe(0);
    const changes = await page.locator('#reflections .changes').allInnerTexts();
    expect(changes).toHaveLength(notes.length);
    expect(changes.every((c) => c.length < 600)).toBe(true);
    expect(changes.some((c) => /failed → worked|worked → failed/.test(c))).toBe(true);
    // Opened, a note takes a few lines: its full text stays folded.
    const list = (await page.locator('#reflections').boundingBox())!;
    expect(list.height / notes.length).toBeLessThan(90);
    await section.screenshot({ path: join(SHOT_DIR, 'tradinggroup-reflections.png') });
    expect(report.problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('draws a stored run with a short trade and a position still open, and follows the window width', async () => {
    const days = Array.from({ length: 60 }, (_, i) => isoDay(Date.UTC(2024, 0, 1 + i)));
    const close = days.map((_, i) => 100 + 10 * Math.sin(i / 6));
    const position = days.map((_, i) => (i >= 5 && i < 20 ? -10 : i >= 40 ? 20 : 0));
    const rows: EquityPointRow[] = days.map((date, i) => ({ barIndex: i, date, equity: 10_000 + i * 5, cash: 0, position: position[i], close: close[i] }));
    const short: Trade = {
      direction: 'short', entryBar: 5, entryTime: Date.parse(`${days[5]}T00:00:00Z`), entryPrice: close[5], exitBar: 20,
      exitTime: Date.parse(`${days[20]}T00:00:00Z`), exitPrice: close[20], maxQty: 10, qty: 10, pnl: 12.5, returnPct: 0.0125,
      commission: 1, exitReason: 'take-profit', barsHeld: 15,
    };
    const stored: RunRecord = {
      ...run, id: 'stored-e2e', fromDate: days[0], toDate: days[59], config: { engine: { initialCash: 10_000 } }, manifest: null, metrics: null,
    };
    const report = await openReport('stored', renderRunReport(reportDataFromStoredRun(stored, rows, [short])));
    const { page, stats } = report;
    await expectCleanPage(report);

    expect(stats.charts.price).toMatchObject({ points: 60, markers: 3 });
    const price = await canvasPixels(page, 'chart-price');
    expect(price!.colored.purple).toBeGreaterThan(10);
    expect(await page.locator('#notes li').allInnerTexts()).toEqual([
      `a long position of 20 shares opened on ${days[40]} is still open at the end (entry shown at that bar's close: no order record); it is not in the trades table`,
    ]);
    expect(stats.tables.metrics).toBe(0);

    const wide = (await canvasPixels(page, 'chart-equity'))!.width;
    await page.setViewportSize({ width: 760, height: 900 });
    await page.waitForFunction((w) => document.querySelector<HTMLCanvasElement>('#chart-equity canvas')!.width < w, wide);
    const narrow = (await canvasPixels(page, 'chart-equity'))!;
    expect(narrow.width).toBeLessThan(760);
    expect(narrow.painted).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOT_DIR, 'stored-narrow.png'), fullPage: true });
    expect(report.problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens the report of a failed run without bars and says why', async () => {
    const failed: RunRecord = { ...run, id: 'failed-e2e', status: 'failed', error: 'data changed', metrics: null, resultHash: null };
    const report = await openReport('failed', renderRunReport(reportDataFromStoredRun(failed, [], [])));
    await expectCleanPage(report);
    expect(report.stats.charts).toEqual({});
    expect(await report.page.locator('#notes li').allInnerTexts()).toEqual([
      'run status is failed: data changed; the results below may be partial or empty',
      'the run has no bars: nothing to chart',
    ]);
    expect(await report.page.locator('#chart-equity').innerText()).toBe('No bars to chart.');
    await report.page.close();
  }, 30_000);
});
