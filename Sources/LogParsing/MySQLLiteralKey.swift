import AdvisorCore
import SQLParsing

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
/// - a multi-row INSERT/REPLACE without `/*` is keyed by the part the fingerprint keeps, up to its
///   first tuple (`MySQLParser.multiRowInsertFirstTupleEnd`): the fingerprint of the statement is
///   the fingerprint of that part, so rows beyond the first never make a new key.
enum MySQLLiteralKey {
    /// Writes the key of `s` to `key` (room for `s.count` bytes: a key is never longer) and returns
    /// its length.
    static func key(of s: UnsafeBufferPointer<UInt8>, into key: UnsafeMutablePointer<UInt8>) -> Int {
        let word = firstWord(s)
        if word == .call || keepsExactText(s) {
            if let base = s.baseAddress { key.update(from: base, count: s.count) }
            return s.count
        }
        if word != .other, let n = dmlKey(of: s, insert: word == .insert || word == .replace, into: key) { return n }
        return generalKey(of: s, word, into: key)
    }

    /// The first words the key treats apart.
    private enum Word {
        case select, update, delete, insert, replace, call, other
    }

    /// Byte classes of the fast pass: 0 copies the byte.
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for digit in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(digit)] = 1 }
        table[Int(UInt8(ascii: "'"))] = 2
        for c in "\\#\"".utf8 { table[Int(c)] = 3 }
        table[Int(UInt8(ascii: "-"))] = 4
        table[Int(UInt8(ascii: "*"))] = 5
        return table
    }()

    /// The key of a SELECT/UPDATE/DELETE/INSERT/REPLACE in one pass, strings dropped and digit runs
    /// collapsed; nil when the statement turns out to need `generalKey` (a comment, an escape, a `"`,
    /// a string with tuple syntax in an INSERT, an unclosed string).
    private static func dmlKey(
        of statement: UnsafeBufferPointer<UInt8>, insert: Bool, into key: UnsafeMutablePointer<UInt8>
    ) -> Int? {
        guard let base = statement.baseAddress else { return 0 }
        var count = statement.count
        if insert {
            // The toolkit-tag test reads the whole text, so only a statement without `/*` is cut.
            if contains(statement, UInt8(ascii: "/"), UInt8(ascii: "*")) { return nil }
            if let end = MySQLParser.multiRowInsertFirstTupleEnd(statement) { count = end + 1 }
        }
        return classes.withUnsafeBufferPointer { table -> Int? in
            // Wrapping arithmetic and a tight loop for plain bytes: this runs over every statement.
            var n = 0
            var i = 0
            while i < count {
                // Sixteen plain bytes at a time, then eight at a time up to the first byte the
                // switch handles (the word is stored whole: the key has room, and bytes past the
                // plain ones are overwritten next).
                while i &+ 16 <= count {
                    let block = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                    if hasSpecialByte(block) { break }
                    UnsafeMutableRawPointer(key + n).storeBytes(of: block, as: SIMD16<UInt8>.self)
                    n &+= 16
                    i &+= 16
                }
                while i &+ 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(key + n).storeBytes(of: word, as: UInt64.self)
                    let special = specialBytes(word)
                    if special != 0 {
                        let plain = special.trailingZeroBitCount &>> 3
                        n &+= plain
                        i &+= plain
                        break
                    }
                    n &+= 8
                    i &+= 8
                }
                if i == count { return n }
                var c = base[i]
                var k = table[Int(c)]
                while k == 0 {
                    key[n] = c
                    n &+= 1
                    i &+= 1
                    if i == count { return n }
                    c = base[i]
                    k = table[Int(c)]
                }
                switch k {
                case 1:
                    key[n] = zero
                    n &+= 1
                    i &+= 1
                    while i < count, base[i] &- zero < 10 { i &+= 1 }
                case 2:
                    var close = i &+ 1
                    while close < count, base[close] != quote {
                        let inner = base[close]
                        // What the general scan looks for inside strings too.
                        if table[Int(inner)] >= 3 || (insert && (inner == 0x28 || inner == 0x29 || inner == 0x2C)) {
                            if table[Int(inner)] == 3 { return nil }
                            if inner == 0x2D && base[close &- 1] == 0x2D { return nil }
                            if inner == 0x2A && base[close &- 1] == 0x2F { return nil }
                            if inner != 0x2D && inner != 0x2A { return nil }
                        }
                        close &+= 1
                    }
                    guard close < count else { return nil }
                    key[n] = quote
                    key[n &+ 1] = quote
                    n &+= 2
                    i = close &+ 1
                case 3: return nil
                case 4:
                    if i > 0 && base[i &- 1] == 0x2D { return nil }
                    key[n] = c
                    n &+= 1
                    i &+= 1
                default:
                    if i > 0 && base[i &- 1] == 0x2F { return nil }
                    key[n] = c
                    n &+= 1
                    i &+= 1
                }
            }
            return n
        }
    }

    /// The high bit of each byte of `word` (little-endian) with a class other than 0 in `classes`:
    /// a digit, `'`, `\\`, `#`, `"`, `-` or `*`. Exact up to the lowest one set, which is all
    /// `dmlKey` reads (above a matching byte the zero-byte test may flag a byte its borrow reached).
    private static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var found = WordBytes.lanes(of: 0x27, in: word) | WordBytes.lanes(of: 0x5C, in: word)
        found |= WordBytes.lanes(of: 0x23, in: word) | WordBytes.lanes(of: 0x22, in: word)
        found |= WordBytes.lanes(of: 0x2D, in: word) | WordBytes.lanes(of: 0x2A, in: word)
        // Digits: with the high bits cleared, x + 0x50 reaches 0x80 from 0x30 on and x + 0x46 from 0x3A.
        let low = word & (0x7F &* ones)
        found |= (low &+ 0x50 &* ones) & ~(low &+ 0x46 &* ones) & ~word & highs
        return found
    }

    /// Whether `block` holds a byte of a class other than 0 in `classes` (what `specialBytes`
    /// flags), compared sixteen lanes at a time.
    @inline(__always)
    private static func hasSpecialByte(_ block: SIMD16<UInt8>) -> Bool {
        // Digits: + 0x46 takes 0x30...0x39 to 0x76...0x7F, above every other byte as a signed one
        // (a signed compare is one instruction, an unsigned one is not).
        let shifted = unsafeBitCast(block &+ SIMD16(repeating: 0x46), to: SIMD16<Int8>.self)
        var special = shifted .> SIMD16(repeating: 0x75)
        for byte: UInt8 in [0x27, 0x5C, 0x23, 0x22, 0x2D, 0x2A] { special .|= block .== SIMD16(repeating: byte) }
        // As two words: `any` reduces the lanes with a call to a generic `min`.
        let words = unsafeBitCast(special, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    private static func contains(_ s: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8) -> Bool {
        var i = 1
        while i < s.count {
            if s[i] == b && s[i - 1] == a { return true }
            i += 1
        }
        return false
    }

    /// The key of any statement, from a scan for the conditions in the type's notes.
    private static func generalKey(
        of s: UnsafeBufferPointer<UInt8>, _ word: Word, into key: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let scan = scan(s)
        let dropStrings: Bool
        switch word {
        case .select, .update, .delete: dropStrings = scan.stringsOpaque
        case .insert, .replace: dropStrings = scan.stringsOpaque && scan.stringsFreeOfTupleSyntax
        case .call, .other: dropStrings = false
        }
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

    /// Statements whose fingerprint keeps their text, or tests exact digits (besides `CALL`).
    private static func keepsExactText(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        SlowLogHeader.hasPrefix(s, 0, "SELECT /*!") || SlowLogHeader.hasPrefix(s, 0, "administrator command: ")
    }

    /// The statement's first word, after blanks, in any case (one pass: every statement asks).
    private static func firstWord(_ s: UnsafeBufferPointer<UInt8>) -> Word {
        var i = 0
        while i < s.count, s[i] == 0x20 || (s[i] >= 0x09 && s[i] <= 0x0D) { i += 1 }
        guard i < s.count else { return .other }
        switch s[i] | 0x20 {
        case 0x73: return isWord(s, at: i, "select") ? .select : .other
        case 0x69: return isWord(s, at: i, "insert") ? .insert : .other
        case 0x75: return isWord(s, at: i, "update") ? .update : .other
        case 0x64: return isWord(s, at: i, "delete") ? .delete : .other
        case 0x72: return isWord(s, at: i, "replace") ? .replace : .other
        case 0x63: return isWord(s, at: i, "call") ? .call : .other
        default: return .other
        }
    }

    /// Whether `word` (lower case) is at `i` in any case, as a whole word: no word character follows.
    /// Inlined, its loop over a literal unrolls into compares with constants.
    @inline(__always)
    private static func isWord(_ s: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= s.count else { return false }
        for k in 0..<n where s[i + k] | 0x20 != word.utf8Start[k] { return false }
        guard i + n < s.count else { return true }
        let next = s[i + n]
        let lower = next | 0x20
        return !((lower >= 0x61 && lower <= 0x7A) || next &- zero < 10 || next == 0x5F)
    }
}
