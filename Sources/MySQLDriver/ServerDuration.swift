/// Converts the servers' duration encodings to numbers without going through floating-point text.
enum ServerDuration {
    /// Microseconds in a `TIME(6)` value as the server prints it: `00:00:12.000215`, `838:59:59.000000`
    /// (TIME ranges to 838 hours), with 0 to 6 fraction digits. `nil` when it is not such a value.
    /// mysql.slow_log stores query_time and lock_time this way (facts.md, MySQL and MariaDB §3).
    static func microseconds(time text: String) -> Int64? {
        var rest = Substring(text)
        var negative = false
        if rest.hasPrefix("-") {
            negative = true
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let hours = digits(fields[0]), let minutes = digits(fields[1]), minutes < 60
        else { return nil }
        let secondParts = fields[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let seconds = digits(secondParts[0]), seconds < 60 else { return nil }
        var fraction: Int64 = 0
        if secondParts.count == 2 {
            let digitsText = secondParts[1]
            guard digitsText.count <= 6, let value = digits(digitsText) else { return nil }
            fraction = value
            for _ in digitsText.count..<6 { fraction *= 10 }
        }
        let total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + fraction
        return negative ? -total : total
    }

    /// Milliseconds in a `TIME(6)` value; exact to the microsecond the server stored.
    static func milliseconds(time text: String) -> Double? {
        microseconds(time: text).map { Double($0) / 1000 }
    }

    /// Milliseconds in a performance_schema timer value (picoseconds, an unsigned 64-bit integer).
    /// Whole milliseconds and the remainder are converted apart, so sums beyond 2^53 ps (2.5 hours)
    /// keep their sub-millisecond digits.
    static func milliseconds(picoseconds text: String) -> Double? {
        guard let ps = UInt64(text) else { return nil }
        return Double(ps / 1_000_000_000) + Double(ps % 1_000_000_000) / 1_000_000_000
    }

    private static func digits(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }
}
