import Foundation

/// Execution times of one query group as a log-bucket histogram: fixed memory whatever the number
/// of calls, mergeable, and good for approximate quantiles (p95, p99).
///
/// The buckets are pt-query-digest's: bucket 0 holds everything below 1 µs, bucket k ≥ 1 holds
/// [1 µs · 1.05^(k-1), 1 µs · 1.05^k), and the last one everything above (about 1.4e12 s). A quantile
/// is the upper bound of the bucket that holds it, clamped to the observed min and max, so it is at
/// most 5% above the exact value (and never below it, nor outside [min, max]). Counts are kept
/// for the occupied range of buckets only, which is a few hundred bytes for a typical group and at
/// most `bucketCount` × 8 bytes.
public struct TimeDistribution: Codable, Equatable, Hashable, Sendable {
    /// Number of buckets (pt-query-digest's).
    public static let bucketCount = 1_000
    /// Lower bound of bucket 1, in ms (1 µs).
    public static let baseMs = 0.001
    /// Ratio between consecutive bucket bounds.
    public static let growth = 1.05
    private static let logGrowth = log(growth)

    /// Index of the first bucket in `counts`.
    public private(set) var offset: Int
    /// Counts of buckets `offset…offset + counts.count - 1`.
    public private(set) var counts: [UInt64]
    /// Smallest and largest recorded times in ms (exact); nil while empty.
    public private(set) var minMs: Double?
    public private(set) var maxMs: Double?

    /// An empty distribution.
    public init() {
        offset = 0
        counts = []
    }

    /// Calls recorded.
    public var count: Int { counts.reduce(0) { $0 + Int($1) } }

    /// The bucket of a time in ms.
    public static func bucket(ofMs ms: Double) -> Int {
        guard ms >= baseMs else { return 0 }
        var index = Int((log(ms / baseMs) / logGrowth).rounded(.down)) + 1
        // The logarithm can land one off at a bound; the bounds themselves decide.
        if index < bucketCount - 1 && upperBoundMs(ofBucket: index) <= ms { index += 1 }
        if index > 1 && upperBoundMs(ofBucket: index - 1) > ms { index -= 1 }
        return min(index, bucketCount - 1)
    }

    /// The upper bound of bucket `index` in ms.
    public static func upperBoundMs(ofBucket index: Int) -> Double {
        upperBounds[index]
    }

    /// Computed once: `pow` per recorded call showed in profiles.
    private static let upperBounds = (0..<bucketCount).map { baseMs * pow(growth, Double($0)) }

    /// Records one execution time in ms.
    public mutating func record(ms: Double) {
        add(bucket: Self.bucket(ofMs: ms), count: 1)
        minMs = Swift.min(minMs ?? ms, ms)
        maxMs = Swift.max(maxMs ?? ms, ms)
    }

    /// Adds another distribution's calls (the distribution of both sets of executions).
    public mutating func merge(_ other: TimeDistribution) {
        for (k, c) in other.counts.enumerated() where c > 0 { add(bucket: other.offset + k, count: c) }
        if let low = other.minMs { minMs = Swift.min(minMs ?? low, low) }
        if let high = other.maxMs { maxMs = Swift.max(maxMs ?? high, high) }
    }

    /// The approximate `q`-quantile (0…1) in ms: the upper bound of the bucket holding the
    /// ⌈q·n⌉-th smallest time, clamped to [min, max]; nil when empty.
    public func quantileMs(_ q: Double) -> Double? {
        let total = count
        guard total > 0, let minMs, let maxMs else { return nil }
        let rank = Swift.max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (k, c) in counts.enumerated() {
            seen += Int(c)
            if seen >= rank {
                let bound = Self.upperBoundMs(ofBucket: offset + k)
                return Swift.min(Swift.max(bound, minMs), maxMs)
            }
        }
        return maxMs
    }

    private mutating func add(bucket: Int, count: UInt64) {
        if counts.isEmpty {
            offset = bucket
            counts = [count]
            return
        }
        if bucket < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - bucket), at: 0)
            offset = bucket
        } else if bucket >= offset + counts.count {
            counts.append(contentsOf: repeatElement(0, count: bucket - offset - counts.count + 1))
        }
        counts[bucket - offset] &+= count
    }
}
