import type { EarningsRecord, FilingPassage } from '../../market/fundamentals';

/** Epoch ms of an ISO instant. */
export const at = (iso: string): number => Date.parse(iso);

/** A post-market earnings record of symbol X announced on `day` (published 16:30 New York, summer time). */
export function earnings(quarter: string, day: string, epsEstimate: number, epsActual: number): EarningsRecord {
  return { symbol: 'X', announceDay: at(`${day}T00:00:00Z`), releaseTime: 'post-market', quarter, epsEstimate, epsActual, publishedAt: at(`${day}T20:30:00Z`) };
}

/** Five quarters: a miss, two beats, a meet, a beat; the last released 2019-07-30 after the close. */
export const FIVE_QUARTERS: readonly EarningsRecord[] = [
  earnings('2018-06', '2018-07-31', 1.0, 0.9),
  earnings('2018-09', '2018-10-30', 1.0, 1.1),
  earnings('2018-12', '2019-01-29', 1.0, 1.05),
  earnings('2019-03', '2019-04-30', 1.2, 1.2),
  earnings('2019-06', '2019-07-30', 1.0, 1.12),
];

/** Passages of one filing of X, published `publishedAt`. */
export function filing(document: string, publishedAt: number, texts: readonly string[]): FilingPassage[] {
  return texts.map((text, i) => ({ id: `${document} #${i + 1}`, symbol: 'X', publishedAt, document, text }));
}

/** A small 10-Q: revenue, margin, risk, an unrelated passage, liquidity, guidance, costs. */
export const TEN_Q_TEXTS: readonly string[] = [
  'Net sales increased 12% to $53.3 billion, driven by strong revenue growth in iPhone and services.',
  'Gross margin was 38.5% compared with 39.1% a year ago; operating margin declined slightly.',
  'Risk factors: the company faces intense competition and litigation that could adversely affect results.',
  'The board of directors met in Cupertino for its annual meeting.',
  'Cash, cash equivalents and marketable securities provide ample liquidity; total debt was $102 billion.',
  'The company expects revenue for the next quarter between $61 billion and $64 billion.',
  'Research and development expenses rose 9% as operating expenses increased.',
];
