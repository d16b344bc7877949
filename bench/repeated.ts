/**
 * What a few repeated runs of a benchmark say about one figure: its mean and a 95 % confidence
 * interval for that mean. One run of the durable votes benchmark moves its ratios by up to 10 %
 * on this kind of machine, so a change of a few per cent needs several runs and an interval that
 * says whether they resolve it.
 *
 * Ratios are averaged as ratios: their geometric mean, with the interval taken on their
 * logarithms, so that it stays positive and 2× and 0.5× count as far from 1× as each other (on a
 * few noisy runs, an arithmetic interval of a ratio can reach below zero).
 */

/** One figure over repeated runs. `low`/`high` bound the mean at 95 % confidence (NaN for one run). */
export interface Repeated {
  readonly runs: number;
  /** The arithmetic mean, or for a ratio the geometric one. */
  readonly mean: number;
  readonly median: number;
  /** Sample standard deviation (n − 1 in the denominator), of the logarithms for a ratio; NaN for one run. */
  readonly sd: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Student's t at 97.5 % for 1–30 degrees of freedom: a mean of n runs lies within
 * t(n − 1) × sd / √n of the true mean at 95 % confidence, if the runs scatter normally.
 */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Student's t at 97.5 % for `df` degrees of freedom (the table, then its series in 1/df beyond 30). */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`degrees of freedom must be a whole number ≥ 1, not ${df}`);
  const tabled = T_975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

/**
 * The mean of `values`, its 95 % interval, and their median; non-finite values (a run that failed)
 * are left out. `ratio`: the values are ratios (positive), averaged geometrically.
 */
export function repeated(values: readonly number[], kind: 'value' | 'ratio' = 'value'): Repeated {
  const finite = values.filter((value) => Number.isFinite(value) && (kind === 'value' || value > 0));
  const runs = finite.length;
  if (runs === 0)
    return { runs, mean: Number.NaN, median: Number.NaN, sd: Number.NaN, low: Number.NaN, high: Number.NaN };
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(runs / 2);
  const median =
    runs % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const scaled = kind === 'ratio' ? finite.map(Math.log) : finite;
  const back = kind === 'ratio' ? Math.exp : (value: number) => value;
  const center = scaled.reduce((a, b) => a + b, 0) / runs;
  if (runs === 1)
    return { runs, mean: back(center), median, sd: Number.NaN, low: Number.NaN, high: Number.NaN };
  const sd = Math.sqrt(scaled.reduce((a, b) => a + (b - center) ** 2, 0) / (runs - 1));
  const half = (tQuantile975(runs - 1) * sd) / Math.sqrt(runs);
  return { runs, mean: back(center), median, sd, low: back(center - half), high: back(center + half) };
}
