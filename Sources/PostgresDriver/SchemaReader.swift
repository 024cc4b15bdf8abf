import AdvisorCore

/// Builds a `Schema` from the rows of the `Catalog` queries.
///
/// It only runs the queries it is given a runner for, so the connection decides the transaction.
struct SchemaReader {
    /// Runs one catalog query.
    let run: (String) throws(DriverError) -> QueryResult

    /// Reads every user table with its columns, statistics and indexes.
    func read(database: String, serverVersion: String) throws(DriverError) -> Schema {
        let tableRows = try run(Catalog.tables).namedRows
        let columnsByTable = Dictionary(grouping: try run(Catalog.columns).namedRows) { $0["table_oid"] ?? "" }
        let indexesByTable = Dictionary(grouping: try run(Catalog.indexes).namedRows) { $0["table_oid"] ?? "" }
        let foreignKeysByTable = Dictionary(grouping: try run(Catalog.foreignKeys).namedRows) {
            $0["table_oid"] ?? ""
        }
        let tables = tableRows.map { row in
            let oid = row["oid"] ?? ""
            let rows = Self.estimatedRows(row.double("reltuples"))
            return Table(
                schema: row["schema"] ?? "", name: row["name"] ?? "",
                columns: (columnsByTable[oid] ?? []).map { Self.column($0, tableRows: rows) },
                indexes: (indexesByTable[oid] ?? []).map(Self.index),
                estimatedRows: rows,
                sizeBytes: row.int64("size_bytes"),
                writeStats: Self.writeStats(row),
                foreignKeys: (foreignKeysByTable[oid] ?? []).map(Self.foreignKey))
        }
        return Schema(engine: .postgres, serverVersion: serverVersion, database: database, tables: tables)
    }

    /// `reltuples` is -1 for a table never vacuumed or analyzed (PG 14+).
    static func estimatedRows(_ reltuples: Double?) -> Double? {
        guard let reltuples, reltuples >= 0 else { return nil }
        return reltuples
    }

    /// `n_distinct` below zero is minus the fraction of rows that are distinct (it scales with
    /// the table); the planner turns it into a count as `clamp_row_est(-n_distinct * reltuples)`
    /// (selfuncs.c, get_variable_numdistinct), which is what this does.
    static func absoluteDistinct(_ nDistinct: Double?, tableRows: Double?) -> Double? {
        guard let nDistinct else { return nil }
        guard nDistinct < 0 else { return nDistinct }
        guard let tableRows else { return nil }
        return max(1, (-nDistinct * tableRows).rounded())
    }

    private static func column(_ row: QueryResult.Row, tableRows: Double?) -> Column {
        // null_frac is never NULL in a pg_stats row, so its absence means "not analyzed".
        let statistics = row.double("null_frac").map { nullFraction in
            ColumnStatistics(
                nullFraction: nullFraction,
                distinctValues: absoluteDistinct(row.double("n_distinct"), tableRows: tableRows),
                averageWidth: row.double("avg_width"),
                correlation: row.double("correlation"),
                mostCommonValues: textArray(row["most_common_vals"]).compactMap { $0 },
                mostCommonFrequencies: textArray(row["most_common_freqs"]).compactMap { $0.flatMap(Double.init) })
        }
        return Column(
            name: row["name"] ?? "", dataType: row["data_type"] ?? "", isNullable: row.bool("is_nullable") ?? true,
            statistics: statistics, collation: row["collation"])
    }

    private static func index(_ row: QueryResult.Row) -> Index {
        let names = textArray(row["key_names"])
        let expressions = textArray(row["key_is_expression"])
        let descending = textArray(row["key_descending"])
        let keys = names.indices.map { i in
            IndexKey(
                name: names[i] ?? "",
                isExpression: flag(expressions, i),
                descending: flag(descending, i))
        }
        return Index(
            name: row["name"] ?? "",
            keyColumns: keys,
            includedColumns: textArray(row["included"]).compactMap { $0 },
            isUnique: row.bool("is_unique") ?? false,
            isPrimary: row.bool("is_primary") ?? false,
            isValid: row.bool("is_valid") ?? true,
            predicate: row["predicate"],
            method: row["method"] ?? "btree",
            sizeBytes: row.int64("size_bytes"),
            scans: row.int64("scans"),
            definition: row["definition"])
    }

    private static func foreignKey(_ row: QueryResult.Row) -> ForeignKey {
        ForeignKey(
            name: row["name"] ?? "", columns: textArray(row["columns"]).compactMap { $0 },
            referencedSchema: row["referenced_schema"] ?? "", referencedTable: row["referenced_table"] ?? "",
            referencedColumns: textArray(row["referenced_columns"]).compactMap { $0 })
    }

    private static func writeStats(_ row: QueryResult.Row) -> WriteStats? {
        // No pg_stat_user_tables row (a partitioned parent, or stats unreadable): no counters.
        guard let inserts = row.int64("n_tup_ins") else { return nil }
        return WriteStats(
            inserts: inserts, updates: row.int64("n_tup_upd") ?? 0, deletes: row.int64("n_tup_del") ?? 0,
            sequentialScans: row.int64("seq_scan"), indexScans: row.int64("idx_scan"))
    }

    /// An array column's elements; a NULL array (no INCLUDE columns, no MCVs) is empty.
    private static func textArray(_ text: String?) -> [String?] {
        text.flatMap { PostgresArrayLiteral.parse($0) } ?? []
    }

    private static func flag(_ values: [String?], _ i: Int) -> Bool {
        i < values.count && values[i] == "t"
    }
}

extension QueryResult.Row {
    /// A bigint column (sizes and counters exceed `Int32`, and `Int` is not 64-bit everywhere).
    fileprivate func int64(_ name: String) -> Int64? { self[name].flatMap { Int64($0) } }
}
