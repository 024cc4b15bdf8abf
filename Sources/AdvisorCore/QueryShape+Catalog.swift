/// Attributing unqualified columns with the catalog.
extension QueryShape {
    /// The shape with every column the parser could not attribute (`table == nil`: an unqualified
    /// name in a FROM list of several tables, as in `FROM customer, orders WHERE c_custkey =
    /// o_custkey`) given the one table of the statement that has a column of that name in `schema`.
    /// Columns that no table or several tables have stay unattributed.
    public func resolvingUnqualifiedColumns(in schema: Schema) -> QueryShape {
        var owners: [String: Set<String>] = [:]
        for reference in tables {
            guard let table = schema.table(named: reference.name, schema: reference.schema) else { continue }
            for column in table.columns {
                owners[column.name.lowercased(), default: []].insert(reference.name)
            }
        }
        func resolve(_ column: ColumnReference) -> ColumnReference {
            guard column.table == nil, let names = owners[column.column.lowercased()], names.count == 1 else {
                return column
            }
            return ColumnReference(table: names.first, column: column.column)
        }
        var shape = self
        // Two columns of one table compared with each other (`l_commitdate < l_receiptdate`) bound
        // neither: no index seeks on them. Only where the catalog attributed a side: columns the
        // parser qualified itself may be two aliases of one table (a self-join), which it tells
        // apart already.
        func comparesOneTable(_ a: ColumnReference, _ b: ColumnReference) -> Bool {
            let (x, y) = (resolve(a), resolve(b))
            return (a.table == nil || b.table == nil) && x.table != nil && x.table == y.table && x != y
        }
        let sameTable = "compares two columns of one table"
        shape.predicates = predicates.map { predicate in
            var resolved = predicate
            resolved.column = resolve(predicate.column)
            resolved.otherColumn = predicate.otherColumn.map(resolve)
            if let other = predicate.otherColumn, comparesOneTable(predicate.column, other) {
                resolved.kind = .nonSargable
                resolved.reason = sameTable
            }
            return resolved
        }
        shape.joins = []
        for join in joins {
            let (left, right) = (resolve(join.left), resolve(join.right))
            guard comparesOneTable(join.left, join.right) else {
                shape.joins.append(JoinCondition(left: left, right: right))
                continue
            }
            for (column, other) in [(left, right), (right, left)] {
                shape.predicates.append(
                    ColumnPredicate(column: column, kind: .nonSargable, op: "=", reason: sameTable, otherColumn: other))
            }
        }
        shape.orderBy = orderBy.map { item in
            var item = item
            item.column = item.column.map(resolve)
            return item
        }
        shape.groupBy = groupBy.map(resolve)
        shape.referencedColumns = referencedColumns.map(resolve)
        return shape
    }
}
