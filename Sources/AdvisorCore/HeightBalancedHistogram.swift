/// MariaDB's binary height-balanced histogram of a numeric column (`mysql.column_stats`,
/// `SINGLE_PREC_HB` / `DOUBLE_PREC_HB`): every bucket holds the same share of the non-NULL rows,
/// and each bucket's end point is stored as a position between the column's minimum and maximum.
///
/// A value that ends several buckets fills them: that is how the histogram shows a frequent value
/// that `avg_frequency` averages away. `frequency(of:)` follows MariaDB's own
/// `Histogram_binary::point_selectivity` (sql/sql_statistics.h).
public struct HeightBalancedHistogram: Codable, Equatable, Sendable {
    public var minimum: Double
    public var maximum: Double
    /// Bucket end points as stored: integers from 0 to `precision`, in order.
    public var endpoints: [Int]
    /// 255 for SINGLE_PREC_HB (one byte per end point), 65535 for DOUBLE_PREC_HB (two).
    public var precision: Int

    public init(minimum: Double, maximum: Double, endpoints: [Int], precision: Int) {
        self.minimum = minimum
        self.maximum = maximum
        self.endpoints = endpoints
        self.precision = precision
    }

    /// Decodes `mysql.column_stats.histogram` given as hex (`HEX(histogram)`), with the column's
    /// `min_value`/`max_value`; `nil` unless the type is binary and the bounds are numbers.
    public init?(type: String, hex: String, minimum: String, maximum: String) {
        let width: Int
        switch type.uppercased() {
        case "SINGLE_PREC_HB": width = 1
        case "DOUBLE_PREC_HB": width = 2
        default: return nil
        }
        guard let low = Double(minimum), let high = Double(maximum), high >= low else { return nil }
        var bytes: [Int] = []
        var digits = hex.utf8.makeIterator()
        while let a = digits.next(), let b = digits.next() {
            guard let high = Self.nibble(a), let low = Self.nibble(b) else { return nil }
            bytes.append(high << 4 | low)
        }
        guard !bytes.isEmpty, bytes.count % width == 0 else { return nil }
        // DOUBLE_PREC_HB stores each end point as a little-endian uint16 (int2store).
        let points = stride(from: 0, to: bytes.count, by: width).map { i in
            width == 1 ? bytes[i] : bytes[i] | bytes[i + 1] << 8
        }
        self.init(minimum: low, maximum: high, endpoints: points, precision: width == 1 ? 255 : 65535)
    }

    /// The share of non-NULL rows equal to `value` when it ends more than one bucket (a frequent
    /// value); `nil` when it fits in one bucket, where only the column's average applies.
    public func frequency(of value: Double) -> Double? {
        guard !endpoints.isEmpty, maximum > minimum else { return nil }
        let position = min(1, max(0, (value - minimum) / (maximum - minimum)))
        let stored = Int(position * Double(precision))
        guard let first = endpoints.firstIndex(where: { $0 >= stored }), endpoints[first] == stored else { return nil }
        var last = first
        while last + 1 < endpoints.count, endpoints[last + 1] == stored { last += 1 }
        guard last > first else { return nil }
        // width end points delimit width + 1 buckets of equal height.
        return Double(last - first + 1) / Double(endpoints.count + 1)
    }

    private static func nibble(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - UInt8(ascii: "A") + 10)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a") + 10)
        default: nil
        }
    }
}
