import { BarSeries } from '../market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../market/market-inputs';
import { NewsItem } from '../market/news';
import { seededRandom } from './random-walk';

const GOOD = 'shares surge after record profit and strong growth';
const BAD = 'shares plunge after weak results, losses widen';

/**
 * One headline a session (mid-session, UTC), good or bad news for the symbol, the mood kept for
 * a few days at a time: inputs that move the TradingGroup decision when the prices alone say
 * nothing (its forecaster measures no skill on a random walk, so it does not trade on one).
 */
export function newsTape(series: BarSeries, seed = 3): MarketInputs {
  const rand = seededRandom(seed);
  const news: NewsItem[] = [];
  let good = true;
  for (let t = 0; t < series.length; t++) {
    if (rand() < 0.3) good = !good;
    news.push({ id: `tape-${t}`, time: series.time[t] + 15 * 3_600_000, symbol: series.symbol, headline: `${series.symbol} ${good ? GOOD : BAD}` });
  }
  return { ...NO_MARKET_INPUTS, news };
}
