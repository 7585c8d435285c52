/**
 * Default weights of the finance keywords behind an item's `base` score: how strongly a word
 * marks an item as market-moving (earnings, guidance, deals, legal and regulatory events,
 * analyst actions). Our own list; a strategy file may add words or re-weight them
 * (`keywords` in {@link NewsAgentParams}; weight 0 switches a word off). Single lower-case words,
 * matched after tokenisation, each counted once per item.
 */
export const DEFAULT_NEWS_KEYWORDS: Readonly<Record<string, number>> = {
  ...weights(1, 'earnings eps guidance merger mergers takeover bankruptcy fda upgrade upgrades upgraded downgrade downgrades downgraded'),
  ...weights(0.9, 'acquisition acquisitions acquire acquires acquired buyout lawsuit lawsuits investigation probe recall recalls'),
  ...weights(0.8, 'revenue revenues profit profits loss losses outlook forecast beat beats missed misses buyback buybacks dividend dividends ipo layoffs'),
  ...weights(0.7, 'sales deliveries offering estimates analyst analysts target approval approved sec settlement fine fined resigns resigned resignation'),
  ...weights(0.6, 'quarter quarterly results margin margins split tariff tariffs sanctions antitrust regulator regulators rating'),
  ...weights(0.5, 'ceo cfo contract contracts deal deals partnership order orders stake shares stock launch launches demand'),
};

function weights(weight: number, words: string): Record<string, number> {
  return Object.fromEntries(words.split(' ').map((w) => [w, weight]));
}
