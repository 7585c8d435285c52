import { DEFAULT_REPORT_AGENT_PARAMS as P } from './financial-report.params';
import { retrievePassages } from './filing.retriever';
import { at, filing, TEN_Q_TEXTS } from './report.fixture';
import { retrievalWords, withBigrams } from './retrieval.tokenizer';

const TEN_Q = filing('10-Q 2019-Q3', at('2019-07-30T20:30:00Z'), TEN_Q_TEXTS);

describe('retrievePassages', () => {
  it('puts the revenue passage first for a revenue query', () => {
    const kept = retrievePassages(TEN_Q, { ...P, queries: { revenue: 'revenue net sales growth' } });
    expect(kept[0].id).toBe('10-Q 2019-Q3 #1');
    expect(kept[0].sparse).toBe(1);
    expect(kept[0].score).toBeCloseTo(kept[0].dense + 0.8 * kept[0].sparse, 12);
  });

  it('finds the passage of each finance topic and leaves out the unrelated one', () => {
    const kept = retrievePassages(TEN_Q, P);
    expect(kept.length).toBeLessThanOrEqual(6);
    const topicOf = new Map(kept.map((k) => [k.id, k.query]));
    expect(topicOf.get('10-Q 2019-Q3 #1')).toBe('revenue');
    expect(topicOf.get('10-Q 2019-Q3 #3')).toBe('risk factors');
    expect(topicOf.get('10-Q 2019-Q3 #5')).toBe('liquidity');
    expect(topicOf.has('10-Q 2019-Q3 #4')).toBe(false);
  });

  it('keeps topK by H, then reranks to rerankK', () => {
    const kept = retrievePassages(TEN_Q, { ...P, topK: 3, rerankK: 2 });
    expect(kept).toHaveLength(2);
    const all = retrievePassages(TEN_Q, { ...P, topK: 7, rerankK: 7, mmrLambda: 1 });
    expect(all.map((k) => k.score)).toEqual([...all.map((k) => k.score)].sort((a, b) => b - a));
    expect(all.slice(0, 3).map((k) => k.id)).toContain(kept[0].id);
  });

  it('gives the same result on every run', () => {
    expect(retrievePassages(TEN_Q, P)).toEqual(retrievePassages([...TEN_Q], P));
  });

  it('returns nothing for an empty filing or one no query matches', () => {
    expect(retrievePassages([], P)).toEqual([]);
    expect(retrievePassages(filing('8-K', 0, ['The board met in Cupertino.']), { ...P, queries: { revenue: 'revenue' } })).toEqual([]);
  });
});

describe('retrieval tokenizer', () => {
  it('keeps lower-case words without stopwords, single letters or bare numbers, and adds bigrams', () => {
    const words = retrievalWords("The company's Gross-margin was 38.5% in Q3 of 2019");
    expect(words).toEqual(['companys', 'gross', 'margin', 'q3']);
    expect(withBigrams(words)).toEqual(['companys', 'gross', 'margin', 'q3', 'companys_gross', 'gross_margin', 'margin_q3']);
  });
});
