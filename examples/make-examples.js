#!/usr/bin/env node
/*
 * Writes the example inputs of this folder from the AAPL sample prices that ship with the
 * project's dependencies (@observablehq/sample-datasets, aapl.csv): `node examples/make-examples.js`
 * rewrites them, and a test checks that the files here are exactly what it writes.
 *
 *   aapl-2016.csv          the sample's rows of 2016, unchanged (Yahoo layout)
 *   aapl-headlines.jsonl   one line per session of 2014-2015 whose adjusted close moved 2% or more,
 *                          stamped 16:30 New York time (after the close: it counts for the next
 *                          session). Written from the prices, not real news: they show the layout
 *                          and give the news agent something to read, and carry no information the
 *                          prices do not.
 *   headlines.txt          the same headlines, one a line (for `news score`)
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

function makeExamples(outDir) {
  const sample = readFileSync(require.resolve('@observablehq/sample-datasets/aapl.csv'), 'utf8').trimEnd().split('\n');
  const [header, ...rows] = sample;
  const files = {};
  files['aapl-2016.csv'] = [header, ...rows.filter((r) => r.startsWith('2016-'))].join('\n') + '\n';

  const bars = rows.map((r) => {
    const f = r.split(',');
    return { date: f[0], close: Number(f[4]), adjClose: Number(f[5]) };
  });
  const news = [];
  for (let i = 1; i < bars.length; i++) {
    const { date, close, adjClose } = bars[i];
    if (date < '2014-01-02' || date > '2015-12-31') continue;
    const move = adjClose / bars[i - 1].adjClose - 1;
    if (Math.abs(move) < 0.02) continue;
    const verb = move >= 0.04 ? 'jump' : move > 0 ? 'rise' : move <= -0.04 ? 'tumble' : 'fall';
    const headline = `Apple shares ${verb} ${(Math.abs(move) * 100).toFixed(1)}% to close at ${close.toFixed(2)}`;
    news.push({ timestamp: `${date}T16:30:00`, symbol: 'AAPL', headline, source: 'example: written from the AAPL sample prices' });
  }
  files['aapl-headlines.jsonl'] = news.map((n) => JSON.stringify(n)).join('\n') + '\n';
  files['headlines.txt'] = news.map((n) => n.headline).join('\n') + '\n';

  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  return Object.keys(files);
}

module.exports = { makeExamples };

if (require.main === module) {
  const written = makeExamples(__dirname);
  process.stdout.write(`wrote ${written.map((n) => `examples/${n}`).join(', ')}\n`);
}
