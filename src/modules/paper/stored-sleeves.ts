import type { OrderRecord } from '../../core/engine/orders';
import type { BarRow } from '../../core/market/bar-series';
import { MarketInputs, NO_MARKET_INPUTS } from '../../core/market/market-inputs';
import type { NewsItem } from '../../core/market/news';
import type { PromptFileInfo } from '../llm/prompt-files';
import { engineOrder, PaperRepository } from '../persistence/paper';

/** What a session fixed for a sleeve when it started: inputs besides bars and news, and notes about them. */
export interface PinnedInputs {
  inputs: Omit<MarketInputs, 'news'> | null;
  notes: string[];
  /** llm sessions: the prompt templates the session started with. */
  prompts?: Record<string, PromptFileInfo>;
}

/** A sleeve as stored: its bars, news, orders and how many memory cases it labelled. */
export interface StoredSleeve {
  symbol: string;
  rows: BarRow[];
  warmUp: number;
  news: NewsItem[];
  pinned: PinnedInputs;
  orders: OrderRecord[];
  memoryCases: number;
}

/** Reads every sleeve of a session from storage. */
export async function loadSleeves(repo: PaperRepository, sessionId: string, symbols: readonly string[]): Promise<Map<string, StoredSleeve>> {
  const memory = await repo.memoryCounts(sessionId);
  const sleeves = new Map<string, StoredSleeve>();
  for (const symbol of symbols) {
    const { rows, warmUp } = await repo.bars(sessionId, symbol);
    const news = (await repo.news(sessionId, symbol)).map((n) => ({ ...n.item, time: n.time }));
    const pinned = ((await repo.inputs(sessionId, symbol)) ?? { inputs: null, notes: [] }) as unknown as PinnedInputs;
    const orders = (await repo.orders(sessionId, symbol)).map(engineOrder);
    sleeves.set(symbol, { symbol, rows, warmUp, news, pinned, orders, memoryCases: memory[symbol] ?? 0 });
  }
  return sleeves;
}

/** The market inputs a sleeve's strategy reads: what was pinned at the start, and the news received so far. */
export function marketInputsOf(sleeve: StoredSleeve, moreNews: readonly NewsItem[] = []): MarketInputs {
  const base = sleeve.pinned.inputs ?? NO_MARKET_INPUTS;
  return { ...NO_MARKET_INPUTS, ...base, news: [...sleeve.news, ...moreNews] };
}
