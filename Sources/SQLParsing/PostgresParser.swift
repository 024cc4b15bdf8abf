import AdvisorCore
import Foundation

/// PostgreSQL statements read by libpg_query, which is PostgreSQL's own parser.
public enum PostgresParser {
    /// The index-relevant shape of the first statement in `sql`.
    public static func shape(of sql: String) throws(SQLParseError) -> QueryShape {
        guard let statement = try statements(of: sql).first else { return QueryShape(kind: .other) }
        return PostgresShapeWalker.shape(of: statement)
    }

    /// The query-group identity of `sql`: equal for statements differing only in constants,
    /// IN-list lengths, comments, keyword case or whitespace.
    public static func fingerprint(of sql: String) throws(SQLParseError) -> Fingerprint {
        let id = try LibPgQuery.fingerprint(sql)
        let normalized = try LibPgQuery.normalize(sql)
        return Fingerprint(id: id, normalized: trimmed(normalized))
    }

    /// `text` without white space around it; Foundation's trimming (through UTF-16, ~50,000
    /// instructions a call, a tenth of reading a PostgreSQL log) only when an end is not a visible
    /// ASCII character, which libpg_query's normalized text nearly never has.
    private static func trimmed(_ text: String) -> String {
        let visible: ClosedRange<UInt8> = 0x21...0x7E
        if let first = text.utf8.first, let last = text.utf8.last, visible.contains(first), visible.contains(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The statements of a script, such as a workload `.sql` file, without their separating semicolons.
    public static func split(_ script: String) throws(SQLParseError) -> [String] {
        // libpg_query reports byte ranges of the UTF-8 text.
        let bytes = Array(script.utf8)
        return try LibPgQuery.split(script)
            .map { String(decoding: bytes[$0.clamped(to: bytes.indices)], as: UTF8.self) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// The SELECT that reads the rows `sql` would write or lock (`UPDATE`, `DELETE`, `INSERT … SELECT`,
    /// `SELECT … FOR UPDATE`), for planning with a read-only role; `nil` when `sql` already only
    /// reads or has no such equivalent.
    public static func readOnlyEquivalent(of sql: String) -> String? {
        guard let tokens = try? PostgresScanner.tokens(sql),
            let rewritten = ReadOnlyRewrite(sql: sql, tokens: tokens, dialect: .postgres).rewrite(),
            let original = try? shape(of: sql), let equivalent = try? shape(of: rewritten)
        else { return nil }
        return ReadOnlyRewrite.isFaithful(equivalent, to: original) ? numberedFromOne(rewritten) : nil
    }

    /// `sql` with its `$n` parameters renumbered `$1…$k` in their order: the rewrite drops the SET
    /// list's, and PREPARE refuses a statement that skips a number (it cannot type `$1`).
    static func numberedFromOne(_ sql: String) -> String {
        guard let tokens = try? PostgresScanner.tokens(sql) else { return sql }
        let parameters = tokens.filter { $0.text.hasPrefix("$") && Int($0.text.dropFirst()) != nil }
        let numbers = Set(parameters.compactMap { Int($0.text.dropFirst()) }).sorted()
        guard numbers != Array(1..<(numbers.count + 1)) else { return sql }
        let renumbered = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ($0.element, $0.offset + 1) })
        var bytes = Array(sql.utf8)
        for token in parameters.reversed() {
            guard let number = Int(token.text.dropFirst()), let new = renumbered[number] else { continue }
            bytes.replaceSubrange(token.range, with: Array("$\(new)".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The statement nodes of libpg_query's parse tree (`{"SelectStmt": …}` and the like).
    private static func statements(of sql: String) throws(SQLParseError) -> [ParseNode] {
        let json = try LibPgQuery.parseTree(sql)
        do {
            let tree = ParseNode(try JSONValue(parsing: json))
            return tree?.nodes("stmts").compactMap { $0.node("stmt") } ?? []
        } catch {
            throw SQLParseError(message: "libpg_query returned an unreadable parse tree: \(error)")
        }
    }
}
