import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { BarRow } from '../../../core/market/bar-series';
import { zonedInstant } from '../../../core/market/session-clock';

/** An order as the stand-in keeps it (Alpaca's JSON fields). */
export type AlpacaOrderJson = Record<string, unknown> & { id: string; client_order_id: string; status: string };

export interface AlpacaServer {
  /** Base URL of both APIs (trading and market data) on this server. */
  baseUrl: string;
  keyId: string;
  secret: string;
  /** Daily bars it serves per symbol. */
  bars: Map<string, BarRow[]>;
  /** Accepted orders by client order id. */
  orders: Map<string, AlpacaOrderJson>;
  /** Every order submission, accepted or refused, in arrival order (their client order ids). */
  submissions: string[];
  /** Fills an accepted order at `price`. */
  fill(clientOrderId: string, price: number): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback speaking the part of Alpaca's REST protocol a paper session
 * uses: `GET /v2/stocks/bars` (daily bars of the market-data API, paged by `page_token`),
 * `POST /v2/orders` (refusing a client order id already used with 422, as Alpaca does) and
 * `GET /v2/orders:by_client_order_id`. Requests without the account's key headers get 401.
 */
export async function startAlpacaServer(options: { pageSize?: number } = {}): Promise<AlpacaServer> {
  const keyId = 'PKTEST';
  const secret = 'test-secret';
  const pageSize = options.pageSize ?? 1000;
  const bars = new Map<string, BarRow[]>();
  const orders = new Map<string, AlpacaOrderJson>();
  const submissions: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers['apca-api-key-id'] !== keyId || req.headers['apca-api-secret-key'] !== secret) return send(401, { code: 40110000, message: 'request is not authorized' });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/v2/stocks/bars') return send(200, barsPage(bars, url, pageSize));
      if (req.method === 'POST' && url.pathname === '/v2/orders') {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return send(400, { code: 40010000, message: 'invalid body' });
        }
        const clientOrderId = String(body.client_order_id ?? randomUUID());
        submissions.push(clientOrderId);
        if (orders.has(clientOrderId)) return send(422, { code: 40010001, message: 'client_order_id must be unique' });
        if (!(Number(body.qty) > 0) || !['buy', 'sell'].includes(String(body.side))) return send(422, { code: 40010001, message: 'invalid order' });
        const now = new Date().toISOString();
        const order: AlpacaOrderJson = {
          id: randomUUID(),
          client_order_id: clientOrderId,
          created_at: now,
          updated_at: now,
          submitted_at: now,
          filled_at: null,
          symbol: body.symbol,
          asset_class: 'us_equity',
          qty: String(body.qty),
          filled_qty: '0',
          filled_avg_price: null,
          order_class: '',
          order_type: body.type,
          type: body.type,
          side: body.side,
          time_in_force: body.time_in_force,
          limit_price: body.limit_price ?? null,
          stop_price: body.stop_price ?? null,
          status: 'accepted',
          extended_hours: false,
          legs: null,
        };
        orders.set(clientOrderId, order);
        return send(200, order);
      }
      if (req.method === 'GET' && url.pathname === '/v2/orders:by_client_order_id') {
        const order = orders.get(url.searchParams.get('client_order_id') ?? '');
        return order ? send(200, order) : send(404, { code: 40410000, message: 'order not found' });
      }
      send(404, { code: 40410000, message: 'endpoint not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    keyId,
    secret,
    bars,
    orders,
    submissions,
    fill(clientOrderId, price) {
      const o = orders.get(clientOrderId);
      if (!o) throw new Error(`no order ${clientOrderId}`);
      Object.assign(o, { status: 'filled', filled_qty: o.qty, filled_avg_price: String(price), filled_at: new Date().toISOString() });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One page of `GET /v2/stocks/bars`: bars at midnight New York time, as Alpaca stamps daily bars. */
function barsPage(bars: Map<string, BarRow[]>, url: URL, pageSize: number) {
  const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
  const start = Date.parse(url.searchParams.get('start') ?? '1970-01-01T00:00:00Z');
  const offset = Number(url.searchParams.get('page_token') ?? 0);
  const out: Record<string, unknown[]> = {};
  let next: string | null = null;
  for (const symbol of symbols) {
    const rows = (bars.get(symbol) ?? []).filter((r) => midnight(r.time) >= start);
    const page = rows.slice(offset, offset + pageSize);
    out[symbol] = page.map((r) => ({ t: new Date(midnight(r.time)).toISOString(), o: r.open, h: r.high, l: r.low, c: r.close, v: r.volume, n: 1000, vw: (r.high + r.low + r.close) / 3 }));
    if (offset + pageSize < rows.length) next = String(offset + pageSize);
  }
  return { bars: out, next_page_token: next, currency: 'USD' };
}

function midnight(day: number): number {
  return zonedInstant(day, '00:00', 'America/New_York');
}
