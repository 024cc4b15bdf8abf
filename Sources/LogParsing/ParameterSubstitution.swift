/// Puts the values of a `DETAIL:  parameters: $1 = '42', $2 = NULL` line into the statement's `$n`
/// placeholders, so the sample text carries real literals (what a plan needs).
enum ParameterSubstitution {
    /// `sql` with each `$n` outside quotes replaced by its logged value; unknown `$n` stay as they are.
    static func substitute(_ parameters: String, into sql: String) -> String {
        let values = parse(Array(parameters.utf8))
        guard !values.isEmpty else { return sql }
        let b = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + values.values.reduce(0) { $0 + $1.count })
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x27 || c == 0x22 {  // copy a quoted literal or identifier whole
                let end = SQLQuote.end(in: b, from: i + 1, quote: c)
                out.append(contentsOf: b[i..<end])
                i = end
                continue
            }
            if c == 0x24, i + 1 < b.count, b[i + 1] &- 0x30 < 10, i == 0 || !isIdentifierByte(b[i - 1]) {
                var j = i + 1
                var n = 0
                while j < b.count, b[j] &- 0x30 < 10 {
                    n = n &* 10 &+ Int(b[j] &- 0x30)
                    j += 1
                }
                if let value = values[n] {
                    out.append(contentsOf: value)
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `$1 = '42', $2 = NULL, $3 = 'it''s'` → [1: `'42'`, 2: `NULL`, 3: `'it''s'`] (values as SQL literals).
    static func parse(_ b: [UInt8]) -> [Int: [UInt8]] {
        var values: [Int: [UInt8]] = [:]
        var i = 0
        while i < b.count {
            guard b[i] == 0x24 else {
                i += 1
                continue
            }
            var j = i + 1
            var n = 0
            while j < b.count, b[j] &- 0x30 < 10 {
                n = n &* 10 &+ Int(b[j] &- 0x30)
                j += 1
            }
            guard j > i + 1, j + 3 <= b.count, b[j] == 0x20, b[j + 1] == 0x3D, b[j + 2] == 0x20 else {
                i = j
                continue
            }
            j += 3
            if j < b.count, b[j] == 0x27 {
                let end = SQLQuote.end(in: b, from: j + 1, quote: 0x27)
                values[n] = Array(b[j..<end])
                i = end
            } else {
                var end = j
                while end < b.count, b[end] != 0x2C { end += 1 }
                values[n] = Array(b[j..<end])
                i = end
            }
        }
        return values
    }

    private static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F || c == 0x24
    }
}
