/// Timestamps as PostgreSQL logs write them, read from bytes into seconds since the epoch.
///
/// `%m`/`%t`/csv/json: `2024-06-27 00:00:07.369 CEST`; vendor wrappers: `2019-03-14T00:22:56+00:00`;
/// `%n`: `1669575482.096`. Zone abbreviations use a fixed table (a zone name's offset would be today's,
/// not the one in force when the line was written).
enum LogTimestamp {
    /// The last `YYYY-MM-DD HH:MM` a reader parsed, as its 16 bytes and its seconds: consecutive
    /// lines of a log mostly share their minute, which then costs a comparison instead of five
    /// numbers and a calendar computation.
    struct Minute {
        fileprivate var bytes: (UInt64, UInt64) = (0, 0)
        fileprivate var seconds = 0
    }

    /// The timestamp starting at `index`, and the index after it (zone included).
    static func parse(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> (seconds: Double, end: Int)? {
        var minute = Minute()
        return parse(b, at: index, reusing: &minute)
    }

    /// `parse(_:at:)`, reusing `minute` when the timestamp starts with it and keeping its own
    /// minute there otherwise.
    static func parse(
        _ b: UnsafeBufferPointer<UInt8>, at index: Int, reusing memo: inout Minute
    ) -> (seconds: Double, end: Int)? {
        var i = index
        let start: Int
        if let key = minuteBytes(b, at: i), key == memo.bytes, memo.bytes != (0, 0) {
            start = memo.seconds
            i += 16
        } else {
            // `YYYY-MM-DD`, then ' ' or 'T'.
            guard let year = digits(b, &i, 4), expect(b, &i, 0x2D), let month = digits(b, &i, 2),
                expect(b, &i, 0x2D), let day = digits(b, &i, 2), i < b.count, b[i] == 0x20 || b[i] == 0x54
            else { return nil }
            i += 1
            guard let hour = digits(b, &i, 2), expect(b, &i, 0x3A), let minute = digits(b, &i, 2) else { return nil }
            start = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60
            if let key = minuteBytes(b, at: index) { memo = Minute(bytes: key, seconds: start) }
        }
        guard expect(b, &i, 0x3A), let second = digits(b, &i, 2) else { return nil }
        let fraction = fractionalSeconds(b, &i)
        var offset = 0
        if i < b.count, b[i] == 0x5A {  // Z
            i += 1
        } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D, let (o, end) = numericOffset(b, i) {
            offset = o
            i = end
        } else if i + 1 < b.count, b[i] == 0x20, isZoneByte(b[i + 1]) {
            var end = i + 1
            while end < b.count, isZoneByte(b[end]) { end += 1 }
            if b[i + 1] == 0x2B || b[i + 1] == 0x2D {
                offset = numericOffset(b, i + 1)?.offset ?? 0
            } else {
                offset = abbreviationOffset(b, i + 1, end)
            }
            i = end
        }
        return (Double(start + second - offset) + fraction, i)
    }

    /// The 16 bytes at `index` (a `YYYY-MM-DD HH:MM` once parsed), if there are that many.
    private static func minuteBytes(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt64, UInt64)? {
        guard index >= 0, index + 16 <= b.count, let base = UnsafeRawPointer(b.baseAddress) else { return nil }
        return (
            base.loadUnaligned(fromByteOffset: index, as: UInt64.self),
            base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
        )
    }

    /// MySQL ≤ 5.6 and MariaDB slow-log `# Time: 090727 11:19:28` (`YYMMDD H:MM:SS`, the hour
    /// space-padded: `131128  1:05:31`), in the server's unknown local zone, read as UTC; two-digit
    /// years are 20YY as pt-query-digest assumes.
    static func parseShortSlowLog(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> (seconds: Double, end: Int)? {
        var i = index
        guard let year = digits(b, &i, 2), let month = digits(b, &i, 2), let day = digits(b, &i, 2),
            i < b.count, b[i] == 0x20
        else { return nil }
        while i < b.count, b[i] == 0x20 { i += 1 }
        var hour = 0
        let hourStart = i
        while i < b.count, i - hourStart < 2, b[i] &- 0x30 < 10 {
            hour = hour * 10 + Int(b[i] &- 0x30)
            i += 1
        }
        guard i > hourStart, expect(b, &i, 0x3A), let minute = digits(b, &i, 2), expect(b, &i, 0x3A),
            let second = digits(b, &i, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let fraction = fractionalSeconds(b, &i)
        let days = daysFromCivil(2000 + year, month, day)
        return (Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction, i)
    }

    /// `.123456` after the seconds (none: 0), advancing `i` past it.
    private static func fractionalSeconds(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Double {
        guard i < b.count, b[i] == 0x2E else { return 0 }
        i += 1
        return DecimalFraction.adding(b, from: &i, end: b.count, to: 0)
    }

    /// `%n`: seconds since the epoch with milliseconds.
    static func parseEpoch(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> (seconds: Double, end: Int)? {
        var i = index
        var whole = 0
        while i < b.count, b[i] &- 0x30 < 10 {
            whole = whole &* 10 &+ Int(b[i] &- 0x30)
            i += 1
        }
        guard i > index else { return nil }
        let fraction = fractionalSeconds(b, &i)
        return (Double(whole) + fraction, i)
    }

    /// Whether `bytes` start with `YYYY-MM-DD` (how csv records and timestamped prefixes begin).
    static func startsWithDate(_ b: UnsafeBufferPointer<UInt8>, at index: Int = 0) -> Bool {
        guard b.count >= index + 10 else { return false }
        for k in 0..<10 {
            let c = b[index + k]
            if k == 4 || k == 7 {
                if c != 0x2D { return false }
            } else if c &- 0x30 >= 10 {
                return false
            }
        }
        return true
    }

    private static func isZoneByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x2B || c == 0x2D
    }

    // Inlined, as `expect`: a slow-log entry's `# Time:` reads its seconds with one call of each,
    // which cost more than the digits.
    @inline(__always)
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: Int) -> Int? {
        guard i + count <= b.count else { return nil }
        var value = 0
        for k in 0..<count {
            let d = b[i + k] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        i += count
        return value
    }

    @inline(__always)
    private static func expect(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ byte: UInt8) -> Bool {
        guard i < b.count, b[i] == byte else { return false }
        i += 1
        return true
    }

    /// `+05`, `-0330`, `+05:30` → seconds east of UTC.
    private static func numericOffset(_ b: UnsafeBufferPointer<UInt8>, _ index: Int) -> (offset: Int, end: Int)? {
        let sign = b[index] == 0x2D ? -1 : 1
        var i = index + 1
        guard let hours = digits(b, &i, 2) else { return nil }
        var minutes = 0
        if i < b.count, b[i] == 0x3A, i + 2 < b.count, b[i + 1] &- 0x30 < 10 {
            i += 1
            minutes = digits(b, &i, 2) ?? 0
        } else if let m = digits(b, &i, 2) {
            minutes = m
        }
        return (sign * (hours * 3_600 + minutes * 60), i)
    }

    private static func abbreviationOffset(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var key = 0
        for k in from..<min(to, from + 5) { key = key << 8 | Int(b[k] & 0xDF) }
        return zoneOffsets[key] ?? 0
    }

    /// Common zone abbreviations, keyed by their upper-case ASCII bytes packed into an Int.
    private static let zoneOffsets: [Int: Int] = {
        let table: [(String, Int)] = [
            ("UTC", 0), ("GMT", 0), ("WET", 0), ("WEST", 1), ("BST", 1), ("CET", 1), ("CEST", 2), ("MET", 1),
            ("MEST", 2), ("EET", 2), ("EEST", 3), ("MSK", 3), ("IST", 5), ("JST", 9), ("KST", 9), ("HKT", 8),
            ("SGT", 8), ("AWST", 8), ("ACST", 9), ("AEST", 10), ("AEDT", 11), ("NZST", 12), ("NZDT", 13),
            ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5), ("MST", -7), ("MDT", -6), ("PST", -8),
            ("PDT", -7), ("AKST", -9), ("AKDT", -8), ("HST", -10), ("BRT", -3), ("ART", -3),
        ]
        var out: [Int: Int] = [:]
        for (name, hours) in table {
            var key = 0
            for c in name.utf8 { key = key << 8 | Int(c & 0xDF) }
            out[key] = hours * 3_600
        }
        return out
    }()

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
