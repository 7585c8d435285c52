import type { LoadedDataset } from './price-file.source';

/** What the adjustment of a loaded series did, as `data describe` reports it. */
export interface PriceAdjustment {
  /** The policy applied ('auto' resolved). */
  adjust: LoadedDataset['adjust'];
  /** Some volumes are not whole numbers (a total-return or split adjustment divides them). */
  fractionalVolumes: boolean;
  /** One sentence for people. */
  note: string;
}

const NOTES: Record<LoadedDataset['adjust'], string> = {
  none: 'prices and volumes as in the file (not adjusted)',
  total: 'prices are total-return adjusted (open, high and low scaled by adjusted close / close; close = adjusted close)',
  splits: 'prices are back-adjusted for splits (earlier prices divided by the later split coefficients)',
};

/** The adjustment of a loaded dataset, and whether it left fractional volumes. */
export function priceAdjustment(dataset: Pick<LoadedDataset, 'adjust' | 'series'>): PriceAdjustment {
  const fractionalVolumes = dataset.series.volume.some((v) => !Number.isInteger(v));
  const volumes = fractionalVolumes
    ? dataset.adjust === 'total'
      ? '; volumes are divided by the same factor (traded value kept), so they are fractional'
      : '; volumes are fractional'
    : '';
  return { adjust: dataset.adjust, fractionalVolumes, note: `${NOTES[dataset.adjust]}${volumes}` };
}
