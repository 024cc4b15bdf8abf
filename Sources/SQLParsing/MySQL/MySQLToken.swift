/// One lexical token of MySQL/MariaDB SQL.
struct MySQLToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A bare word: keyword or unquoted identifier (`text` as written).
        case word
        /// A backtick-quoted identifier, `text` unescaped (`` `a``b` `` is a`b).
        case quotedIdentifier
        /// A string literal in '…' or "…", `text` unescaped.
        case string
        /// A numeric, hexadecimal or bit literal, `text` as written.
        case number
        /// `?`, `:name` or `$n`.
        case placeholder
        /// An operator or punctuation, `text` as written (`<=>`, `(`, `,`, …).
        case symbol
    }

    var kind: Kind
    var text: String
    /// Byte offset of the token's first byte in the statement.
    var offset: Int

    /// Whether the token is the bare word `keyword` (ASCII, case-insensitive).
    func isWord(_ keyword: String) -> Bool {
        kind == .word && text.utf8.count == keyword.utf8.count
            && zip(text.utf8, keyword.utf8).allSatisfy { ($0 | 0x20) == ($1 | 0x20) || $0 == $1 }
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// The identifier the token names, when it can name one (a bare word or a backtick name).
    var identifier: String? { kind == .word || kind == .quotedIdentifier ? text : nil }
}
