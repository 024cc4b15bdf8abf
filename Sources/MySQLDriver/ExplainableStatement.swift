/// Decides, before anything is sent, whether a statement may follow `EXPLAIN FORMAT=JSON`.
///
/// MySQL 8 and MariaDB explain SELECT, INSERT, UPDATE, DELETE, REPLACE, TABLE (MySQL 8.0.19+)
/// and WITH. Anything else would either be rejected by the server with a vague syntax error or,
/// worse, be something we never mean to touch, so it is refused with a clear message here.
enum ExplainableStatement {
    static let verbs: Set<String> = ["SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "TABLE", "WITH"]

    /// Why `sql` cannot be explained, or `nil` when it can.
    static func refusal(for sql: String) -> String? {
        switch leadingKeyword(of: sql) {
        case .keyword(let verb) where verbs.contains(verb):
            return nil
        case .keyword(let verb):
            return "cannot EXPLAIN a \(verb) statement; only SELECT, INSERT, UPDATE, DELETE, REPLACE, TABLE and WITH"
        case .executableComment:
            // `/*! … */` and `/*M! … */` are executed by the server, so they are code, not comments.
            return "cannot EXPLAIN a statement that starts with an executable comment (/*! … */)"
        case .empty:
            return "cannot EXPLAIN an empty statement"
        }
    }

    enum Start: Equatable {
        case keyword(String)
        case executableComment
        case empty
    }

    /// The first keyword, upper-cased, after whitespace, comments and opening parentheses
    /// (`(SELECT …) UNION (SELECT …)`).
    static func leadingKeyword(of sql: String) -> Start {
        let s = Array(sql.unicodeScalars)
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < s.count ? s[k] : nil }
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace || c == "(" {
                i += 1
            } else if c == "#"
                || (c == "-" && at(i + 1) == "-" && (at(i + 2).map { $0.properties.isWhitespace } ?? true))
            {
                // `#` and `-- ` comments run to the end of the line; MySQL needs a space after `--`.
                while i < s.count, s[i] != "\n" { i += 1 }
            } else if c == "/" && at(i + 1) == "*" {
                if at(i + 2) == "!" || (at(i + 2) == "M" && at(i + 3) == "!") { return .executableComment }
                i += 2
                while i < s.count, !(s[i] == "*" && at(i + 1) == "/") { i += 1 }
                i += 2
            } else {
                var word = ""
                while i < s.count, s[i].properties.isAlphabetic || s[i] == "_" {
                    word.unicodeScalars.append(s[i])
                    i += 1
                }
                return word.isEmpty ? .keyword(String(c)) : .keyword(word.uppercased())
            }
        }
        return .empty
    }
}
