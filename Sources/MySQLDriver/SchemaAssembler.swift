import AdvisorCore
import Foundation

/// Builds `Table` values from the rows of the `Catalog` queries; pure, so it is testable without a server.
///
/// Tables come out sorted by name and each table's indexes with PRIMARY first, then by name, using
/// Swift's code-point order so MySQL's and MariaDB's information_schema collations cannot
/// change the order. Columns keep ORDINAL_POSITION order.
struct SchemaAssembler {
    /// Statistics per table name, then per column name.
    typealias ColumnStatisticsByTable = [String: [String: ColumnStatistics]]

    var database: String
    /// Rows of `Catalog.tables`.
    var tables: QueryResult
    /// Rows of `Catalog.columns`.
    var columns: QueryResult
    /// Rows of `Catalog.indexes(withExpression:)`.
    var indexes: QueryResult
    /// Rows of `Catalog.indexSizes`, when readable.
    var indexSizes: QueryResult?
    /// Rows of `Catalog.foreignKeys`, when read.
    var foreignKeys: QueryResult?
    var columnStatistics: ColumnStatisticsByTable = [:]

    func assemble() -> [Table] {
        var columnsByTable: [String: [Column]] = [:]
        for row in columns.namedRows {
            guard let table = row["table_name"], let name = row["column_name"] else { continue }
            let stats = columnStatistics[table]?[name]
            columnsByTable[table, default: []].append(
                Column(
                    name: name, dataType: row["column_type"] ?? "", isNullable: row.bool("is_nullable") ?? true,
                    statistics: stats))
        }
        let indexesByTable = assembleIndexes()
        let foreignKeysByTable = Self.foreignKeys(foreignKeys)
        return tables.namedRows.compactMap { row -> Table? in
            guard let name = row["table_name"] else { return nil }
            return Table(
                schema: database, name: name, columns: columnsByTable[name] ?? [],
                indexes: indexesByTable[name] ?? [],
                estimatedRows: row.double("table_rows"),
                sizeBytes: row["data_length"].flatMap { Int64($0) },
                foreignKeys: foreignKeysByTable[name] ?? [])
        }
        .sorted { $0.name < $1.name }
    }

    /// Key parts grouped into indexes, in SEQ_IN_INDEX order, with sizes where known.
    private func assembleIndexes() -> [String: [Index]] {
        let sizes = Self.indexSizes(indexSizes)
        var result: [String: [Index]] = [:]
        var current: (table: String, index: Index)?
        func flush() {
            guard let (table, found) = current else { return }
            var index = found
            index.sizeBytes = sizes[table]?[index.name]
            index.definition = Self.definition(of: index)
            result[table, default: []].append(index)
            current = nil
        }
        for row in indexes.namedRows {
            guard let table = row["table_name"], let name = row["index_name"] else { continue }
            if current?.table != table || current?.index.name != name {
                flush()
                current = (
                    table,
                    Index(
                        name: name, keyColumns: [], isUnique: row.int("non_unique") == 0,
                        isPrimary: name == "PRIMARY", method: row["index_type"] ?? "BTREE")
                )
            }
            // MySQL 8 functional key parts have no COLUMN_NAME, only EXPRESSION.
            let key: IndexKey
            if let column = row["column_name"] {
                key = IndexKey(name: column, descending: row["collation"] == "D", prefixLength: row.int("sub_part"))
            } else {
                key = IndexKey(name: row["expression"] ?? "?", isExpression: true, descending: row["collation"] == "D")
            }
            current?.index.keyColumns.append(key)
        }
        flush()
        return result.mapValues { indexes in
            indexes.sorted { a, b in a.isPrimary != b.isPrimary ? a.isPrimary : a.name < b.name }
        }
    }

    /// Foreign keys per referencing table, sorted by constraint name, columns in ORDINAL_POSITION order.
    static func foreignKeys(_ rows: QueryResult?) -> [String: [ForeignKey]] {
        struct Part {
            var position: Int
            var column: String
            var referencedColumn: String
        }
        var parts: [String: [String: [Part]]] = [:]
        var referenced: [String: [String: (schema: String, table: String)]] = [:]
        for row in rows?.namedRows ?? [] {
            guard let table = row["table_name"], let name = row["constraint_name"], let column = row["column_name"],
                let referencedTable = row["referenced_table"]
            else { continue }
            parts[table, default: [:]][name, default: []].append(
                Part(
                    position: row.int("ordinal_position") ?? 0, column: column,
                    referencedColumn: row["referenced_column"] ?? ""))
            referenced[table, default: [:]][name] = (row["referenced_schema"] ?? "", referencedTable)
        }
        var result: [String: [ForeignKey]] = [:]
        for (table, byName) in parts {
            result[table] = byName.keys.sorted().map { name in
                let ordered = byName[name, default: []].sorted { $0.position < $1.position }
                let target = referenced[table]?[name] ?? ("", "")
                return ForeignKey(
                    name: name, columns: ordered.map(\.column), referencedSchema: target.schema,
                    referencedTable: target.table, referencedColumns: ordered.map(\.referencedColumn))
            }
        }
        return result
    }

    /// Index sizes in bytes per table and index, with partitions (`t#P#p0`, `t#p#p0`) summed into `t`.
    static func indexSizes(_ rows: QueryResult?) -> [String: [String: Int64]] {
        var sizes: [String: [String: Int64]] = [:]
        for row in rows?.namedRows ?? [] {
            guard var table = row["table_name"], let index = row["index_name"],
                let bytes = row["size_bytes"].flatMap({ Int64($0) })
            else { continue }
            if let partition = table.range(of: "#P#", options: .caseInsensitive) {
                table = String(table[..<partition.lowerBound])
            }
            sizes[table, default: [:]][index, default: 0] += bytes
        }
        return sizes
    }

    /// MariaDB `mysql.column_stats` rows as statistics. Distinct values = non-NULL rows / avg_frequency
    /// (avg_frequency is rows per distinct non-NULL value), over table_stats' row count when present,
    /// else information_schema's estimate in `fallbackRows`.
    static func mariaDBColumnStatistics(_ rows: QueryResult, fallbackRows: [String: Double]) -> ColumnStatisticsByTable
    {
        var result: ColumnStatisticsByTable = [:]
        for row in rows.namedRows {
            guard let table = row["table_name"], let column = row["column_name"] else { continue }
            let nulls = row.double("nulls_ratio")
            var distinct: Double?
            if let tableRows = row.double("cardinality") ?? fallbackRows[table] {
                let nonNullRows = tableRows * (1 - (nulls ?? 0))
                if nonNullRows < 0.5 {
                    distinct = 0
                } else if let frequency = row.double("avg_frequency"), frequency > 0 {
                    distinct = max(1, (nonNullRows / frequency).rounded())
                }
            }
            var histogram: HeightBalancedHistogram?
            if let type = row["hist_type"], let hex = row["histogram_hex"], let low = row["min_value"],
                let high = row["max_value"]
            {
                histogram = HeightBalancedHistogram(type: type, hex: hex, minimum: low, maximum: high)
            }
            result[table, default: [:]][column] = ColumnStatistics(
                nullFraction: nulls, distinctValues: distinct, averageWidth: row.double("avg_length"),
                histogram: histogram)
        }
        return result
    }

    /// MySQL 8 `information_schema.COLUMN_STATISTICS` rows as statistics; unreadable histograms are skipped.
    static func mySQLColumnStatistics(_ rows: QueryResult) -> ColumnStatisticsByTable {
        var result: ColumnStatisticsByTable = [:]
        for row in rows.namedRows {
            guard let table = row["table_name"], let column = row["column_name"],
                let histogram = row["histogram"].flatMap(MySQLHistogram.init(json:))
            else { continue }
            result[table, default: [:]][column] = histogram.statistics
        }
        return result
    }

    /// The index as `SHOW CREATE TABLE` writes it: `UNIQUE KEY \`uq\` (\`email\`,\`name\`(10) DESC)`.
    static func definition(of index: Index) -> String {
        let parts = index.keyColumns.map { key in
            var part = key.isExpression ? "(\(key.name))" : quote(key.name)
            if let prefix = key.prefixLength { part += "(\(prefix))" }
            if key.descending { part += " DESC" }
            return part
        }
        let list = "(" + parts.joined(separator: ",") + ")"
        if index.isPrimary { return "PRIMARY KEY \(list)" }
        let kind: String
        switch index.method.uppercased() {
        case "FULLTEXT": kind = "FULLTEXT KEY"
        case "SPATIAL": kind = "SPATIAL KEY"
        default: kind = index.isUnique ? "UNIQUE KEY" : "KEY"
        }
        return "\(kind) \(quote(index.name)) \(list)"
    }

    private static func quote(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }
}
