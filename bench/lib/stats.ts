/** Median, 90th percentile (nearest rank), spread and the samples of a list of values, rounded to 0.1. */
export interface Summary {
  runs: number;
  median: number;
  p90: number;
  min: number;
  max: number;
  samples: number[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The value at quantile `q` (0..1) of `values` by nearest rank; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/**
 * Median of `values`: for an even count the mean of the two middle values, not the lower one nearest rank gives,
 * which for two rounds reported the better round (a parallel run's 531 ms slowest of 4 beside a 1103 ms round).
 * NaN for none.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Summarizes `values` (ms, usually) for reports. */
export function summarize(values: readonly number[]): Summary {
  return {
    runs: values.length,
    median: round(median(values)),
    p90: round(quantile(values, 0.9)),
    min: round(values.length ? Math.min(...values) : NaN),
    max: round(values.length ? Math.max(...values) : NaN),
    samples: values.map(round),
  };
}

/** `a / b` to two decimals (NaN when either is missing). */
export const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
