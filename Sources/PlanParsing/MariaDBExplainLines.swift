import AdvisorCore
import Foundation

/// Reads the tabular EXPLAIN that MariaDB writes into its slow log with `log_slow_verbosity=explain`:
/// `# explain:` lines, tab-separated, a header row then one row per table access (ANALYZE output,
/// so `r_rows` and `r_filtered` are the actual figures).
///
/// Each row goes through the same mapping as MariaDB's `EXPLAIN FORMAT=JSON` table objects, so
/// node types, relation names and rows look alike whichever form a plan came in.
public enum MariaDBExplainLines {
    /// The plan of `lines`: the text after `# explain: `, column header first.
    public static func plan(_ lines: [String]) throws(PlanParseError) -> Plan {
        guard let header = lines.first.map(split), names(header) else { throw noHeader }
        var blocks: [(id: String, rows: [[String: String]])] = []
        for line in lines.dropFirst() {
            let values = split(line)
            guard values.count > 1 else { continue }
            // Room for every column at once: growing the table by doublings was a fifth of a plan.
            var row = [String: String](minimumCapacity: header.count)
            for (name, value) in zip(header, values) where value != "NULL" && !value.isEmpty { row[name] = value }
            let id = row["id"] ?? "NULL"
            if let last = blocks.indices.last, blocks[last].id == id {
                blocks[last].rows.append(row)
            } else {
                blocks.append((id, [row]))
            }
        }
        guard let first = blocks.first else { throw noRows }
        var root = block(first.rows)
        // Other query blocks: derived tables and subqueries. A block whose number names a
        // `<derivedN>` / `<subqueryN>` table hangs under that table, as in the JSON form; the rest
        // hang under the first block.
        for other in blocks.dropFirst() {
            let node = block(other.rows)
            if !attach(node, toTableOf: other.id, in: &root) { root.children.append(node) }
        }
        return Plan(engine: .mariadb, root: root)
    }

    /// `plan(_:)` of the lines joined by `\n`, as a slow-log reader collects them.
    public static func plan(joined text: [UInt8]) throws(PlanParseError) -> Plan {
        try plan(
            text.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) })
    }

    /// What `plan(joined:)` would throw, nil when it would return a plan; found without building
    /// one (~50k instructions), which a log reader does only for the plan it keeps in the end.
    public static func problem(joined text: [UInt8]) -> PlanParseError? {
        let headerEnd = text.firstIndex(of: 0x0A) ?? text.endIndex
        guard names(split(String(decoding: text[..<headerEnd], as: UTF8.self))) else { return noHeader }
        // A row is a later line of more than one field.
        return text[headerEnd...].contains(0x09) ? nil : noRows
    }

    private static let noHeader = PlanParseError("no EXPLAIN column header in the slow log's explain lines")
    private static let noRows = PlanParseError("no EXPLAIN rows in the slow log's explain lines")

    /// Whether `header` is EXPLAIN's column header.
    private static func names(_ header: [String]) -> Bool { header.contains("table") || header.contains("type") }

    /// One SELECT's tables, joined in order, under the temporary table and sort its first row announces.
    private static func block(_ rows: [[String: String]]) -> PlanNode {
        let tables = rows.map(node)
        var node =
            tables.count == 1 ? tables[0] : PlanNode(nodeType: "nested_loop", operation: .join, children: tables)
        let extra = clauses(rows.first?["Extra"])
        // "Using temporary; Using filesort": rows go to a temporary table, which is then sorted
        // (MariaDB's JSON nests them filesort > temporary_table > tables).
        if extra.contains("Using temporary") {
            node = PlanNode(nodeType: "temporary_table", operation: .materialize, children: [node])
        }
        if extra.contains("Using filesort") {
            node = PlanNode(nodeType: "filesort", operation: .sort, children: [node])
        }
        return node
    }

    private static func node(_ row: [String: String]) -> PlanNode {
        var table = [String: JSONValue](minimumCapacity: 10)
        if let name = row["table"] { table["table_name"] = .string(name) }
        if let type = row["type"] { table["access_type"] = .string(type) }
        if let key = row["key"] { table["key"] = .string(key) }
        for (column, key) in [
            ("rows", "rows"), ("r_rows", "r_rows"), ("filtered", "filtered"), ("r_filtered", "r_filtered"),
        ] {
            if let value = row[column].flatMap(Double.init) { table[key] = .number(value) }
        }
        let extra = clauses(row["Extra"])
        if extra.contains("Using index") { table["using_index"] = .bool(true) }
        // The tabular form names no condition; the note stands in so rules see that rows are filtered.
        if extra.contains("Using where") { table["attached_condition"] = .string("Using where") }
        if table["access_type"] == nil, let message = row["Extra"] { table["message"] = .string(message) }
        return MySQLTableNode.node(table, children: [])
    }

    private static func attach(_ node: PlanNode, toTableOf id: String, in tree: inout PlanNode) -> Bool {
        if let alias = tree.alias, alias == "<derived\(id)>" || alias == "<subquery\(id)>" {
            tree.children.append(node)
            return true
        }
        for index in tree.children.indices where attach(node, toTableOf: id, in: &tree.children[index]) {
            return true
        }
        return false
    }

    /// `Using where; Using filesort` → its clauses.
    private static func clauses(_ extra: String?) -> Set<String> {
        guard let extra else { return [] }
        return Set(fields(extra, separatedBy: UInt8(ascii: ";"), omittingEmpty: true))
    }

    private static func split(_ line: String) -> [String] {
        fields(line, separatedBy: UInt8(ascii: "\t"), omittingEmpty: false)
    }

    /// The trimmed fields of `text` between `separator`s, split on its UTF-8 bytes: splitting the
    /// `String` walked it by grapheme cluster. (An ASCII separator never falls inside a scalar.)
    private static func fields(_ text: String, separatedBy separator: UInt8, omittingEmpty: Bool) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [String] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == separator {
                if end > start || !omittingEmpty {
                    out.append(trimmed(UnsafeBufferPointer(rebasing: bytes[start..<end])))
                }
                start = end + 1
            }
            return out
        }
    }

    /// `trimmed(_:)` of UTF-8 bytes: most fields are ASCII with nothing to trim, made into a
    /// `String` at once; the others go through the scalar walk.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20, first < 0x80, last < 0x80 {
            return String(decoding: bytes, as: UTF8.self)
        }
        return trimmed(Substring(decoding: bytes, as: UTF8.self))
    }

    /// `text` without the white space `CharacterSet.whitespaces` trims at its ends (tab, space and
    /// the spaces of general category Zs as Foundation lists them, U+200B included), without
    /// Foundation's trip through UTF-16: it was half of reading a plan, and a MariaDB log has one
    /// per entry.
    static func trimmed(_ text: Substring) -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { scalars.formIndex(after: &start) }
        while start < end {
            let last = scalars.index(before: end)
            guard isSpace(scalars[last]) else { break }
            end = last
        }
        return String(scalars[start..<end])
    }
}
