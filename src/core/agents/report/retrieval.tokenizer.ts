/** Words too common in filings to tell passages apart. */
const STOPWORDS = new Set(
  ('a an and are as at be been by for from has have in is it its of on or our that the their this to was we were which will with ' +
    'during such other these those may also any all than into not no per over under upon due our us')
    .split(' '),
);

/**
 * Lower-case word tokens of a text for retrieval: runs of letters and digits (apostrophes
 * dropped), without stopwords, single letters or bare numbers.
 */
export function retrievalWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.toLowerCase().replace(/['’]/g, '').split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOPWORDS.has(raw) || /^\d+$/.test(raw)) continue;
    words.push(raw);
  }
  return words;
}

/** The words plus their adjacent pairs (`gross_margin`), the terms of the dense vectors. */
export function withBigrams(words: readonly string[]): string[] {
  const terms = words.slice();
  for (let i = 1; i < words.length; i++) terms.push(`${words[i - 1]}_${words[i]}`);
  return terms;
}
