/// Splits MySQL/MariaDB SQL into tokens in one pass over its UTF-8 bytes.
///
/// Comments (`#`, `-- `, `/* */`) and optimizer hints (`/*+ */`) are skipped; the body of an
/// executable comment (`/*!50100 … */`, MariaDB's `/*M!100100 … */`) is read as SQL, since the
/// server executes it. Strings follow the default SQL mode: backslash escapes and doubled quotes,
/// `"…"` is a string (ANSI_QUOTES not assumed).
struct MySQLTokenizer {
    private let bytes: [UInt8]
    private var index = 0
    /// Inside `/*! … */`: its closing `*/` ends the comment, not a syntax error.
    private var executableCommentDepth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// All tokens of `sql`; throws for an unterminated string, identifier or comment.
    static func tokens(of sql: String) throws(SQLParseError) -> [MySQLToken] {
        var tokenizer = MySQLTokenizer(Array(sql.utf8))
        var tokens: [MySQLToken] = []
        while let token = try tokenizer.next(sql: sql) { tokens.append(token) }
        return tokens
    }

    private mutating func next(sql: String) throws(SQLParseError) -> MySQLToken? {
        try skipTrivia(sql: sql)
        guard index < bytes.count else { return nil }
        let start = index
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "`"):
            return MySQLToken(kind: .quotedIdentifier, text: try quoted(byte, sql: sql), offset: start)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return MySQLToken(kind: .string, text: try quoted(byte, sql: sql), offset: start)
        case UInt8(ascii: "?"):
            index += 1
            return MySQLToken(kind: .placeholder, text: "?", offset: start)
        case UInt8(ascii: "$") where index + 1 < bytes.count && Self.isDigit(bytes[index + 1]):
            index += 1
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            return MySQLToken(kind: .placeholder, text: text(start..<index), offset: start)
        case UInt8(ascii: ":") where index + 1 < bytes.count && Self.isIdentifierStart(bytes[index + 1]):
            index += 1
            while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
            return MySQLToken(kind: .placeholder, text: text(start..<index), offset: start)
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "n"),
            UInt8(ascii: "N"):
            // x'0F', b'01' (literals) and N'…' (national string).
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") {
                index += 1
                let body = try quoted(UInt8(ascii: "'"), sql: sql)
                let isNational = byte | 0x20 == UInt8(ascii: "n")
                return MySQLToken(
                    kind: isNational ? .string : .number, text: isNational ? body : text(start..<index), offset: start)
            }
            return word(from: start)
        case UInt8(ascii: "_") where isCharsetIntroducer():
            // `_utf8mb4'text'`: the introducer belongs to the string.
            while index < bytes.count, bytes[index] != UInt8(ascii: "'") { index += 1 }
            return MySQLToken(kind: .string, text: try quoted(UInt8(ascii: "'"), sql: sql), offset: start)
        case _ where Self.isDigit(byte):
            return number(from: start)
        case UInt8(ascii: ".") where index + 1 < bytes.count && Self.isDigit(bytes[index + 1]):
            return number(from: start)
        case _ where Self.isIdentifierStart(byte):
            return word(from: start)
        default:
            return symbol(from: start)
        }
    }

    // MARK: Trivia

    private mutating func skipTrivia(sql: String) throws(SQLParseError) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0d) {
                index += 1
            } else if byte == UInt8(ascii: "#") || isDashComment() {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                try skipBlockComment(sql: sql)
            } else if executableCommentDepth > 0, byte == UInt8(ascii: "*"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "/")
            {
                executableCommentDepth -= 1
                index += 2
            } else {
                return
            }
        }
    }

    /// `--` starts a comment only when a space or control character follows (MySQL manual 11.7),
    /// so `a--1` is `a - -1`.
    private func isDashComment() -> Bool {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-")
        else { return false }
        return index + 2 == bytes.count || bytes[index + 2] <= 0x20
    }

    private mutating func skipBlockComment(sql: String) throws(SQLParseError) {
        let start = index
        index += 2
        // `/*!50100 … */` and `/*M!100100 … */`: skip the marker and version, read the body as SQL.
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") || isMariaDBExecutableMarker() {
            index += bytes[index] == UInt8(ascii: "!") ? 1 : 2
            var digits = 0
            while index < bytes.count, Self.isDigit(bytes[index]), digits < 6 {
                index += 1
                digits += 1
            }
            executableCommentDepth += 1
            return
        }
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                index += 2
                return
            }
            index += 1
        }
        throw error("unterminated /* comment", at: start, sql: sql)
    }

    private func isMariaDBExecutableMarker() -> Bool {
        index + 1 < bytes.count && bytes[index] == UInt8(ascii: "M") && bytes[index + 1] == UInt8(ascii: "!")
    }

    // MARK: Tokens

    /// The unescaped body of a quoted string or identifier starting at `index`.
    private mutating func quoted(_ quote: UInt8, sql: String) throws(SQLParseError) -> String {
        let start = index
        index += 1
        var body: [UInt8] = []
        let backslashEscapes = quote != UInt8(ascii: "`")
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    body.append(quote)
                    index += 2
                    continue
                }
                index += 1
                return String(decoding: body, as: UTF8.self)
            }
            if backslashEscapes, byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                body.append(Self.unescaped(bytes[index + 1]))
                index += 2
                continue
            }
            body.append(byte)
            index += 1
        }
        let what = quote == UInt8(ascii: "`") ? "quoted identifier" : "string"
        throw error("unterminated \(what)", at: start, sql: sql)
    }

    private static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): return UInt8(ascii: "\n")
        case UInt8(ascii: "t"): return UInt8(ascii: "\t")
        case UInt8(ascii: "r"): return UInt8(ascii: "\r")
        case UInt8(ascii: "0"): return 0
        default: return byte
        }
    }

    private func isCharsetIntroducer() -> Bool {
        var cursor = index + 1
        while cursor < bytes.count, Self.isIdentifierPart(bytes[cursor]) { cursor += 1 }
        return cursor > index + 1 && cursor < bytes.count && bytes[cursor] == UInt8(ascii: "'")
    }

    /// Decimal (`12`, `1.5`, `.5`, `1e5`, `1.5E-3`), hexadecimal (`0x1F`) or bit (`0b101`) literal.
    /// A digit run followed by letters (`1st_col`) is an identifier in MySQL.
    private mutating func number(from start: Int) -> MySQLToken {
        if bytes[index] == UInt8(ascii: "0"), index + 2 < bytes.count,
            bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "b")
        {
            var cursor = index + 2
            while cursor < bytes.count, Self.isHexDigit(bytes[cursor]) { cursor += 1 }
            if cursor > index + 2, cursor == bytes.count || !Self.isIdentifierPart(bytes[cursor]) {
                index = cursor
                return MySQLToken(kind: .number, text: text(start..<index), offset: start)
            }
        }
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var cursor = index + 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
                cursor += 1
            }
            if cursor < bytes.count, Self.isDigit(bytes[cursor]) {
                index = cursor
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
        }
        if index < bytes.count, Self.isIdentifierStart(bytes[index]), !text(start..<index).contains(".") {
            return word(from: start)
        }
        return MySQLToken(kind: .number, text: text(start..<index), offset: start)
    }

    private mutating func word(from start: Int) -> MySQLToken {
        index = start
        while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
        return MySQLToken(kind: .word, text: text(start..<index), offset: start)
    }

    private static let threeByteSymbols: Set<String> = ["<=>", "->>"]
    private static let twoByteSymbols: Set<String> = [
        "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", ":=", "->", "@@",
    ]

    private mutating func symbol(from start: Int) -> MySQLToken {
        for length in [3, 2] where index + length <= bytes.count {
            let candidate = text(index..<(index + length))
            if (length == 3 ? Self.threeByteSymbols : Self.twoByteSymbols).contains(candidate) {
                index += length
                return MySQLToken(kind: .symbol, text: candidate, offset: start)
            }
        }
        // One byte, or one whole UTF-8 scalar so that no token splits a character.
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        return MySQLToken(kind: .symbol, text: text(start..<index), offset: start)
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func error(_ message: String, at byteOffset: Int, sql: String) -> SQLParseError {
        SQLParseError(message: message, position: Self.characterPosition(ofByte: byteOffset, in: bytes), in: sql)
    }

    /// SQLParseError counts 1-based characters (Unicode scalars); tokens count bytes.
    static func characterPosition(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        var scalars = 0
        for byte in bytes[..<min(offset, bytes.count)] where byte & 0xC0 != 0x80 { scalars += 1 }
        return scalars + 1
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    /// Unquoted identifiers: ASCII letters, digits, `_`, `$` and any non-ASCII character.
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }
}
