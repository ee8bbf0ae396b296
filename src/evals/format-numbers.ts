export const percent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? "–" : `${(value * 100).toFixed(digits)}%`;

export const milliseconds = (value: number | null | undefined) =>
  value === null || value === undefined
    ? "–"
    : value >= 1000
      ? `${(value / 1000).toFixed(2)} s`
      : `${value.toFixed(1)} ms`;

export const usd = (value: number) => `$${value.toFixed(value > 0 && value < 0.01 ? 5 : 2)}`;

export function signedPoints(value: number | null): string {
  if (value === null) return "–";
  const points = value * 100;
  return `${points >= 0 ? "+" : ""}${points.toFixed(1)} pt`;
}
