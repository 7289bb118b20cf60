/** McNemar's test on paired correctness of two classifiers over the same examples. */
export interface McNemarResult {
  /** Examples A got wrong and B got right. */
  readonly fixed: number;
  /** Examples A got right and B got wrong. */
  readonly broken: number;
  /** `exact-binomial` when fixed + broken < `exactBelow`, else `chi-square-corrected`. */
  readonly method: 'exact-binomial' | 'chi-square-corrected';
  /** χ² statistic (1 d.o.f., continuity-corrected); for the exact test, min(fixed, broken). */
  readonly statistic: number;
  /** Two-sided p-value of "A and B are equally often right". */
  readonly pValue: number;
}

/**
 * Below 25 discordant pairs the χ² approximation is poor, so the exact binomial is used there
 * (the usual rule of thumb; statsmodels and most textbooks use the same cut-off).
 */
export const MCNEMAR_EXACT_BELOW = 25;

/**
 * Exact test: under H0 each discordant pair is fixed or broken with probability ½, so
 * p = min(1, 2 · P[Bin(b + c, ½) ≤ min(b, c)]). Otherwise Edwards' continuity-corrected
 * χ² = (|b − c| − 1)² / (b + c), floored at 0 so that b = c gives p = 1 rather than a
 * correction overshoot, with p = P[χ²₁ ≥ stat] = erfc(√(stat/2)).
 */
export function mcnemarTest(fixed: number, broken: number, exactBelow: number = MCNEMAR_EXACT_BELOW): McNemarResult {
  const discordant = fixed + broken;
  if (discordant === 0) {
    return { fixed, broken, method: 'exact-binomial', statistic: 0, pValue: 1 };
  }
  if (discordant < exactBelow) {
    const k = Math.min(fixed, broken);
    return { fixed, broken, method: 'exact-binomial', statistic: k, pValue: Math.min(1, 2 * binomialHalfCdf(k, discordant)) };
  }
  const statistic = Math.max(0, Math.abs(fixed - broken) - 1) ** 2 / discordant;
  return { fixed, broken, method: 'chi-square-corrected', statistic, pValue: Math.min(1, erfc(Math.sqrt(statistic / 2))) };
}

/**
 * P[X ≤ k] for X ~ Bin(n, ½). Up to n = 1000 the terms C(n, i)/2ⁿ are built by exact-enough
 * products (2⁻ⁿ is a power of two, so small cases come out exact); beyond that 2⁻ⁿ underflows and
 * the sum is taken in log space.
 */
function binomialHalfCdf(k: number, n: number): number {
  if (n <= 1000) {
    let term = 2 ** -n;
    let sum = 0;
    for (let i = 0; i <= k; i++) {
      sum += term;
      term = (term * (n - i)) / (i + 1);
    }
    return sum;
  }
  const logHalfN = -n * Math.LN2;
  let logChoose = 0;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += Math.exp(logChoose + logHalfN);
    logChoose += Math.log((n - i) / (i + 1));
  }
  return sum;
}

/**
 * Complementary error function, Chebyshev fit from Numerical Recipes (erfcc), relative error
 * < 1.2e-7 everywhere — ample for a p-value.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
