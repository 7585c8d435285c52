/** Where and as whom the session talks to Alpaca; the keys come from the environment and are never stored. */
export interface AlpacaSettings {
  keyId: string;
  secret: string;
  /** The trading API (orders): Alpaca's paper host unless `APCA_API_BASE_URL`. */
  tradingUrl: string;
  /** The market-data API: `APCA_API_DATA_URL`, else Alpaca's data host. */
  dataUrl: string;
  /** `iex` (free) or `sip`: `APCA_DATA_FEED`, else iex. */
  dataFeed: 'iex' | 'sip';
}

export const ALPACA_PAPER_URL = 'https://paper-api.alpaca.markets';
export const ALPACA_DATA_URL = 'https://data.alpaca.markets';
const LIVE_HOST = 'api.alpaca.markets';

/**
 * The Alpaca settings of this process, or the reason there are none: the keys
 * (`APCA_API_KEY_ID`, `APCA_API_SECRET_KEY`) are missing, or the trading URL is Alpaca's live
 * host (sessions trade on paper only).
 */
export function alpacaSettings(env: NodeJS.ProcessEnv = process.env): AlpacaSettings | string {
  const keyId = env.APCA_API_KEY_ID || '';
  const secret = env.APCA_API_SECRET_KEY || '';
  if (!keyId || !secret) return 'Alpaca needs APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment (of the process that runs the session too)';
  const tradingUrl = (env.APCA_API_BASE_URL || ALPACA_PAPER_URL).replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(tradingUrl).host;
  } catch {
    return `APCA_API_BASE_URL is not a URL: "${tradingUrl}"`;
  }
  if (host === LIVE_HOST) return `APCA_API_BASE_URL is Alpaca's live trading host: paper sessions send orders to a paper account only (${ALPACA_PAPER_URL})`;
  const feed = env.APCA_DATA_FEED || 'iex';
  if (feed !== 'iex' && feed !== 'sip') return `APCA_DATA_FEED must be iex or sip, got "${feed}"`;
  return { keyId, secret, tradingUrl, dataUrl: (env.APCA_API_DATA_URL || ALPACA_DATA_URL).replace(/\/+$/, ''), dataFeed: feed };
}
