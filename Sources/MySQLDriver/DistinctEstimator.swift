/// Estimates a column's distinct values from a sample, the way PostgreSQL's ANALYZE does
/// (`compute_scalar_stats` in src/backend/commands/analyze.c).
///
/// With n non-NULL sampled rows holding d distinct values, f1 of which occur exactly once, and N
/// non-NULL rows in the table, the Duj1 estimator of Haas and Stokes ("Estimating the number of
/// classes in a finite population", JASA 1998) is
///
///     D = n·d / ((n − f1) + f1·n/N)
///
/// clamped to [d, N] and rounded. Two cases come first, as in PostgreSQL: no value repeats
/// (f1 = d) reads as a unique column, D = N; every value repeats (f1 = 0) reads as a closed set,
/// D = d. Duj1 assumes a random sample; the MySQL sampler reads ranges of the primary key (or the
/// first rows), so a column that follows insertion order can be misjudged, which is why the
/// sampler reads whole tables up to its row limit exactly.
enum DistinctEstimator {
    /// Distinct non-NULL values in a table of `tableNonNullRows` non-NULL rows.
    static func estimate(
        sampleNonNullRows n: Double, distinct d: Double, singletons f1: Double, tableNonNullRows N: Double
    )
        -> Double
    {
        guard n > 0, d > 0, N > 0 else { return 0 }
        if f1 >= d { return N.rounded() }
        if f1 <= 0 { return d }
        let estimate = (n * d) / ((n - f1) + f1 * n / N)
        return (min(max(estimate, d), N) + 0.5).rounded(.down)
    }
}
