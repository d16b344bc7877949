import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repeated, tQuantile975 } from '../bench/repeated.js';

// The benchmarks' repeated runs: a mean and its 95 % interval, which docs/performance.md quotes.

describe('repeated runs of a benchmark figure', () => {
  it('gives the mean of five runs with the interval of Student’s t at four degrees of freedom', () => {
    const summary = repeated([1, 2, 3, 4, 5]);
    // sd = √2.5; half-width = 2.776 × √2.5 / √5 = 1.9629…
    expect(summary.runs).toBe(5);
    expect(summary.mean).toBe(3);
    expect(summary.median).toBe(3);
    expect(summary.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(summary.low).toBeCloseTo(3 - 1.96292, 4);
    expect(summary.high).toBeCloseTo(3 + 1.96292, 4);
  });

  it('leaves out runs that failed, and gives no interval for a single run', () => {
    const summary = repeated([Number.NaN, 0.42, Number.POSITIVE_INFINITY]);
    expect(summary).toMatchObject({ runs: 1, mean: 0.42 });
    expect(summary.low).toBeNaN();
    expect(summary.high).toBeNaN();
    expect(repeated([]).mean).toBeNaN();
    expect(repeated([4, Number.NaN, 1, 10, 2]).median).toBe(3);
    expect(repeated([7.5, 1, 100]).median).toBe(7.5);
  });

  it('puts the mean inside its interval, which is symmetric and empty only when every run agrees', () => {
    // Figures as a benchmark reports them: ratios and rates with a few decimals.
    const figure = fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100);
    const runs = fc.array(figure, { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(runs, (values) => {
        const { mean, median, low, high, sd } = repeated(values);
        expect(low).toBeLessThanOrEqual(mean);
        expect(high).toBeGreaterThanOrEqual(mean);
        expect(high - mean).toBeCloseTo(mean - low, 3);
        const below = values.filter((value) => value < median).length;
        const above = values.filter((value) => value > median).length;
        expect(below).toBeLessThanOrEqual(values.length / 2);
        expect(above).toBeLessThanOrEqual(values.length / 2);
        if (values.every((value) => value === values[0])) expect(high - low).toBe(0);
        else expect(sd).toBeGreaterThan(0);
      }),
    );
  });

  it('averages ratios geometrically, with an interval that stays above zero', () => {
    // Three noisy ratios: their arithmetic interval reaches below zero (as two-node p99 ratios did).
    const values = [27.5, 10.72, 5.19];
    expect(repeated(values).low).toBeLessThan(0);
    const ratio = repeated(values, 'ratio');
    expect(ratio.mean).toBeCloseTo(Math.cbrt(27.5 * 10.72 * 5.19), 10);
    expect(ratio.low).toBeGreaterThan(0);
    expect(ratio.low).toBeLessThan(ratio.mean);
    expect(ratio.high).toBeGreaterThan(27.5);
    // 2× and 0.5× are as far from 1× as each other.
    expect(repeated([2, 0.5], 'ratio').mean).toBeCloseTo(1, 12);
    expect(repeated([0, -1, 4], 'ratio')).toMatchObject({ runs: 1, mean: 4 });
  });

  it('puts a ratio’s geometric mean inside its interval, which is symmetric on the logarithms', () => {
    const ratio = fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 1000);
    fc.assert(
      fc.property(fc.array(ratio, { minLength: 2, maxLength: 40 }), (values) => {
        const { mean, low, high } = repeated(values, 'ratio');
        expect(low).toBeGreaterThan(0);
        expect(low).toBeLessThanOrEqual(mean * (1 + 1e-12));
        expect(high).toBeGreaterThanOrEqual(mean * (1 - 1e-12));
        expect(Math.log(high / mean)).toBeCloseTo(Math.log(mean / low), 6);
      }),
    );
  });

  it('uses Student’s t at 97.5 %, tabled to 30 degrees of freedom and by its series beyond', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(9)).toBe(2.262);
    expect(tQuantile975(30)).toBe(2.042);
    // Published values: t(40) = 2.021, t(60) = 2.000, t(120) = 1.980.
    expect(tQuantile975(40)).toBeCloseTo(2.021, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.98, 3);
    for (let df = 31; df < 200; df++) expect(tQuantile975(df)).toBeLessThan(tQuantile975(df - 1));
    expect(() => tQuantile975(0)).toThrow(RangeError);
    expect(() => tQuantile975(2.5)).toThrow(RangeError);
  });
});
