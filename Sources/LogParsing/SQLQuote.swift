/// Quoted SQL text (`'literal'`, `"identifier"`) scanned as bytes.
enum SQLQuote {
    /// Index just after the quote that closes a quoted run starting before `from`; a doubled quote is
    /// an escaped one (SQL standard). Unterminated text runs to the end.
    static func end(in b: [UInt8], from: Int, quote: UInt8) -> Int {
        var i = from
        while i < b.count {
            if b[i] == quote {
                if i + 1 < b.count, b[i + 1] == quote {
                    i += 2
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return b.count
    }
}
