import AdvisorCore
import Foundation

/// One-line `add_index :table, :column | [:a, :b], options` or `remove_index :table, name: "x"` /
/// `column: …`, as the DDL ActiveRecord sends for it, so the lint reads it like SQL.
///
/// Options read: `name:`, `unique: true`, `algorithm: :concurrently` (PostgreSQL) or
/// `:inplace`/`:copy` (MySQL), `lock: :none|:shared|:exclusive` (MySQL), `if_not_exists:`/`if_exists: true`.
/// ActiveRecord's default name is `index_<table>_on_<columns joined by _and_>`.
struct RailsIndexCall {
    var sql: String?

    init?(_ code: String, engine: Engine) {
        let adding = code.hasPrefix("add_index")
        var arguments = code.dropFirst(adding ? 9 : 12).trimmingCharacters(in: .whitespaces)
        if arguments.hasPrefix("(") && arguments.hasSuffix(")") { arguments = String(arguments.dropFirst().dropLast()) }
        let parts = Self.splitArguments(arguments)
        guard let tablePart = parts.first, let table = Self.symbol(tablePart) else { return nil }
        var columns: [String] = []
        var options: [String: String] = [:]
        for part in parts.dropFirst() {
            if let colon = part.range(of: ": "), !part.hasPrefix(":"), !part.hasPrefix("%") {
                let key = String(part[..<colon.lowerBound])
                let value = part[colon.upperBound...].trimmingCharacters(in: .whitespaces)
                if key == "column", let list = Self.columns(value) {
                    columns = list
                } else {
                    options[key] = value
                }
            } else if let list = Self.columns(part) {
                columns = list
            } else {
                return nil
            }
        }
        let mysql = engine.isMySQLFamily
        func quote(_ name: String) -> String { mysql ? "`\(name)`" : "\"\(name)\"" }
        let algorithm = options["algorithm"].flatMap(Self.symbol)
        let lock = options["lock"].flatMap(Self.symbol)
        let defaultName = "index_\(table)_on_\(columns.joined(separator: "_and_"))"
        let name = options["name"].flatMap(Self.string) ?? (columns.isEmpty ? nil : defaultName)
        guard let name else { return nil }
        var mysqlClauses = ""
        if let algorithm, mysql { mysqlClauses += " ALGORITHM=\(algorithm.uppercased())" }
        if let lock, mysql { mysqlClauses += " LOCK=\(lock.uppercased())" }
        let concurrently = !mysql && algorithm == "concurrently" ? " CONCURRENTLY" : ""
        if adding {
            guard !columns.isEmpty else { return nil }
            let unique = options["unique"] == "true" ? "UNIQUE " : ""
            let ifNotExists = options["if_not_exists"] == "true" ? " IF NOT EXISTS" : ""
            sql =
                "CREATE \(unique)INDEX\(concurrently)\(ifNotExists) \(quote(name)) ON \(quote(table)) "
                + "(\(columns.map(quote).joined(separator: ", ")))\(mysqlClauses)"
        } else {
            let ifExists = options["if_exists"] == "true" ? " IF EXISTS" : ""
            sql =
                mysql
                ? "DROP INDEX\(ifExists) \(quote(name)) ON \(quote(table))\(mysqlClauses)"
                : "DROP INDEX\(concurrently)\(ifExists) \(quote(name))"
        }
    }

    /// Top-level comma-separated arguments (commas inside `[…]` stay).
    private static func splitArguments(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty {
            parts.append(current.trimmingCharacters(in: .whitespaces))
        }
        return parts
    }

    /// `:name`, `"name"` or `'name'` → name.
    private static func symbol(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") { return plain(String(trimmed.dropFirst())) }
        return string(trimmed)
    }

    private static func string(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first
        else { return nil }
        return plain(String(trimmed.dropFirst().dropLast()))
    }

    /// Only plain words: anything else (interpolation, expressions) is not read.
    private static func plain(_ text: String) -> String? {
        text.isEmpty || !text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) ? nil : text
    }

    /// `:a`, `[:a, :b]` (symbols or strings), `%i[a b]` or `%w[a b]`.
    private static func columns(_ text: String) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if (trimmed.hasPrefix("%i[") || trimmed.hasPrefix("%w[")) && trimmed.hasSuffix("]") {
            let words = trimmed.dropFirst(3).dropLast().split(separator: " ").map { plain(String($0)) }
            guard !words.isEmpty, words.allSatisfy({ $0 != nil }) else { return nil }
            return words.compactMap { $0 }
        }
        if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
            let items = trimmed.dropFirst().dropLast().split(separator: ",").map { symbol(String($0)) }
            guard !items.isEmpty, items.allSatisfy({ $0 != nil }) else { return nil }
            return items.compactMap { $0 }
        }
        return symbol(trimmed).map { [$0] }
    }
}
