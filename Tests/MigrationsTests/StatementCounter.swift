/// Counts `;`-terminated statements outside comments, strings and quoted identifiers, written
/// independently of the module's own scanner so the tests do not check the code with itself.
enum StatementCounter {
    /// The statements in `sql`, or `nil` when text is left after the last `;`
    /// or a quote or comment is left open.
    static func statements(in sql: String) -> Int? {
        var count = 0
        var pendingText = false
        var iterator = Array(sql).makeIterator()
        var lookahead: Character? = nil
        func next() -> Character? {
            if let c = lookahead {
                lookahead = nil
                return c
            }
            return iterator.next()
        }
        while let c = next() {
            switch c {
            case "-":
                let d = next()
                if d == "-" {
                    while let e = next(), e != "\n" {}
                } else {
                    pendingText = true
                    lookahead = d
                }
            case "'", "\"", "`":
                pendingText = true
                var closed = false
                while let e = next() {
                    if e == c {
                        let f = next()
                        if f == c { continue }
                        lookahead = f
                        closed = true
                        break
                    }
                }
                if !closed { return nil }
            case ";":
                guard pendingText else { return nil }  // an empty statement
                count += 1
                pendingText = false
            default:
                if !c.isWhitespace { pendingText = true }
            }
        }
        return pendingText ? nil : count
    }
}
