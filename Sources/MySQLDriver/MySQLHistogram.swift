import AdvisorCore
import Foundation

/// A MySQL 8 column histogram (`information_schema.COLUMN_STATISTICS.HISTOGRAM`) as column statistics.
///
/// The JSON document (dev.mysql.com/doc/refman/8.0/en/optimizer-statistics.html) has
/// `histogram-type` `singleton` (buckets `[value, cumulative frequency]`) or `equi-height`
/// (`[lower, upper, cumulative frequency, distinct values]`), `null-values` and `sampling-rate`.
/// Frequencies are fractions of all rows, NULLs included, so the last bucket ends at
/// 1 − null-values. String values are encoded as `base64:type254:<base64>`.
struct MySQLHistogram: Equatable {
    enum Kind: String {
        case singleton
        case equiHeight = "equi-height"
    }

    var kind: Kind
    var nullFraction: Double
    var samplingRate: Double
    /// Singleton: each value and the fraction of rows holding it, in bucket (value) order.
    var values: [(value: String, frequency: Double)]
    /// Equi-height: the sum of the buckets' distinct counts.
    var bucketDistinctSum: Double?

    /// Decodes the document; `nil` when it is not a histogram this reader understands.
    init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let kind = (object["histogram-type"] as? String).flatMap(Kind.init(rawValue:)),
            let buckets = object["buckets"] as? [[Any]]
        else { return nil }
        self.kind = kind
        nullFraction = Self.number(object["null-values"]) ?? 0
        samplingRate = Self.number(object["sampling-rate"]) ?? 1
        values = []
        switch kind {
        case .singleton:
            var previous = 0.0
            for bucket in buckets {
                guard bucket.count >= 2, let cumulative = Self.number(bucket[1]) else { return nil }
                values.append((Self.text(bucket[0]), cumulative - previous))
                previous = cumulative
            }
        case .equiHeight:
            var sum = 0.0
            for bucket in buckets {
                guard bucket.count >= 4, let distinct = Self.number(bucket[3]) else { return nil }
                sum += distinct
            }
            bucketDistinctSum = sum
        }
    }

    /// What maps onto `ColumnStatistics`. Distinct counts are given only for a histogram built
    /// from every row (`sampling-rate` 1): counting a sample's values undercounts the column's.
    var statistics: ColumnStatistics {
        let exact = samplingRate >= 1
        switch kind {
        case .singleton:
            // Most common first, like PostgreSQL's most_common_vals; ties keep value order.
            let ranked = values.enumerated().sorted {
                $0.element.frequency != $1.element.frequency
                    ? $0.element.frequency > $1.element.frequency : $0.offset < $1.offset
            }.map(\.element)
            return ColumnStatistics(
                nullFraction: nullFraction, distinctValues: exact ? Double(values.count) : nil,
                mostCommonValues: ranked.map(\.value), mostCommonFrequencies: ranked.map(\.frequency))
        case .equiHeight:
            return ColumnStatistics(nullFraction: nullFraction, distinctValues: exact ? bucketDistinctSum : nil)
        }
    }

    static func == (a: MySQLHistogram, b: MySQLHistogram) -> Bool {
        a.kind == b.kind && a.nullFraction == b.nullFraction && a.samplingRate == b.samplingRate
            && a.values.map(\.value) == b.values.map(\.value) && a.values.map(\.frequency) == b.values.map(\.frequency)
            && a.bucketDistinctSum == b.bucketDistinctSum
    }

    private static func number(_ any: Any?) -> Double? {
        switch any {
        case let n as NSNumber: n.doubleValue
        case let s as String: Double(s)
        default: nil
        }
    }

    /// Bucket values as text: numbers and dates as JSON gives them, strings decoded from base64.
    private static func text(_ any: Any) -> String {
        switch any {
        case let s as String:
            // "base64:type254:YWJj": the prefix names the MySQL field type of the encoded bytes.
            let parts = s.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == "base64", let data = Data(base64Encoded: String(parts[2])) {
                return String(decoding: data, as: UTF8.self)
            }
            return s
        case let n as NSNumber:
            return n.stringValue
        default:
            return "\(any)"
        }
    }
}
