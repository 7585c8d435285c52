import { SchedulerRegistry } from '@nestjs/schedule';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BarRow } from '../src/core/market/bar-series';
import { DAY_MS, isoDay, weekday } from '../src/core/market/dates';
import { exchangeDay } from '../src/modules/paper/feeds/exchange-day';
import { PaperScheduler } from '../src/modules/paper/paper-scheduler.service';
import { AlpacaServer, startAlpacaServer } from '../src/modules/paper/testing/alpaca.server';
import { startYahooChartServer, YahooChartServer } from '../src/modules/paper/testing/yahoo-chart.server';
import { createTestApi, TestApi } from './support/api-app';

/** Weekdays up to and including `last` (a day), oldest first. */
function weekdays(n: number, last: number): number[] {
  const days: number[] = [];
  for (let d = last; days.length < n; d -= DAY_MS) if (weekday(d) !== 0 && weekday(d) !== 6) days.unshift(d);
  return days;
}

/** New York's date now: bars dated before it have closed, a bar dated after it has not. */
const today = () => exchangeDay(Date.now(), 'America/New_York');

/** A calm walk of daily bars on the given days (sma-cross trades on it). */
function walk(days: readonly number[], start = 100): BarRow[] {
  let close = start;
  return days.map((time, i) => {
    const open = close;
    close = Math.round(open * (1 + 0.02 * Math.sin(i / 7) + 0.004 * Math.cos(i * 1.3)) * 100) / 100;
    return { time, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close, volume: 1_000_000 + i };
  });
}

function csvOf(rows: readonly BarRow[]): string {
  return rows.map((r) => `${isoDay(r.time)},${r.open},${r.high},${r.low},${r.close},${r.volume}\n`).join('');
}

/** Live feeds and the Alpaca broker against stand-ins speaking Yahoo's and Alpaca's protocols on loopback. */
describe('paper sessions on live feeds', () => {
  let api: TestApi;
  let yahoo: YahooChartServer;
  let alpaca: AlpacaServer;
  let scheduler: PaperScheduler;
  const history = weekdays(80, today() - DAY_MS);

  beforeAll(async () => {
    yahoo = await startYahooChartServer();
    alpaca = await startAlpacaServer({ pageSize: 30 });
    api = await createTestApi({
      env: {
        TRADINGGROUP_PAPER_SCAN_MS: '100',
        TRADINGGROUP_YAHOO_BASE_URL: yahoo.baseUrl,
        APCA_API_KEY_ID: alpaca.keyId,
        APCA_API_SECRET_KEY: alpaca.secret,
        APCA_API_BASE_URL: alpaca.baseUrl,
        APCA_API_DATA_URL: alpaca.baseUrl,
      },
    });
    scheduler = api.app.get(PaperScheduler);
  });
  afterAll(async () => {
    await api.close();
    await yahoo.close();
    await alpaca.close();
  });

  /** The feed's environment is the server's, read when a tick runs. */
  function withAlpacaEnv<T>(work: () => PromiseLike<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, { APCA_API_KEY_ID: alpaca.keyId, APCA_API_SECRET_KEY: alpaca.secret, APCA_API_BASE_URL: alpaca.baseUrl, APCA_API_DATA_URL: alpaca.baseUrl, TRADINGGROUP_YAHOO_BASE_URL: yahoo.baseUrl });
    return Promise.resolve(work()).finally(() => {
      for (const k of ['APCA_API_KEY_ID', 'APCA_API_SECRET_KEY', 'APCA_API_BASE_URL', 'APCA_API_DATA_URL', 'TRADINGGROUP_YAHOO_BASE_URL']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    });
  }

  async function start(body: Record<string, unknown>): Promise<string> {
    const res = await withAlpacaEnv(() => api.http().post('/paper-sessions').send({ strategy: 'sma-cross', cron: '0 0 1 1 *', ...body }));
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    const registry = api.app.get(SchedulerRegistry);
    while (!registry.doesExist('cron', `paper:${res.body.id}`)) await new Promise((r) => setTimeout(r, 20));
    return res.body.id;
  }
  const tick = (id: string) => withAlpacaEnv(() => scheduler.runJob(id));
  const session = async (id: string) => (await api.http().get(`/paper-sessions/${id}`).expect(200)).body;

  describe('yahoo', () => {
    it('warms up on the history, then takes each new closed bar at its tick, never a bar before its close', async () => {
      const rows = walk(weekdays(72, today() - DAY_MS));
      yahoo.bars.set('AAPL', rows.slice(0, 70));
      const id = await start({ feed: 'yahoo', symbols: ['AAPL'], staleAfterDays: 10 });
      expect(await tick(id)).toMatchObject({ outcome: 'idle', note: 'no new closed bar' });
      yahoo.bars.set('AAPL', [...rows.slice(0, 72), { ...rows[72], time: today() + DAY_MS }]);
      expect((await tick(id))!.processed).toEqual([isoDay(rows[70].time), isoDay(rows[71].time)]);
      const s = await session(id);
      expect(s).toMatchObject({ status: 'active', barsProcessed: 2, firstBar: isoDay(rows[70].time), lastBar: isoDay(rows[71].time) });
      expect(yahoo.requests.at(-1)).toMatch(/^\/v8\/finance\/chart\/AAPL\?period1=\d+&period2=\d+&interval=1d/);
      await api.http().post(`/paper-sessions/${id}/stop`).expect(200);
    });

    it('moves the sleeves of several symbols together: a date waits for the symbol whose bar is late', async () => {
      const days = weekdays(65, today() - DAY_MS);
      const a = walk(days, 100);
      const b = walk(days, 40);
      yahoo.bars.set('AAPL', a.slice(0, 60));
      yahoo.bars.set('MSFT', b.slice(0, 60));
      const id = await start({ feed: 'yahoo', symbols: ['AAPL', 'MSFT'], staleAfterDays: 10 });
      yahoo.bars.set('AAPL', a.slice(0, 63));
      yahoo.bars.set('MSFT', b.slice(0, 62));
      expect((await tick(id))!.processed).toEqual([isoDay(days[60]), isoDay(days[61])]);
      yahoo.bars.set('MSFT', b.slice(0, 63));
      expect((await tick(id))!.processed).toEqual([isoDay(days[62])]);
      const equity = (await api.http().get(`/paper-sessions/${id}/equity`).expect(200)).body;
      expect(equity.map((e: any) => Object.keys(e.sleeves).sort())).toEqual([['AAPL', 'MSFT'], ['AAPL', 'MSFT'], ['AAPL', 'MSFT']]);
      expect(equity.at(-1).equity).toBeCloseTo(equity.at(-1).sleeves.AAPL.equity + equity.at(-1).sleeves.MSFT.equity, 6);
      await api.http().post(`/paper-sessions/${id}/stop`).expect(200);
    });

    it.each([
      ['an error answer', { status: 500, body: '{"chart":{"result":null,"error":{"code":"Internal Server Error","description":"upstream"}}}' }, /^feed yahoo: HTTP 500: Internal Server Error upstream$/],
      ['a malformed answer', 'malformed' as const, /^feed yahoo: malformed answer \(HTTP 200, not JSON\)$/],
    ])('keeps the session after %s, skipping the tick with the reason, and pauses it after its maximum of failures', async (_what, fault, note) => {
      yahoo.bars.set('MSFT', walk(history, 50));
      const id = await start({ feed: 'yahoo', symbols: ['MSFT'], maxFailures: 2 });
      yahoo.fail(fault);
      try {
        const first = await tick(id);
        expect(first).toMatchObject({ outcome: 'skipped' });
        expect(first!.note).toMatch(note);
        expect(await session(id)).toMatchObject({ status: 'active', consecutiveFailures: 1, lastTickOutcome: 'skipped' });
        await tick(id);
        const paused = await session(id);
        expect(paused.status).toBe('paused');
        expect(paused.statusReason).toMatch(/^paused after 2 consecutive failed ticks: feed yahoo: /);
      } finally {
        yahoo.fail(null);
      }
    });

    it('calls a feed whose newest bar is too old stale', async () => {
      yahoo.bars.set('IBM', walk(weekdays(60, today() - 20 * DAY_MS)));
      const id = await start({ feed: 'yahoo', symbols: ['IBM'], staleAfterDays: 5 });
      const report = await tick(id);
      expect(report!.outcome).toBe('skipped');
      // Twenty days back, or the Friday before when that falls on a weekend.
      expect(report!.note).toMatch(/^feed yahoo: stale: the newest bar of IBM is of \d{4}-\d{2}-\d{2}, (19|20|21|22) days old \(more than 5\)$/);
      await api.http().post(`/paper-sessions/${id}/stop`).expect(200);
    });
  });

  describe('csv-dir', () => {
    it('takes the rows a pipeline appends, and waits out a half-written row', async () => {
      const dir = join(api.dir, 'pipeline');
      mkdirSync(dir, { recursive: true });
      const rows = walk(weekdays(63, today() - DAY_MS), 30);
      writeFileSync(join(dir, 'XYZ.csv'), `date,open,high,low,close,volume\n${csvOf(rows.slice(0, 60))}`);
      const id = await start({ feed: `csv-dir:${dir}`, symbols: ['XYZ'], staleAfterDays: 10 });
      expect((await session(id)).feed).toBe(`csv-dir:${dir}`);
      expect(await tick(id)).toMatchObject({ outcome: 'idle' });
      appendFileSync(join(dir, 'XYZ.csv'), csvOf(rows.slice(60, 62)));
      expect((await tick(id))!.processed).toEqual([isoDay(rows[60].time), isoDay(rows[61].time)]);
      appendFileSync(join(dir, 'XYZ.csv'), `${isoDay(rows[62].time)},${rows[62].open},`);
      const half = await tick(id);
      expect(half!.outcome).toBe('skipped');
      expect(half!.note).toMatch(/^feed csv-dir:.*XYZ\.csv/);
      appendFileSync(join(dir, 'XYZ.csv'), `${rows[62].high},${rows[62].low},${rows[62].close},${rows[62].volume}\n`);
      expect((await tick(id))!.processed).toEqual([isoDay(rows[62].time)]);
      expect(await session(id)).toMatchObject({ status: 'active', barsProcessed: 3, consecutiveFailures: 0 });
      await api.http().post(`/paper-sessions/${id}/stop`).expect(200);
    });

    it('ends a session where its account is wiped out, as the backtest ends, with the reason', async () => {
      // Up, then down (sma-cross sells and goes short), then the price more than triples: without a
      // maintenance margin the short takes the equity below zero and the run ends at that close.
      const closes = [...Array(25).fill(100), 102, 104, 106, 108, 110, 108, 104, 100, 96, 92, 90, 90, 90, 90, 90, 300, 310];
      const days = weekdays(closes.length, today() - DAY_MS);
      const rows: BarRow[] = closes.map((c, i) => ({ time: days[i], open: c, high: c, low: c, close: c, volume: 1_000 }));
      const dir = join(api.dir, 'wipe-out');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'XYZ.csv'), `date,open,high,low,close,volume\n${csvOf(rows.slice(0, 25))}`);
      const engine = { allowShort: true, shortModel: 'margin', maintenanceMarginRate: 0 };
      const id = await start({ feed: `csv-dir:${dir}`, symbols: ['XYZ'], staleAfterDays: 366, engine });
      appendFileSync(join(dir, 'XYZ.csv'), csvOf(rows.slice(25, 41)));
      expect((await tick(id))!.processed).toHaveLength(16);
      const orders = (await api.http().get(`/paper-sessions/${id}/orders`).expect(200)).body;
      expect(orders.at(-1)).toMatchObject({ reason: 'margin-call', status: 'filled', closedOn: isoDay(rows[40].time) });
      expect((await session(id)).status).toBe('active');
      appendFileSync(join(dir, 'XYZ.csv'), csvOf(rows.slice(41)));
      expect(await tick(id)).toMatchObject({ outcome: 'idle', processed: [] });
      const ended = await session(id);
      expect(ended).toMatchObject({ status: 'done', barsProcessed: 16, lastBar: isoDay(rows[40].time) });
      expect(ended.statusReason).toBe(`XYZ: the account was wiped out at the close of ${isoDay(rows[40].time)} (equity at or below zero); its run ended there, as a backtest's does`);
    });

    it('refuses a folder that does not exist, naming the feed', async () => {
      const res = await api.http().post('/paper-sessions').send({ strategy: 'sma-cross', cron: '0 0 1 1 *', feed: 'csv-dir:/no/such/folder', symbols: ['XYZ'] }).expect(400);
      expect(res.body).toMatchObject({ field: 'feed', message: 'feed: no folder /no/such/folder' });
    });
  });

  describe('alpaca', () => {
    it('reads daily bars page by page through the official client and sends each order decided once, with a client order id from its bar', async () => {
      const rows = walk(history, 80);
      alpaca.bars.set('AAPL', rows.slice(0, 40));
      // Bars of the past weeks handed over day by day: not stale for this session.
      const id = await start({ feed: 'alpaca', broker: 'alpaca', symbols: ['AAPL'], staleAfterDays: 366 });
      for (let i = 40; i < rows.length; i++) {
        alpaca.bars.set('AAPL', rows.slice(0, i + 1));
        expect((await tick(id))!.processed).toEqual([isoDay(rows[i].time)]);
      }
      const orders = (await api.http().get(`/paper-sessions/${id}/orders`).expect(200)).body;
      expect(orders.length).toBeGreaterThan(1);
      for (const o of orders) {
        expect(o.broker.clientOrderId).toMatch(/^tg-[0-9a-f]{40}$/);
        expect(o.broker.state).toBe('sent');
        expect(alpaca.orders.get(o.broker.clientOrderId)).toMatchObject({ symbol: 'AAPL', side: o.side, qty: String(o.quantity), type: 'market', time_in_force: 'day' });
      }
      expect(alpaca.submissions).toEqual(orders.map((o: any) => o.broker.clientOrderId));

      // Filled at Alpaca: the next tick records the fill beside the simulated one.
      alpaca.fill(orders[0].broker.clientOrderId, 81.25);
      await tick(id);
      const after = (await api.http().get(`/paper-sessions/${id}/orders`).expect(200)).body;
      expect(after[0].broker.report).toMatchObject({ status: 'filled', filledQty: String(orders[0].quantity), filledAvgPrice: '81.25' });
      await api.http().post(`/paper-sessions/${id}/stop`).expect(200);
    });

    it('refuses the alpaca broker without keys, and on a replay', async () => {
      const saved = { id: process.env.APCA_API_KEY_ID, secret: process.env.APCA_API_SECRET_KEY };
      delete process.env.APCA_API_KEY_ID;
      delete process.env.APCA_API_SECRET_KEY;
      try {
        const res = await api.http().post('/paper-sessions').send({ strategy: 'sma-cross', cron: '0 0 1 1 *', feed: 'yahoo', symbols: ['AAPL'], broker: 'alpaca' }).expect(400);
        expect(res.body.field).toBe('broker');
        expect(res.body.message).toMatch(/APCA_API_KEY_ID and APCA_API_SECRET_KEY/);
      } finally {
        if (saved.id !== undefined) process.env.APCA_API_KEY_ID = saved.id;
        if (saved.secret !== undefined) process.env.APCA_API_SECRET_KEY = saved.secret;
      }
      const replay = await api.http().post('/paper-sessions').send({ strategy: 'sma-cross', cron: '0 0 1 1 *', feed: 'replay:AAPL', from: '2016-01-04', broker: 'alpaca' }).expect(400);
      expect(replay.body.field).toBe('broker');
    });
  });
});
