/// One lexical token of a statement, as produced by either dialect's lexer, for text rewrites.
struct SQLToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case keyword, identifier, literal, punctuation, comment
    }

    var text: String
    var kind: Kind
    /// UTF-8 byte offsets in the statement.
    var range: Range<Int>

    /// The token as a bare word in upper case (`nil` for quoted identifiers, literals, punctuation),
    /// so `where`, `WHERE` and `Where` match and `"where"` does not.
    var word: String? {
        guard kind == .keyword || kind == .identifier, let first = text.utf8.first,
            first != UInt8(ascii: "\""), first != UInt8(ascii: "`")
        else { return nil }
        return text.uppercased()
    }

    /// A lexer-independent guess for tokens the lexer did not classify.
    static func kind(of text: String) -> Kind {
        guard let first = text.unicodeScalars.first else { return .punctuation }
        if first == "'" || first.properties.numericType != nil || first == "$" && text.count > 1 { return .literal }
        if first.properties.isAlphabetic || first == "_" || first == "\"" || first == "`" { return .identifier }
        return .punctuation
    }
}
