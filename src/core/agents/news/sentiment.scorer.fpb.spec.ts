import { classificationReport } from '../../../../bench/sentiment/classification-metrics';
import { fpbPath, phraseBankBeyondAllAgree, polarSign, readPhraseBank } from '../../../../bench/sentiment/labelled-sets';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../../test/support/shared-data';
import { scoreSentiment } from './sentiment.scorer';

/** The scorer on real labelled data: Financial PhraseBank, sentences all annotators agreed on. */
describeWithSharedData('scoreSentiment on Financial PhraseBank (AllAgree)', () => {
  const sentences = readPhraseBank(fpbPath(SHARED_DATA_DIR, 'AllAgree'));

  it('reads the 2,264 sentences: 570 positive, 1,391 neutral, 303 negative', () => {
    const counts = { positive: 0, neutral: 0, negative: 0 } as Record<string, number>;
    for (const s of sentences) counts[s.label]++;
    expect(sentences).toHaveLength(2264);
    expect(counts).toEqual({ positive: 570, neutral: 1391, negative: 303 });
    // ISO-8859-1 decoding keeps accented names intact (UTF-8 decoding would give U+FFFD).
    expect(sentences.some((s) => s.text.includes('\uFFFD'))).toBe(false);
  });

  it('reaches a macro-F1 of at least 0.70', () => {
    const report = classificationReport(
      sentences.map((s) => s.label),
      sentences.map((s) => scoreSentiment(s.text).label),
      ['positive', 'neutral', 'negative'],
    );
    expect(report.macroF1).toBeGreaterThanOrEqual(0.7);
    for (const c of report.perClass) expect(c.f1).toBeGreaterThan(0.6);
  });
});

/**
 * Out of sample: the 50Agree sentences beyond AllAgree at odd positions were never read while
 * the lexicon was written. The scorer used to answer exactly 0 on 47% of their polar ones.
 */
describeWithSharedData('scoreSentiment on held-out Financial PhraseBank sentences (50Agree beyond AllAgree, odd positions)', () => {
  const { tuning, heldOut } = phraseBankBeyondAllAgree(SHARED_DATA_DIR);

  it('splits the 2,582 sentences beyond AllAgree into two halves', () => {
    expect(tuning.length + heldOut.length).toBe(2582);
    expect(heldOut.length).toBe(1291);
  });

  it('gets the sign right on at least 70% of the clearly polar held-out sentences', () => {
    const sign = polarSign(heldOut, (text) => scoreSentiment(text).score);
    expect(sign.polar).toBe(549);
    expect(sign.right).toBeGreaterThanOrEqual(0.7);
    expect(sign.zero).toBeLessThan(0.3);
    expect(sign.rightWhenAnswered).toBeGreaterThan(0.9);
  });
});
