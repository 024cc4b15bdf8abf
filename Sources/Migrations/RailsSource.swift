import AdvisorCore
import Foundation

/// The SQL an ActiveRecord migration runs on the way up: `execute` heredocs and strings, and
/// `add_index` / `remove_index` calls rendered as the DDL ActiveRecord sends, in `def up` or `def change`.
struct RailsSource {
    var sections: [SQLSection]
    /// `disable_ddl_transaction!` in the class: ActiveRecord otherwise wraps the migration in a transaction.
    var transactionDisabled: Bool

    static func read(_ text: String, path: String, engine: Engine) throws(MigrationReadError) -> RailsSource {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(where: { $0.contains("ActiveRecord::Migration") }) else {
            throw MigrationReadError(
                path: path, line: 1, message: "not an ActiveRecord migration (no class … < ActiveRecord::Migration)")
        }
        var sections: [SQLSection] = []
        var disabled = false
        var inDown = false
        var number = 0
        while number < lines.count {
            let line = lines[number]
            let code = line.trimmingCharacters(in: .whitespaces)
            number += 1
            if code.hasPrefix("#") { continue }
            if code == "disable_ddl_transaction!" { disabled = true }
            if code.hasPrefix("def ") {
                inDown = code.hasPrefix("def down")
                continue
            }
            guard !inDown else { continue }
            if code.hasPrefix("execute"), let heredoc = heredocTag(code) {
                // The body runs to the line holding only the tag.
                let start = number
                while number < lines.count, lines[number].trimmingCharacters(in: .whitespaces) != heredoc {
                    number += 1
                }
                guard number < lines.count else {
                    throw MigrationReadError(path: path, line: start, message: "heredoc <<\(heredoc) is never closed")
                }
                sections.append(SQLSection(text: lines[start..<number].joined(separator: "\n"), startLine: start + 1))
                number += 1
            } else if code.hasPrefix("execute"), let string = quotedArgument(code) {
                sections.append(SQLSection(text: string, startLine: number))
            } else if code.hasPrefix("add_index") || code.hasPrefix("remove_index") {
                // A call continued over several lines: each ends with a comma or an open bracket.
                let callLine = number
                var call = code
                while call.hasSuffix(",") || call.filter({ $0 == "[" }).count > call.filter({ $0 == "]" }).count
                    || call.filter({ $0 == "(" }).count > call.filter({ $0 == ")" }).count,
                    number < lines.count
                {
                    call += " " + lines[number].trimmingCharacters(in: .whitespaces)
                    number += 1
                }
                let code = call
                guard let sql = RailsIndexCall(code, engine: engine)?.sql else {
                    throw MigrationReadError(
                        path: path, line: callLine,
                        message: "cannot read this \(code.hasPrefix("add") ? "add_index" : "remove_index") call; "
                            + "write it as add_index :table, [:columns], name: \"…\" or execute the SQL")
                }
                sections.append(SQLSection(text: sql, startLine: callLine))
            }
        }
        return RailsSource(sections: sections, transactionDisabled: disabled)
    }

    /// `SQL` of `execute <<~SQL`, `execute <<-'SQL'`, `execute(<<~SQL)`.
    private static func heredocTag(_ code: String) -> String? {
        guard let range = code.range(of: "<<") else { return nil }
        var rest = code[range.upperBound...]
        if rest.first == "~" || rest.first == "-" { rest = rest.dropFirst() }
        let tag = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "'" || $0 == "\"" }
        let bare = tag.filter { $0 != "'" && $0 != "\"" }
        return bare.isEmpty ? nil : String(bare)
    }

    /// The text of `execute "…"` or `execute '…'` on one line (no interpolation, no escapes but `\"`).
    private static func quotedArgument(_ code: String) -> String? {
        guard let open = code.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return nil }
        let quote = code[open]
        let body = code[code.index(after: open)...]
        guard let close = body.lastIndex(of: quote) else { return nil }
        return String(body[..<close]).replacingOccurrences(of: "\\\(quote)", with: "\(quote)")
    }
}
