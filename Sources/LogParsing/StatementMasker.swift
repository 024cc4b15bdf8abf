/// A cheap normalization for statements the SQL parser rejects: literals become `?`, whitespace
/// collapses, keywords and identifiers fold to lower case, comments go. Those statements still
/// group (and count) by this text.
enum StatementMasker {
    /// The normalized text.
    static func mask(_ sql: String) -> String {
        let b = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        func space() { if let last = out.last, last != 0x20 { out.append(0x20) } }
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                space()
                i += 1
            case 0x27:  // 'string'
                i = SQLQuote.end(in: b, from: i + 1, quote: 0x27)
                out.append(0x3F)
            case 0x22:  // "identifier": kept as written
                let end = SQLQuote.end(in: b, from: i + 1, quote: 0x22)
                out.append(contentsOf: b[i..<end])
                i = end
            case 0x2D where i + 1 < b.count && b[i + 1] == 0x2D:  // -- comment
                while i < b.count, b[i] != 0x0A { i += 1 }
                space()
            case 0x2F where i + 1 < b.count && b[i + 1] == 0x2A:  // /* comment */
                i += 2
                while i + 1 < b.count, !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
                i = min(b.count, i + 2)
                space()
            case _ where c &- 0x30 < 10 && (out.isEmpty || !isWordByte(out[out.count - 1])):
                while i < b.count, b[i] &- 0x30 < 10 || b[i] == 0x2E || (b[i] | 0x20) == 0x65 { i += 1 }
                out.append(0x3F)
            default:
                out.append(c &- 0x41 < 26 ? c | 0x20 : c)
                i += 1
            }
        }
        while out.last == 0x20 || out.last == 0x3B { out.removeLast() }
        if out.first == 0x20 { out.removeFirst() }
        return String(decoding: out, as: UTF8.self)
    }

    /// A stable 64-bit FNV-1a hash of the normalized text, as 16 hex digits (libpg_query ids look alike).
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in text.utf8 {
            h ^= UInt64(c)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F || c == 0x24 || c >= 0x80
    }
}
