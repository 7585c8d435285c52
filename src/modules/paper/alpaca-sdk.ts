import type * as AlpacaSdk from '@alpacahq/alpaca-trade-api';

/**
 * Alpaca's client library, loaded at its first use: only a paper session on the alpaca feed or
 * broker talks to Alpaca, and loading the library (with its websocket and msgpack dependencies)
 * would otherwise cost every command's start-up about 30 ms.
 */
export function alpacaSdk(): typeof AlpacaSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@alpacahq/alpaca-trade-api') as typeof AlpacaSdk;
}
