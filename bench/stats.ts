export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export function summarise(values: readonly number[]): {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  count: number;
} {
  const mean = values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);
  return {
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    p99: percentile(values, 0.99),
    mean,
    count: values.length,
  };
}
