import AdvisorCore

/// Index candidates for one statement, from its shape and the tables' statistics (design §5).
///
/// Per table: equality columns first, most selective first (IN-lists and IS NULL count as equality
/// for the order); then either one range column, or the ORDER BY / GROUP BY columns when the index
/// can deliver that order. A covering variant adds the table's other referenced columns as
/// INCLUDE (trailing key columns on MySQL, where the primary key columns are left out: every
/// InnoDB secondary index carries them). A table on the inner side of an equality join gets its
/// join column as one more equality column. Candidates wider than the options allow are generated anyway: the workload
/// stage declines them with a reason and keeps their prefix. On PostgreSQL, a constant of the
/// code that keeps few rows (`status = 'pending'`) also yields partial variants without that key column.
public struct CandidateGenerator: Sendable {
    public var schema: Schema
    public var options: IndexAdvisorOptions

    public init(schema: Schema, options: IndexAdvisorOptions = IndexAdvisorOptions()) {
        self.schema = schema
        self.options = options
    }

    /// Distinct candidates for `shape`, sorted by their description; `constantPredicates` (the
    /// group's literals of the code, `QueryShape.constantPredicates(across:)`) may also yield
    /// partial indexes.
    public func candidates(for shape: QueryShape, constantPredicates: [ColumnPredicate] = []) -> [IndexCandidate] {
        var found: Set<IndexCandidate> = []
        var seen: Set<String> = []
        for reference in shape.tables where seen.insert(reference.name.lowercased()).inserted {
            found.formUnion(candidates(for: shape, on: reference, constantPredicates: constantPredicates))
        }
        return found.sorted { $0.description < $1.description }
    }

    private func candidates(
        for shape: QueryShape, on reference: TableReference, constantPredicates: [ColumnPredicate]
    ) -> [IndexCandidate] {
        // What the catalog does not list (a CTE, MariaDB's virtual seq_1_to_n, a temporary table)
        // cannot be indexed by a migration.
        guard let table = schema.table(named: reference.name, schema: reference.schema) else { return [] }
        let predicates = shape.predicates.filter { $0.column.table?.lowercased() == reference.name.lowercased() }
        let equality = predicates.filter { [.equality, .isNull].contains($0.kind) }.map(\.column.column)
        let inLists = predicates.filter { $0.kind == .inList }.map(\.column.column)
        let ranges = predicates.filter { [.range, .likePrefix].contains($0.kind) }.map(\.column.column)
        let prefix = ordered(unique(equality + inLists), in: table)
        let order = orderColumns(shape, on: reference.name, deliverable: inLists.isEmpty)
            .filter { !prefix.contains($0) }

        var keys: [Key] = [Key(prefix)]
        if let range = ranges.first(where: { !prefix.contains($0) }) {
            // A LIKE prefix under a collation that is not bytewise needs the pattern operator
            // class, which then cannot deliver an ORDER BY: that stays the plain key's job.
            let isLike = predicates.contains { $0.column.column == range && $0.kind == .likePrefix }
            let opclass = isLike ? patternOperatorClass(range, in: table) : nil
            keys.append(Key(prefix + [range], operatorClasses: opclass.map { [range: $0] }))
        }
        if !order.isEmpty {
            keys.append(Key(prefix + order))
        }
        // Inner side of a join: its join column is looked up once per outer row.
        for join in shape.joins {
            for (inner, outer) in [(join.left, join.right), (join.right, join.left)]
            where inner.table?.lowercased() == reference.name.lowercased()
                && outer.table?.lowercased() != reference.name.lowercased()
            {
                keys.append(Key(ordered(unique(prefix + [inner.column]), in: table)))
            }
        }

        let schemaName = table.schema
        let tableName = table.name
        // Every InnoDB secondary index carries the primary key, so MySQL covering variants leave it out.
        let carried =
            schema.engine.isMySQLFamily ? Set((table.primaryKey?.keyColumnNames ?? []).map { $0.lowercased() }) : []
        let referenced = unique(
            shape.referencedColumns.filter { $0.table?.lowercased() == reference.name.lowercased() }.map(\.column)
        ).filter { !carried.contains($0.lowercased()) }
        let partials = partialPredicates(constantPredicates.filter(predicates.contains), in: table)
        var result: [IndexCandidate] = []
        for key in Set(keys) where !key.columns.isEmpty {
            result += variants(
                IndexCandidate(
                    schema: schemaName, table: tableName, keyColumns: key.columns,
                    operatorClasses: key.operatorClasses),
                shape: shape, referenced: referenced)
            // The constant moves from the key into the WHERE of a partial index, which holds only
            // the rows the query can want.
            for (column, predicate) in partials where key.columns.contains(column) {
                let rest = key.columns.filter { $0 != column }
                guard !rest.isEmpty else { continue }
                result += variants(
                    IndexCandidate(
                        schema: schemaName, table: tableName, keyColumns: rest, predicate: predicate,
                        operatorClasses: key.operatorClasses?.filter { rest.contains($0.key) }),
                    shape: shape, referenced: referenced.filter { $0 != column })
            }
        }
        return result
    }

    /// Key columns of one candidate, with the operator classes that are not their type's default.
    private struct Key: Hashable {
        var columns: [String]
        var operatorClasses: [String: String]?

        init(_ columns: [String], operatorClasses: [String: String]? = nil) {
            self.columns = columns
            self.operatorClasses = operatorClasses
        }
    }

    /// The PostgreSQL operator class that lets a B-tree serve `LIKE 'abc%'` on `column`, when its
    /// collation is not bytewise (`C`): a default B-tree compares by the collation and cannot
    /// (PostgreSQL docs, "Operator Classes and Operator Families"). `nil` when the default serves it
    /// or the column is not a string type the catalog names.
    private func patternOperatorClass(_ column: String, in table: Table) -> String? {
        guard schema.engine == .postgres, let found = table.column(named: column), found.collation != nil,
            !found.collationIsBytewise
        else { return nil }
        let type = found.dataType.lowercased()
        if type == "text" || type.hasPrefix("character varying") { return "text_pattern_ops" }
        if type.hasPrefix("character(") || type == "character" { return "bpchar_pattern_ops" }
        return nil
    }

    /// Share of the rows a column's most common values (and NULLs) must hold for it to be a category.
    static let categoryCoverage = 0.95

    /// `index`, and its covering variant when the read could then skip the table (an index-only
    /// scan): never for writes or locking reads, which visit every row in the table anyway.
    private func variants(_ index: IndexCandidate, shape: QueryShape, referenced: [String]) -> [IndexCandidate] {
        guard shape.kind == .select, !shape.selectsAllColumns, !shape.locksRows else { return [index] }
        let others = referenced.filter { !index.keyColumns.contains($0) }
        guard !others.isEmpty, others.count <= options.maxIncludedColumns else { return [index] }
        var covering = index
        covering.includedColumns = others.sorted()
        return [index, covering]
    }

    /// Constant predicates worth a partial index, as (column, predicate SQL): PostgreSQL only (MySQL
    /// and MariaDB have no partial indexes), an `= constant` on one of the column's most common
    /// values or an `IS [NOT] NULL`, keeping at most `partialIndexMaxFraction` of the rows. A value of
    /// a column that is not a category (an id, even a frequent one) is a lookup, not a kind of row.
    private func partialPredicates(_ predicates: [ColumnPredicate], in table: Table) -> [(String, String)] {
        guard schema.engine == .postgres else { return [] }
        var found: [(String, String)] = []
        for predicate in predicates {
            let name = predicate.column.column
            guard let statistics = table.column(named: name)?.statistics else { continue }
            let column = SQLIdentifier.quoted(name, engine: .postgres)
            switch predicate.kind {
            case .equality:
                // Only a category (a status: its common values are nearly all its rows), not a
                // skewed key whose one frequent value happens to be listed (a customer with many orders).
                let listed = statistics.mostCommonFrequencies.reduce(0, +) + (statistics.nullFraction ?? 0)
                guard listed >= Self.categoryCoverage, let value = predicate.value,
                    let position = statistics.mostCommonValues.firstIndex(of: value),
                    position < statistics.mostCommonFrequencies.count,
                    statistics.mostCommonFrequencies[position] <= options.partialIndexMaxFraction,
                    !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else { continue }
                found.append((name, "\(column) = '\(value.replacingOccurrences(of: "'", with: "''"))'"))
            case .isNull:
                // The kind covers both tests; `op` tells them apart.
                let negated = predicate.op == "IS NOT NULL"
                guard let nulls = statistics.nullFraction else { continue }
                let fraction = negated ? 1 - nulls : nulls
                guard fraction > 0, fraction <= options.partialIndexMaxFraction else { continue }
                found.append((name, "\(column) \(negated ? "IS NOT NULL" : "IS NULL")"))
            default:
                continue
            }
        }
        return found
    }

    /// ORDER BY columns, else GROUP BY columns, when all are plain columns of `table` and ORDER BY
    /// runs in one direction (a B-tree is read forwards or backwards, not both; keys here are ASC).
    private func orderColumns(_ shape: QueryShape, on table: String, deliverable: Bool) -> [String] {
        guard deliverable else { return [] }  // rows from several IN values come out of order
        let name = table.lowercased()
        if !shape.orderBy.isEmpty {
            let columns = shape.orderBy.compactMap { $0.column }
            guard columns.count == shape.orderBy.count, columns.allSatisfy({ $0.table?.lowercased() == name }),
                Set(shape.orderBy.map(\.descending)).count == 1
            else { return [] }
            return unique(columns.map(\.column))
        }
        guard !shape.groupBy.isEmpty, shape.groupBy.allSatisfy({ $0.table?.lowercased() == name }) else { return [] }
        return unique(shape.groupBy.map(\.column))
    }

    /// Equality columns, most selective first (fewest rows per value, `ColumnSelectivity`; ties by
    /// name); or in the order of an existing index that leads with exactly these columns, which
    /// serves the same lookups, so the pool finds it redundant.
    private func ordered(_ columns: [String], in table: Table?) -> [String] {
        let wanted = Set(columns.map { $0.lowercased() })
        for index in table?.indexes ?? []
        where index.isValid && index.method.lowercased() == "btree" && index.predicate == nil
            && index.keyColumns.count >= columns.count
        {
            let lead = index.keyColumnNames.prefix(columns.count)
            guard Set(lead.map { $0.lowercased() }) == wanted, lead.count == wanted.count else { continue }
            return lead.compactMap { name in columns.first { $0.lowercased() == name.lowercased() } }
        }
        return columns.sorted { a, b in
            let (sa, sb) = (ColumnSelectivity.equality(a, in: table), ColumnSelectivity.equality(b, in: table))
            return sa != sb ? sa < sb : a < b
        }
    }

    private func unique(_ columns: [String]) -> [String] {
        var seen: Set<String> = []
        return columns.filter { seen.insert($0).inserted }
    }
}
