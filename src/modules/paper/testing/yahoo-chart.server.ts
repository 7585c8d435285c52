import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { BarRow } from '../../../core/market/bar-series';
import { zonedInstant } from '../../../core/market/session-clock';

/** What the stand-in answers to the next requests, instead of the chart. */
export type YahooFault = { status: number; body: string } | 'malformed' | null;

/** A running stand-in for Yahoo's chart endpoint. */
export interface YahooChartServer {
  baseUrl: string;
  /** The bars it serves per symbol (oldest first); tests add days to it. */
  bars: Map<string, BarRow[]>;
  /** Every request's path and query, in arrival order. */
  requests: string[];
  /** Makes every answer fail this way until set back to null. */
  fail(fault: YahooFault): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that answers `GET /v8/finance/chart/<symbol>` the way Yahoo's
 * chart endpoint does for daily bars: `{chart: {result: [{meta, timestamp, indicators: {quote,
 * adjclose}}], error: null}}`, timestamps at the New York session's open (09:30), the bars in
 * `period1..period2`; an unknown symbol gets Yahoo's 404 answer (`chart.error` "Not Found").
 */
export async function startYahooChartServer(): Promise<YahooChartServer> {
  const bars = new Map<string, BarRow[]>();
  const requests: string[] = [];
  let fault: YahooFault = null;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(body);
    };
    if (fault === 'malformed') return send(200, '{"chart":{"result":[{"meta":');
    if (fault) return send(fault.status, fault.body);
    if (!m || req.method !== 'GET') return send(404, JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found' } } }));
    const symbol = decodeURIComponent(m[1]);
    const rows = bars.get(symbol);
    if (!rows) return send(404, JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }));
    const from = Number(url.searchParams.get('period1') ?? 0) * 1000;
    const to = Number(url.searchParams.get('period2') ?? Number.MAX_SAFE_INTEGER / 1000) * 1000;
    const chosen = rows.filter((r) => opening(r.time) >= from && opening(r.time) < to);
    send(200, JSON.stringify({ chart: { result: [chartOf(symbol, chosen)], error: null } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    bars,
    requests,
    fail: (f) => (fault = f),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function opening(day: number): number {
  return zonedInstant(day, '09:30', 'America/New_York');
}

function chartOf(symbol: string, rows: readonly BarRow[]) {
  const last = rows[rows.length - 1];
  return {
    meta: {
      currency: 'USD',
      symbol,
      exchangeName: 'NMS',
      instrumentType: 'EQUITY',
      regularMarketTime: last ? Math.floor(zonedInstant(last.time, '16:00', 'America/New_York') / 1000) : null,
      timezone: 'EST',
      exchangeTimezoneName: 'America/New_York',
      regularMarketPrice: last?.close ?? null,
      dataGranularity: '1d',
      range: '',
    },
    timestamp: rows.map((r) => Math.floor(opening(r.time) / 1000)),
    indicators: {
      quote: [{ open: rows.map((r) => r.open), high: rows.map((r) => r.high), low: rows.map((r) => r.low), close: rows.map((r) => r.close), volume: rows.map((r) => r.volume) }],
      adjclose: [{ adjclose: rows.map((r) => r.close) }],
    },
  };
}
