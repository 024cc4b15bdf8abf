/// A cache key for libpg_query fingerprints that ignores the values of numeric and plain string
/// constants, so statements logged with their literals inline are parsed once per shape.
///
/// libpg_query's fingerprint skips constants (A_Const) and its normalized text replaces each one by
/// `$n` in order, so two statements that differ only in constants' values get the same
/// fingerprint. The key rewrites only such constants, and only in DML (SELECT, INSERT, UPDATE,
/// DELETE, WITH, VALUES), where a number or `'…'` string is always a constant:
/// - a numeric literal's digit runs become one `0` each (a digit run starts a literal when no
///   identifier character or `$` precedes it, so `t1` and `$1` stay as they are);
/// - a `'…'` string's contents are dropped (the key keeps `''`);
/// - except that integers in ORDER BY, GROUP BY and DISTINCT ON lists are column positions, kept
///   verbatim by the normalized text, so digits there stay as they are.
/// Statements where this could touch anything else keep their exact text: any comment (`--`,
/// `/*`, kept verbatim in the normalized text), `"` identifiers, dollar quoting, backslashes,
/// strings with a prefix (`E'…'`, `U&'…'`, `B'…'`, `X'…'`, `N'…'`), whose contents can fail to
/// parse, and type modifiers, which are numbers the normalized text keeps (`::`, `CAST`,
/// `INTERVAL`, and `type(n) '…'` literals).
enum PostgresLiteralKey {
    /// Writes the key of `s` to `key` (room for `s.count` bytes: a key is never longer) and returns
    /// its length.
    static func key(of s: UnsafeBufferPointer<UInt8>, into key: UnsafeMutablePointer<UInt8>) -> Int {
        guard isPlainDML(s) else {
            if let base = s.baseAddress { key.update(from: base, count: s.count) }
            return s.count
        }
        var n = 0
        var i = 0
        // Integers in ORDER BY, GROUP BY and DISTINCT ON lists are column positions, which the
        // normalized text keeps: digits there stay exact (until the list's clause ends).
        var positional = false
        var positionalDepth = 0
        var depth = 0
        var afterOrderOrGroup = false
        var afterDistinct = false
        while i < s.count {
            let c = s[i]
            if c == quote {
                var close = i + 1
                while close < s.count, s[close] != quote { close += 1 }
                key[n] = quote
                key[n + 1] = quote
                n += 2
                i = close + 1
            } else if isDigit(c) && (i == 0 || !isIdentifier(s[i - 1])) && !positional {
                key[n] = zero
                n += 1
                i += 1
                while i < s.count, isDigit(s[i]) { i += 1 }
            } else if isLetter(c) && (i == 0 || !isIdentifier(s[i - 1])) {
                var end = i
                while end < s.count, isIdentifier(s[end]) {
                    key[n] = s[end]
                    n += 1
                    end += 1
                }
                let word = UnsafeBufferPointer(rebasing: s[i..<end])
                if equals(word, "cast") || equals(word, "interval") {
                    // Type modifiers follow: the statement keeps its exact text.
                    if let base = s.baseAddress { key.update(from: base, count: s.count) }
                    return s.count
                }
                if equals(word, "by") && afterOrderOrGroup || equals(word, "on") && afterDistinct {
                    positional = true
                    positionalDepth = depth
                } else if positional && depth == positionalDepth && endsList(word) {
                    positional = false
                }
                afterOrderOrGroup = equals(word, "order") || equals(word, "group")
                afterDistinct = equals(word, "distinct")
                i = end
            } else {
                if c == UInt8(ascii: "(") { depth += 1 }
                if c == UInt8(ascii: ")") {
                    depth -= 1
                    if depth < positionalDepth { positional = false }
                }
                key[n] = c
                n += 1
                i += 1
            }
        }
        return n
    }

    /// Words that end an ORDER BY / GROUP BY list at its own level.
    private static func endsList(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        // A switch on the first letter, not an array of words: this runs for every word of a list.
        switch (word.first ?? 0) | 0x20 {
        case 0x6C: return equals(word, "limit")
        case 0x6F: return equals(word, "offset") || equals(word, "order")
        case 0x66: return equals(word, "fetch") || equals(word, "for")
        case 0x68: return equals(word, "having")
        case 0x77: return equals(word, "window")
        case 0x75: return equals(word, "union")
        case 0x65: return equals(word, "except")
        case 0x69: return equals(word, "intersect")
        case 0x72: return equals(word, "returning")
        default: return false
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool {
        let lower = c | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || c == 0x5F || c >= 0x80
    }

    private static func equals(_ word: UnsafeBufferPointer<UInt8>, _ target: StaticString) -> Bool {
        guard word.count == target.utf8CodeUnitCount else { return false }
        let t = target.utf8Start
        for k in 0..<word.count where word[k] | 0x20 != t[k] { return false }
        return true
    }

    private static let quote = UInt8(ascii: "'")
    private static let zero = UInt8(ascii: "0")

    /// DML without anything the rewrite could misread (see the type's notes).
    private static func isPlainDML(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < s.count, s[i] == 0x20 || (s[i] >= 0x09 && s[i] <= 0x0D) { i += 1 }
        guard i < s.count else { return false }
        let dml: Bool
        switch s[i] | 0x20 {
        case 0x73: dml = startsWord(s, at: i, "select")
        case 0x69: dml = startsWord(s, at: i, "insert")
        case 0x75: dml = startsWord(s, at: i, "update")
        case 0x64: dml = startsWord(s, at: i, "delete")
        case 0x77: dml = startsWord(s, at: i, "with")
        case 0x76: dml = startsWord(s, at: i, "values")
        default: dml = false
        }
        guard dml else { return false }
        var previous: UInt8 = 0
        var lastSolid: UInt8 = 0
        var inString = false
        for c in s {
            if c == quote {
                // An opening quote right after a letter is a prefixed string (E'…', U&'…', B'…').
                if !inString && (isIdentifier(previous) || previous == UInt8(ascii: "&")) { return false }
                // `varchar(3) 'x'`: a typed literal with a type modifier.
                if !inString && lastSolid == UInt8(ascii: ")") { return false }
                inString.toggle()
            } else if !inString {
                switch c {
                case UInt8(ascii: "\""): return false
                case UInt8(ascii: "-") where previous == UInt8(ascii: "-"): return false
                case UInt8(ascii: "*") where previous == UInt8(ascii: "/"): return false
                case UInt8(ascii: ":") where previous == UInt8(ascii: ":"): return false
                default:
                    // `$1` is a parameter; `$` before anything else is dollar quoting (or part of a name).
                    if previous == UInt8(ascii: "$") && !isDigit(c) { return false }
                }
            }
            // Backslashes mean escapes wherever standard_conforming_strings is off.
            if c == UInt8(ascii: "\\") { return false }
            previous = c
            if c > 0x20 { lastSolid = c }
        }
        // An unterminated string is a parse error whose message quotes it.
        return !inString && previous != UInt8(ascii: "$")
    }

    private static func isDigit(_ c: UInt8) -> Bool { c &- zero < 10 }

    /// Characters that continue an identifier (or a `$n` parameter), non-ASCII letters included.
    private static func isIdentifier(_ c: UInt8) -> Bool {
        let lower = c | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || isDigit(c) || c == 0x5F || c == 0x24 || c >= 0x80
    }

    private static func startsWord(_ s: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= s.count else { return false }
        for k in 0..<n where s[i + k] | 0x20 != word.utf8Start[k] { return false }
        return i + n == s.count || !isIdentifier(s[i + n])
    }
}
