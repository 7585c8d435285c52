/** Precision, recall and F1 of one class. */
export interface ClassMetrics {
  label: string;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Multi-class evaluation: per-class metrics, macro-F1, accuracy and the confusion matrix. */
export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[gold][predicted] = count, over `labels` (+ any predicted label outside them). */
  confusion: Record<string, Record<string, number>>;
}

/**
 * Scores predictions against gold labels. Macro-F1 averages the F1 of the gold `labels` only:
 * a prediction outside them (e.g. "neutral" on a two-class set) counts as a miss for its gold
 * class and a hit for nobody.
 */
export function classificationReport(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} labels, predictions ${predicted.length}`);
  const all = [...labels, ...[...new Set(predicted)].filter((p) => !labels.includes(p)).sort()];
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(all.map((p) => [p, 0]));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const row = confusion[gold[i]];
    if (!row) throw new Error(`unknown gold label "${gold[i]}"`);
    row[predicted[i]]++;
    if (gold[i] === predicted[i]) correct++;
  }
  const perClass = labels.map((label) => {
    const tp = confusion[label][label];
    const support = Object.values(confusion[label]).reduce((a, b) => a + b, 0);
    const predictedCount = labels.reduce((a, g) => a + confusion[g][label], 0);
    const precision = predictedCount === 0 ? 0 : tp / predictedCount;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, support, predicted: predictedCount, precision, recall, f1 };
  });
  const macroF1 = perClass.reduce((a, c) => a + c.f1, 0) / perClass.length;
  return { n: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1, perClass, confusion };
}
