import { paramGroups, paramsHtml } from './report-params.html';

describe('parameters table of the report header', () => {
  it('groups nested parameters under their top-level key, with dotted paths below it', () => {
    const groups = paramGroups({ tradeSize: 0.95, decision: { weights: { news: 0.25 }, buyThreshold: { balanced: 0.1 } }, bands: [1, 2] });
    expect(groups).toEqual([
      { name: '', rows: [{ key: 'tradeSize', value: '0.95' }, { key: 'bands', value: '[1, 2]' }] },
      { name: 'decision', rows: [{ key: 'weights.news', value: '0.25' }, { key: 'buyThreshold.balanced', value: '0.1' }] },
    ]);
  });

  it('folds a long parameter set behind a summary line and shows a short one open', () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, i]));
    expect(paramsHtml({ style: many })).toMatch(/^<details class="params" id="params">\n<summary>Parameters: 20 values in 1 group \(style\)<\/summary>/);
    expect(paramsHtml({ fast: 10, slow: 20 })).toMatch(/^<details class="params" id="params" open>\n<summary>Parameters: 2 values<\/summary>/);
    expect(paramsHtml(null)).toBe('');
    expect(paramsHtml({})).toBe('');
  });
});
