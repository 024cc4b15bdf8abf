import AdvisorCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `#` lines of MySQL/MariaDB/Percona slow-log entries, and the server banner lines between
/// entries, read from bytes.
///
/// Entry header lines, in the order the servers write them (sql/log.cc, MariaDB log.cc):
/// `# Time: …` (MariaDB: only when the second changed), `# User@Host: u[u] @ host [ip]  Id: 12`,
/// Percona/MariaDB `# Thread_id: 4  Schema: shop  QC_hit: No`, `# Query_time: …` (MySQL 8
/// `log_slow_extra` appends its fields there), then `Key: value` lines and MariaDB `# explain:` lines.
enum SlowLogHeader {
    /// What a line starting with `#` is.
    enum Kind: Equatable {
        /// `# Time: …`, perhaps with `# User@Host: …` on the same line (MySQL 5.0/5.1).
        case time
        /// `# User@Host: …`
        case userHost
        /// `# Query_time: …` with more attributes after it.
        case queryTime
        /// `# administrator command: Quit;`: the entry's statement, written as a comment.
        case administratorCommand
        /// MariaDB `# explain: …` (tab-separated EXPLAIN output).
        case explain
        /// `# Key: value  Key: value …` (Percona, MariaDB and `log_slow_extra` counters).
        case attributes
        /// Anything else: `#`, `# No InnoDB statistics available for this query`, a comment.
        case comment
    }

    /// Where the text after `#` and its spaces starts.
    static func textStart(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 1
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        return i
    }

    /// Classifies a line whose first byte is `#`.
    static func kind(_ b: UnsafeBufferPointer<UInt8>) -> Kind {
        let i = textStart(b)
        guard i < b.count else { return .comment }
        switch b[i] {
        case 0x54 where hasPrefix(b, i, time): return .time
        case 0x55 where hasPrefix(b, i, userHost): return .userHost
        case 0x51 where hasPrefix(b, i, queryTime): return .queryTime
        case 0x61 where hasPrefix(b, i, administratorCommand): return .administratorCommand
        case 0x65 where hasPrefix(b, i, explain): return .explain
        default: break
        }
        // pt-query-digest's test for attribute lines: `# +[A-Z][A-Za-z_]+: \S+`.
        guard b[i] &- 0x41 < 26 else { return .comment }
        let k = keyEnd(b, from: i + 1)
        return k + 1 < b.count && b[k] == 0x3A && b[k + 1] == 0x20 ? .attributes : .comment
    }

    /// Calls `body` with each `Key: value` pair from `index` on; an empty value (Percona's
    /// `Schema:  Last_errno: 0` when no database is selected) is an empty range.
    @inline(__always)
    static func forEachAttribute(
        _ b: UnsafeBufferPointer<UInt8>, from index: Int, _ body: (Range<Int>, Range<Int>) -> Void
    ) {
        var i = index
        while i < b.count {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x23 { i += 1 }
            let keyStart = i
            i = keyEnd(b, from: i)
            guard i > keyStart, i < b.count, b[i] == 0x3A else {
                // Not a key (free text such as `No InnoDB statistics`): skip the word.
                i = wordEnd(b, from: i)
                continue
            }
            let key = keyStart..<i
            i += 1
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            let valueStart = i
            i = wordEnd(b, from: i)
            if i > valueStart && b[i - 1] == 0x3A && looksLikeKey(b, valueStart, i - 1) {
                // The next key: this one's value is empty.
                body(key, valueStart..<valueStart)
                i = valueStart
                continue
            }
            body(key, valueStart..<i)
        }
    }

    /// The seconds since the epoch of a `# Time:` line's value: ISO 8601 (`2024-05-10T17:45:09.474988Z`,
    /// `+08:00` with `log_timestamps=SYSTEM`) or `YYMMDD H:MM:SS`; and where the value ends.
    /// `minute` is the reader's last ISO minute (`LogTimestamp.Minute`).
    static func time(
        _ b: UnsafeBufferPointer<UInt8>, reusing minute: inout LogTimestamp.Minute
    ) -> (seconds: Double?, end: Int) {
        var i = textStart(b) + time.utf8CodeUnitCount
        while i < b.count, b[i] == 0x20 { i += 1 }
        if let (seconds, end) = LogTimestamp.parse(b, at: i, reusing: &minute)
            ?? LogTimestamp.parseShortSlowLog(b, at: i)
        {
            return (seconds, end)
        }
        return (nil, i)
    }

    /// Where `# User@Host:` starts on a `# Time:` line (MySQL 5.0 wrote both on one line), if it does.
    static func userHostOnTimeLine(_ b: UnsafeBufferPointer<UInt8>, after index: Int) -> Int? {
        var i = index
        while i < b.count {
            if b[i] == 0x23, hasPrefix(b, i + 2, userHost) || hasPrefix(b, i + 1, userHost) { return i }
            i += 1
        }
        return nil
    }

    /// The connection id of a `# User@Host: … Id: 12` line (MySQL 5.6+), if it has one.
    static func connectionID(_ b: UnsafeBufferPointer<UInt8>, from index: Int) -> Int64? {
        // Where servers write it, at the end (`Id:`, spaces, digits): read in place, not searched.
        var end = b.count
        while end > index, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        var digits = end
        while digits > index, b[digits - 1] &- 0x30 < 10 { digits -= 1 }
        var mark = digits
        while mark > index, b[mark - 1] == 0x20 { mark -= 1 }
        if digits < end, mark - 4 >= index, b[mark - 3] == 0x49, b[mark - 2] == 0x64, b[mark - 1] == 0x3A,
            b[mark - 4] == 0x20 || b[mark - 4] == 0x09
        {
            return integer(b, digits..<end)
        }
        // Searched from the end: the user and host parts before it are free text.
        var i = b.count - 1
        while i >= index + 3 {
            if b[i - 2] == 0x49 && b[i - 1] == 0x64 && b[i] == 0x3A && (b[i - 3] == 0x20 || b[i - 3] == 0x09) {
                var k = i + 1
                while k < b.count, b[k] == 0x20 { k += 1 }
                return integer(b, k..<b.count)
            }
            i -= 1
        }
        return nil
    }

    /// Whether the line is part of the banner a server writes when it (re)opens the log: at start,
    /// on `FLUSH LOGS` (`/usr/sbin/mysqld, Version: 8.0.36 (…). started with:`, `Tcp port: 3306
    /// Unix socket: …`, `Time                 Id Command    Argument`), as pt-query-digest recognises it.
    static func isServerBanner(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first else { return false }
        if first == 0x54 || first == 0x74 {
            if b.count >= 9, b[1] | 0x20 == 0x63, b[2] | 0x20 == 0x70, b[3] == 0x20, b[4] | 0x20 == 0x70,
                hasPrefix(b, 5, "ort:")
            {
                return true
            }
            if hasPrefix(b, 0, "Time") {
                var i = 4
                while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                guard i > 4, hasPrefix(b, i, "Id") else { return false }
                i += 2
                while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
                return hasPrefix(b, i, "Command")
            }
        }
        guard b.count < 4096, let at = versionMark(b) else { return false }
        return hasSuffix(b, Array("started with:".utf8)) || find(b, Array("embedded library".utf8), from: at) != nil
    }

    /// A decimal number (`0.036778`, `2`) in `range`.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        // The whole part in integer arithmetic while it stays below 2^53 (15 digits), where the
        // same sum in floating point is exact too, so both give the same value; a longer one goes
        // on as it always did.
        var digits: UInt64 = 0
        var i = range.lowerBound
        let integerEnd = min(range.upperBound, range.lowerBound + 15)
        while i < integerEnd, b[i] &- 0x30 < 10 {
            digits = digits &* 10 &+ UInt64(b[i] &- 0x30)
            i += 1
        }
        var whole = Double(digits)
        while i < range.upperBound, b[i] &- 0x30 < 10 {
            whole = whole * 10 + Double(b[i] &- 0x30)
            i += 1
        }
        guard i > range.lowerBound else { return nil }
        guard i < range.upperBound, b[i] == 0x2E else { return whole }
        i += 1
        return DecimalFraction.adding(b, from: &i, end: range.upperBound, to: whole)
    }

    /// A non-negative integer at the start of `range`.
    static func integer(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        var i = range.lowerBound
        while i < range.upperBound, b[i] &- 0x30 < 10 {
            value = value &* 10 &+ Int64(b[i] &- 0x30)
            i += 1
        }
        return i > range.lowerBound ? value : nil
    }

    /// `Yes`/`No` flags of Percona and MariaDB (`Full_scan: Yes`).
    static func flag(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool? {
        guard let first = range.first else { return nil }
        switch b[first] | 0x20 {
        case 0x79: return true
        case 0x6E: return false
        default: return nil
        }
    }

    /// Whether `b` holds `p` at `at`. Every `#` line is classified by its first word and every
    /// attribute matched by its key, so the bytes are compared in words, inline (a byte loop was
    /// a tenth of reading a header, and a call of `memcmp` ~30 instructions a key): whole words,
    /// then the last word overlapping the one before.
    @inline(__always)
    static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard at >= 0, at + n <= b.count, let base = b.baseAddress else { return false }
        let x = UnsafeRawPointer(base + at)
        let y = UnsafeRawPointer(p.utf8Start)
        func same<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> Bool {
            x.loadUnaligned(fromByteOffset: offset, as: T.self) == y.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
        if n >= 8 {
            var k = 0
            while k + 8 < n {
                guard same(UInt64.self, at: k) else { return false }
                k += 8
            }
            return same(UInt64.self, at: n - 8)
        }
        if n >= 4 { return same(UInt32.self, at: 0) && same(UInt32.self, at: n - 4) }
        for k in 0..<n where x.load(fromByteOffset: k, as: UInt8.self) != y.load(fromByteOffset: k, as: UInt8.self) {
            return false
        }
        return true
    }

    /// Where `d, Version: ` (a server banner's `mysqld, Version: `) starts in `b`, if it does:
    /// found from its `V`, which statement lines hold far less often than a comma (column lists)
    /// or a `d` (mostly in `VALUES`, once).
    private static func versionMark(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = b.baseAddress, b.count >= 12 else { return nil }
        var i = 3
        while i + 9 <= b.count {
            guard let hit = memchr(base + i, 0x56, b.count - 8 - i) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if b[i - 1] == 0x20, hasPrefix(b, i - 3, "d, Version: ") { return i - 3 }
            i += 1
        }
        return nil
    }

    static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: [UInt8]) -> Bool {
        guard at >= 0, at + p.count <= b.count else { return false }
        for k in 0..<p.count where b[at + k] != p[k] { return false }
        return true
    }

    // StaticStrings, not arrays: a static array is a lazy global, and these are read for every line.
    static let time: StaticString = "Time:"
    static let userHost: StaticString = "User@Host:"
    static let queryTime: StaticString = "Query_time:"
    static let administratorCommand: StaticString = "administrator command:"
    static let explain: StaticString = "explain:"

    static func isKeyByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F
    }

    // Attribute lines are over half of a MariaDB log's bytes: their keys and values are scanned
    // eight bytes at a time (one branch per word, not two or three per byte). Words are loaded
    // only where all eight bytes lie in `b`; the rest goes byte by byte.

    /// The first index from `start` on of a byte that is not a key byte (`[A-Za-z0-9_]`), or `b.count`.
    @inline(__always)
    static func keyEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = b.baseAddress {
            while i + 8 <= b.count {
                let lanes = nonKeyLanes(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                if lanes != 0 { return i + lanes.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < b.count, isKeyByte(b[i]) { i += 1 }
        return i
    }

    /// The first index from `start` on of a space or tab, or `b.count`.
    @inline(__always)
    static func wordEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = b.baseAddress {
            while i + 8 <= b.count {
                let x = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let lanes = WordBytes.lanes(of: 0x20, in: x) | WordBytes.lanes(of: 0x09, in: x)
                if lanes != 0 { return i + lanes.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < b.count, b[i] != 0x20 && b[i] != 0x09 { i += 1 }
        return i
    }

    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `x` that is not a key byte; the others 0.
    @inline(__always)
    static func nonKeyLanes(_ x: UInt64) -> UInt64 {
        // On the low seven bits of each byte `y`, `y + (0x80 - lo)` sets the byte's high bit
        // exactly when `y >= lo`, and never carries into the next byte.
        let y = x & ~highBits
        func atLeast(_ lo: UInt64) -> UInt64 { (y &+ lowBits &* (0x80 - lo)) & highBits }
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let upper = atLeast(0x41) & ~atLeast(0x5B)
        let lower = atLeast(0x61) & ~atLeast(0x7B)
        let underscore = ~((y ^ (lowBits &* 0x5F)) &+ lowBits &* 0x7F) & highBits
        // Bytes from 0x80 up are never key bytes, whatever their low bits.
        let key = (digit | upper | lower | underscore) & ~x
        return ~key & highBits
    }

    private static func looksLikeKey(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard to > from, b[from] &- 0x41 < 26 else { return false }
        for k in from..<to where !isKeyByte(b[k]) { return false }
        return true
    }

    private static func hasSuffix(_ b: UnsafeBufferPointer<UInt8>, _ s: [UInt8]) -> Bool {
        var end = b.count
        while end > 0, b[end - 1] == 0x20 { end -= 1 }
        return hasPrefix(UnsafeBufferPointer(rebasing: b[..<end]), end - s.count, s)
    }

    /// Where `s` first occurs in `b` at or after `from`.
    static func find(_ b: UnsafeBufferPointer<UInt8>, _ s: [UInt8], from: Int = 0) -> Int? {
        guard from + s.count <= b.count, let base = b.baseAddress else { return nil }
        // memchr to each candidate first byte: every statement line is searched for the banner's
        // `Version:`, so a byte-at-a-time loop here was a hot spot.
        var i = from
        while i + s.count <= b.count {
            guard let hit = memchr(base + i, Int32(s[0]), b.count - s.count + 1 - i) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if hasPrefix(b, i, s) { return i }
            i += 1
        }
        return nil
    }
}
