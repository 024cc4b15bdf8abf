/// A cache key for pt-query-digest fingerprints that ignores what the fingerprint ignores: the
/// values of numbers and of quoted strings. Statements that differ only there share a key, so a
/// log whose statements all carry different literals still fingerprints each shape once.
///
/// The key must never join two statements whose fingerprints differ. It keeps every byte but
/// digits and string contents, and rewrites those only where every pass of `PerconaFingerprint`
/// treats them by class:
/// - a run of ASCII digits becomes one `0`: the passes test digits as `[0-9]`, `\d` or `\w` and
///   never count them, and the number pass turns every run (with what follows) into one `?`. The
///   exceptions keep their digits: mysqldump's `SELECT /*!40001 …` prefix, `administrator command:`
///   and `CALL name(` keep their text verbatim, and pt-table-checksum's `/*db.tbl:1/3*/` tag wants
///   exactly one digit, so a statement with a `/*` keeps every digit (each still becomes `0`).
/// - the bytes inside a `'…'` string are dropped (the key keeps `''`): every string becomes `?`,
///   and nothing before that pass looks inside one when the statement has no comment (`/*`, `--`,
///   `#`), no backslash and no `"` (which pair before `'` does). INSERT/REPLACE statements also
///   need strings free of `(`, `)` and `,`, which their first-tuple cut looks for in the raw text.
///   Other statements keep their string bytes (digits aside).
enum MySQLLiteralKey {
    /// Writes the key of `s` to `key` (room for `s.count` bytes: a key is never longer) and returns
    /// its length.
    static func key(of s: UnsafeBufferPointer<UInt8>, into key: UnsafeMutablePointer<UInt8>) -> Int {
        if keepsExactText(s) {
            if let base = s.baseAddress { key.update(from: base, count: s.count) }
            return s.count
        }
        let scan = scan(s)
        let dropStrings =
            scan.stringsOpaque
            && (firstWord(s, is: "select") || firstWord(s, is: "update") || firstWord(s, is: "delete")
                || (scan.stringsFreeOfTupleSyntax && (firstWord(s, is: "insert") || firstWord(s, is: "replace"))))
        var n = 0
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == quote && dropStrings, let close = nextQuote(s, after: i) {
                key[n] = quote
                key[n + 1] = quote
                n += 2
                i = close + 1
            } else if c &- zero < 10 {
                key[n] = zero
                n += 1
                i += 1
                if scan.digitRunsCollapse { while i < s.count, s[i] &- zero < 10 { i += 1 } }
            } else {
                key[n] = c
                n += 1
                i += 1
            }
        }
        return n
    }

    private static let quote = UInt8(ascii: "'")
    private static let zero = UInt8(ascii: "0")

    private struct Scan {
        var stringsOpaque = true
        var digitRunsCollapse = true
        var stringsFreeOfTupleSyntax = true
    }

    /// One pass over the statement for the conditions in the type's notes.
    private static func scan(_ s: UnsafeBufferPointer<UInt8>) -> Scan {
        var out = Scan()
        var previous: UInt8 = 0
        var inString = false
        for c in s {
            if c == quote { inString.toggle() }
            switch c {
            case UInt8(ascii: "\\"), UInt8(ascii: "#"), UInt8(ascii: "\""): out.stringsOpaque = false
            case UInt8(ascii: "-") where previous == UInt8(ascii: "-"): out.stringsOpaque = false
            case UInt8(ascii: "*") where previous == UInt8(ascii: "/"):
                out.stringsOpaque = false
                out.digitRunsCollapse = false
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","):
                if inString { out.stringsFreeOfTupleSyntax = false }
            default: break
            }
            previous = c
        }
        return out
    }

    private static func nextQuote(_ s: UnsafeBufferPointer<UInt8>, after i: Int) -> Int? {
        var k = i + 1
        while k < s.count {
            if s[k] == quote { return k }
            k += 1
        }
        return nil
    }

    /// Statements whose fingerprint keeps their text, or tests exact digits.
    private static func keepsExactText(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasPrefix(s, "SELECT /*!") || hasPrefix(s, "administrator command: ") { return true }
        return firstWord(s, is: "call")
    }

    private static func firstWord(_ s: UnsafeBufferPointer<UInt8>, is word: StaticString) -> Bool {
        var i = 0
        while i < s.count, s[i] == 0x20 || (s[i] >= 0x09 && s[i] <= 0x0D) { i += 1 }
        let n = word.utf8CodeUnitCount
        guard i + n <= s.count else { return false }
        for k in 0..<n where s[i + k] | 0x20 != word.utf8Start[k] { return false }
        // A word ends where no word character follows.
        guard i + n < s.count else { return true }
        let next = s[i + n]
        let lower = next | 0x20
        return !((lower >= 0x61 && lower <= 0x7A) || next &- zero < 10 || next == 0x5F)
    }

    private static func hasPrefix(_ s: UnsafeBufferPointer<UInt8>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard n <= s.count else { return false }
        for k in 0..<n where s[k] != p.utf8Start[k] { return false }
        return true
    }
}
