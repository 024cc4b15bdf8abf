import AdvisorCore

/// Renders a `QueryShape` as aligned `label: value` lines for terminal reports.
enum ShapeText {
    static func lines(_ shape: QueryShape) -> [String] {
        let none = "-"
        let tables = shape.tables.map { t in
            let name = t.schema.map { "\($0).\(t.name)" } ?? t.name
            return t.alias.map { "\(name) AS \($0)" } ?? name
        }
        let predicates = shape.predicates.map { p in
            var text = "\(p.column) \(p.op) (\(p.kind.rawValue))"
            if let reason = p.reason { text += ": \(reason)" }
            return text
        }
        let order = shape.orderBy.map { item in
            (item.column?.description ?? item.expression ?? "?") + (item.descending ? " DESC" : "")
        }
        let limit = shape.limit.map(String.init) ?? (shape.hasLimit ? "parameter" : none)
        let rows: [(String, String)] = [
            ("kind", shape.kind.rawValue),
            ("tables", tables.isEmpty ? none : tables.joined(separator: ", ")),
            ("predicates", predicates.isEmpty ? none : predicates.joined(separator: "; ")),
            (
                "joins",
                shape.joins.isEmpty ? none : shape.joins.map { "\($0.left) = \($0.right)" }.joined(separator: "; ")
            ),
            ("order by", order.isEmpty ? none : order.joined(separator: ", ")),
            ("group by", shape.groupBy.isEmpty ? none : shape.groupBy.map(\.description).joined(separator: ", ")),
            ("limit", limit),
            (
                "columns",
                ((shape.selectsAllColumns ? ["*"] : []) + shape.referencedColumns.map(\.description))
                    .joined(separator: ", ")
            ),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label + ":" + String(repeating: " ", count: width - label.count + 1) + (value.isEmpty ? none : value)
        }
    }
}
