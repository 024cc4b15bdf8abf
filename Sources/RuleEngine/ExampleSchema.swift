import AdvisorCore
import Foundation

/// The compact catalog notation of rule examples and test contexts, one table per line with its
/// indexes and foreign keys indented below:
///
/// ```
/// orders rows=400000 size=52MB writes=1200/300/10 columns=id:bigint,customer_id:bigint,status,created_at
///   index orders_pkey (id) primary size=8.6MB scans=120000
///   index orders_status_idx (status, created_at DESC) include (total) size=3MB scans=0 where status <> 'done'
///   fk orders_customer_id_fkey (customer_id) -> customers (id)
/// ```
///
/// Table words: `rows=`, `size=` (bytes, or with kB/MB/GB), `writes=inserts/updates/deletes`,
/// `columns=name[:type],…` (type `text` when left out). Index words: `unique`, `primary`, `invalid`,
/// `method=`, `size=`, `scans=`, `include (…)`, and `where …` for the rest of the line.
/// `# …` lines are comments.
public enum ExampleSchema {
    /// Parses the notation; errors name the line.
    public static func parse(_ text: String, engine: Engine = .postgres) throws(RuleEngineError) -> Schema {
        var tables: [Table] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> RuleEngineError {
                .invalidConfiguration(key: "schema line \(number + 1)", message: message)
            }
            let indented = rawLine.first?.isWhitespace == true
            if !indented {
                tables.append(try table(line, fail: fail))
                continue
            }
            guard !tables.isEmpty else { throw fail("an index or fk line needs a table line above it") }
            if line.hasPrefix("index ") {
                tables[tables.count - 1].indexes.append(try index(String(line.dropFirst(6)), fail: fail))
            } else if line.hasPrefix("fk ") {
                tables[tables.count - 1].foreignKeys.append(try foreignKey(String(line.dropFirst(3)), fail: fail))
            } else {
                throw fail("expected 'index …' or 'fk …'")
            }
        }
        let schemaName = engine == .postgres ? "public" : "app"
        for at in tables.indices {
            tables[at].schema = schemaName
            for key in tables[at].foreignKeys.indices { tables[at].foreignKeys[key].referencedSchema = schemaName }
        }
        return Schema(engine: engine, serverVersion: "", database: "example", tables: tables)
    }

    private static func table(_ line: String, fail: (String) -> RuleEngineError) throws(RuleEngineError) -> Table {
        let words = line.split(separator: " ").map(String.init)
        var table = Table(schema: "", name: words[0], columns: [], indexes: [])
        for word in words.dropFirst() {
            let (key, value) = split(word)
            switch key {
            case "rows":
                guard let rows = Double(value) else { throw fail("rows= needs a number") }
                table.estimatedRows = rows
            case "size":
                guard let size = bytes(value) else { throw fail("size= needs bytes, e.g. 52MB") }
                table.sizeBytes = size
            case "writes":
                let counts = value.split(separator: "/").compactMap { Int64($0) }
                guard counts.count == 3 else { throw fail("writes= needs inserts/updates/deletes") }
                table.writeStats = WriteStats(inserts: counts[0], updates: counts[1], deletes: counts[2])
            case "columns":
                table.columns = value.split(separator: ",").map { item in
                    let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                    return Column(name: parts[0], dataType: parts.count > 1 ? parts[1] : "text", isNullable: true)
                }
            default:
                throw fail("unknown table word '\(word)' (rows=, size=, writes=, columns=)")
            }
        }
        return table
    }

    private static func index(_ text: String, fail: (String) -> RuleEngineError) throws(RuleEngineError) -> Index {
        var rest = Substring(text)
        var predicate: String?
        if let range = rest.range(of: " where ") {
            predicate = String(rest[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            rest = rest[..<range.lowerBound]
        }
        guard let open = rest.firstIndex(of: "("), let close = rest.firstIndex(of: ")") else {
            throw fail("expected index <name> (<columns>) …")
        }
        let name = rest[..<open].trimmingCharacters(in: .whitespaces)
        let keys = rest[rest.index(after: open)..<close].split(separator: ",").map { part in
            let words = part.split(separator: " ").map(String.init)
            let isExpression = words[0].contains("(")
            return IndexKey(
                name: isExpression ? part.trimmingCharacters(in: .whitespaces) : words[0], isExpression: isExpression,
                descending: words.dropFirst().contains { $0.uppercased() == "DESC" })
        }
        var index = Index(name: name, keyColumns: keys)
        var words = rest[rest.index(after: close)...].split(separator: " ").map(String.init)[...]
        while let word = words.popFirst() {
            let (key, value) = split(word)
            switch key {
            case "unique": index.isUnique = true
            case "primary":
                index.isPrimary = true
                index.isUnique = true
            case "invalid": index.isValid = false
            case "method": index.method = value
            case "size":
                guard let size = bytes(value) else { throw fail("size= needs bytes, e.g. 8MB") }
                index.sizeBytes = size
            case "scans":
                guard let scans = Int64(value) else { throw fail("scans= needs a number") }
                index.scans = scans
            case "include":
                var list = ""
                while let next = words.popFirst() {
                    list += next
                    if next.hasSuffix(")") { break }
                }
                index.includedColumns = list.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default:
                throw fail(
                    "unknown index word '\(word)' (unique, primary, invalid, method=, size=, scans=, include (…), where …)"
                )
            }
        }
        index.predicate = predicate
        return index
    }

    private static func foreignKey(_ text: String, fail: (String) -> RuleEngineError) throws(RuleEngineError)
        -> ForeignKey
    {
        let sides = text.components(separatedBy: "->")
        guard sides.count == 2, let open = sides[0].firstIndex(of: "("), let close = sides[0].firstIndex(of: ")"),
            let refOpen = sides[1].firstIndex(of: "("), let refClose = sides[1].firstIndex(of: ")")
        else { throw fail("expected fk <name> (<columns>) -> <table> (<columns>)") }
        func list(_ s: Substring) -> [String] {
            s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return ForeignKey(
            name: sides[0][..<open].trimmingCharacters(in: .whitespaces),
            columns: list(sides[0][sides[0].index(after: open)..<close]),
            referencedSchema: "public",
            referencedTable: sides[1][..<refOpen].trimmingCharacters(in: .whitespaces),
            referencedColumns: list(sides[1][sides[1].index(after: refOpen)..<refClose]))
    }

    private static func split(_ word: String) -> (String, String) {
        guard let equals = word.firstIndex(of: "=") else { return (word, "") }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// `8192`, `12kB`, `52MB`, `1.5GB` (1024-based, as PostgreSQL prints sizes).
    static func bytes(_ text: String) -> Int64? {
        let units: [(String, Double)] = [
            ("TB", 1024 * 1024 * 1024 * 1024), ("GB", 1024 * 1024 * 1024), ("MB", 1024 * 1024), ("kB", 1024),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { Int64($0 * factor) }
        }
        return Int64(text)
    }
}
