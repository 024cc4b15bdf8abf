/// The fallback when no known `log_line_prefix` fits: everything before the first severity word
/// (`LOG:`, `ERROR:`…) is the prefix; time, pid and database are picked out of it where they look familiar.
enum GenericPrefix {
    static func match(_ b: UnsafeBufferPointer<UInt8>) -> PrefixMatch? {
        // The prefix is short; a severity word far into the line is message text, not a prefix.
        let limit = min(b.count, 400)
        var i = 0
        while i < limit {
            if b[i] &- 0x41 < 26, i == 0 || b[i - 1] == 0x20 {
                var end = i
                while end < limit, b[end] &- 0x41 < 26 || b[end] &- 0x30 < 10 { end += 1 }
                if end < b.count, b[end] == 0x3A, LogSeverity.isKnown(b, i, end),
                    let (severity, start) = LogSeverity.parse(b, at: i)
                {
                    var result = PrefixMatch(severity: severity, messageStart: start)
                    fields(b, prefixEnd: i, into: &result)
                    return result
                }
                i = end
            }
            i += 1
        }
        return nil
    }

    private static func fields(_ b: UnsafeBufferPointer<UInt8>, prefixEnd: Int, into result: inout PrefixMatch) {
        var i = 0
        while i < prefixEnd, b[i] == 0x20 { i += 1 }
        if LogTimestamp.startsWithDate(b, at: i) { result.time = LogTimestamp.parse(b, at: i)?.seconds }
        // pid: the first `[digits]`; database: after `db=` or `database=`.
        var k = 0
        while k < prefixEnd {
            if result.pid == nil, b[k] == 0x5B {
                var j = k + 1
                var pid = 0
                while j < prefixEnd, b[j] &- 0x30 < 10 {
                    pid = pid * 10 + Int(b[j] &- 0x30)
                    j += 1
                }
                if j > k + 1, j < prefixEnd, b[j] == 0x5D { result.pid = pid }
            }
            if result.database == nil, k + 3 <= prefixEnd, b[k] == 0x64, b[k + 1] == 0x62, b[k + 2] == 0x3D,
                k == 0 || b[k - 1] == 0x20 || b[k - 1] == 0x2C
            {
                var j = k + 3
                while j < prefixEnd, b[j] != 0x2C, b[j] != 0x20 { j += 1 }
                result.database = (k + 3)..<j
            }
            k += 1
        }
    }
}
