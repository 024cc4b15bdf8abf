/// The catalog of one database as the advisor needs it: tables, columns, indexes and statistics.
public struct Schema: Codable, Equatable, Sendable {
    public var engine: Engine
    /// Server version string as reported (`15.18`, `10.11.6-MariaDB-0+deb12u1`).
    public var serverVersion: String
    /// Database (MySQL schema) the catalog was read from.
    public var database: String
    public var tables: [Table]

    public init(engine: Engine, serverVersion: String, database: String, tables: [Table]) {
        self.engine = engine
        self.serverVersion = serverVersion
        self.database = database
        self.tables = tables
    }

    /// Finds a table by name, optionally qualified (`public.orders`); names compare case-insensitively.
    public func table(named name: String, schema: String? = nil) -> Table? {
        tables.first { t in
            t.name.caseInsensitiveCompare(name) == .orderedSame
                && (schema == nil || t.schema.caseInsensitiveCompare(schema!) == .orderedSame)
        }
    }
}

/// A base table with its columns, indexes and size.
public struct Table: Codable, Equatable, Sendable {
    /// Namespace: PostgreSQL schema (`public`) or MySQL database.
    public var schema: String
    public var name: String
    public var columns: [Column]
    public var indexes: [Index]
    /// Estimated live rows (`pg_class.reltuples`, `information_schema.TABLES.TABLE_ROWS`); `nil` if never analyzed.
    public var estimatedRows: Double?
    /// Heap/data size in bytes, when known.
    public var sizeBytes: Int64?
    /// Write activity since statistics were reset, when the engine records it.
    public var writeStats: WriteStats?
    /// Foreign keys declared on this (referencing) table.
    public var foreignKeys: [ForeignKey]

    public init(
        schema: String, name: String, columns: [Column], indexes: [Index], estimatedRows: Double? = nil,
        sizeBytes: Int64? = nil, writeStats: WriteStats? = nil, foreignKeys: [ForeignKey] = []
    ) {
        self.schema = schema
        self.name = name
        self.columns = columns
        self.indexes = indexes
        self.estimatedRows = estimatedRows
        self.sizeBytes = sizeBytes
        self.writeStats = writeStats
        self.foreignKeys = foreignKeys
    }

    /// `schema.name`.
    public var qualifiedName: String { "\(schema).\(name)" }

    /// Finds a column case-insensitively.
    public func column(named name: String) -> Column? {
        columns.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The primary key index, if any.
    public var primaryKey: Index? { indexes.first { $0.isPrimary } }
}

/// A foreign key: `columns` of the owning table reference `referencedColumns` of another table.
public struct ForeignKey: Codable, Equatable, Sendable {
    public var name: String
    public var columns: [String]
    public var referencedSchema: String
    public var referencedTable: String
    public var referencedColumns: [String]

    public init(
        name: String, columns: [String], referencedSchema: String, referencedTable: String, referencedColumns: [String]
    ) {
        self.name = name
        self.columns = columns
        self.referencedSchema = referencedSchema
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
    }
}

/// Row-change counters (PostgreSQL `pg_stat_user_tables`; MySQL where available).
public struct WriteStats: Codable, Equatable, Sendable {
    public var inserts: Int64
    public var updates: Int64
    public var deletes: Int64
    public var sequentialScans: Int64?
    public var indexScans: Int64?

    public init(inserts: Int64, updates: Int64, deletes: Int64, sequentialScans: Int64? = nil, indexScans: Int64? = nil)
    {
        self.inserts = inserts
        self.updates = updates
        self.deletes = deletes
        self.sequentialScans = sequentialScans
        self.indexScans = indexScans
    }
}

/// A table column with its declared type and planner statistics.
public struct Column: Codable, Equatable, Sendable {
    public var name: String
    /// Declared type as the catalog prints it (`integer`, `varchar(64)`, `timestamp with time zone`).
    public var dataType: String
    public var isNullable: Bool
    /// Planner statistics, when the table has been analyzed.
    public var statistics: ColumnStatistics?
    /// The collation comparisons of a text column use (PostgreSQL: the column's, else the
    /// database's, such as `en_US.UTF-8` or `C`); `nil` for other types or when not read.
    public var collation: String?

    public init(
        name: String, dataType: String, isNullable: Bool, statistics: ColumnStatistics? = nil, collation: String? = nil
    ) {
        self.name = name
        self.dataType = dataType
        self.isNullable = isNullable
        self.statistics = statistics
        self.collation = collation
    }

    /// Whether the collation orders strings byte by byte, so that a default B-tree serves
    /// `LIKE 'abc%'`: on PostgreSQL 15 only `C` and `POSIX` (not `C.UTF-8`, not ICU).
    public var collationIsBytewise: Bool {
        guard let collation else { return false }
        return ["c", "posix"].contains(collation.lowercased())
    }
}

/// Per-column statistics (`pg_stats`, MariaDB `mysql.column_stats`, MySQL histograms).
public struct ColumnStatistics: Codable, Equatable, Sendable {
    /// Fraction of rows that are NULL, 0…1.
    public var nullFraction: Double?
    /// Estimated number of distinct values (absolute, already scaled by row count).
    public var distinctValues: Double?
    /// Average stored width in bytes.
    public var averageWidth: Double?
    /// Physical/logical order correlation, -1…1 (PostgreSQL).
    public var correlation: Double?
    /// Most common values and their frequencies, when the engine keeps them.
    public var mostCommonValues: [String]
    public var mostCommonFrequencies: [Double]
    /// MariaDB's binary histogram of a numeric column, which shows frequent values too.
    public var histogram: HeightBalancedHistogram?

    public init(
        nullFraction: Double? = nil, distinctValues: Double? = nil, averageWidth: Double? = nil,
        correlation: Double? = nil, mostCommonValues: [String] = [], mostCommonFrequencies: [Double] = [],
        histogram: HeightBalancedHistogram? = nil
    ) {
        self.nullFraction = nullFraction
        self.distinctValues = distinctValues
        self.averageWidth = averageWidth
        self.correlation = correlation
        self.mostCommonValues = mostCommonValues
        self.mostCommonFrequencies = mostCommonFrequencies
        self.histogram = histogram
    }

    /// The fraction of all rows holding `value`, when the statistics single it out: a most common
    /// value (PostgreSQL, MySQL singleton histograms; fractions of all rows) or a value filling
    /// several buckets of a MariaDB histogram (a share of the non-NULL rows). `nil` otherwise.
    public func frequency(of value: String) -> Double? {
        if let index = mostCommonValues.firstIndex(of: value), index < mostCommonFrequencies.count {
            return mostCommonFrequencies[index]
        }
        if let histogram, let number = Double(value), let share = histogram.frequency(of: number) {
            return share * (1 - (nullFraction ?? 0))
        }
        return nil
    }
}

/// An existing index.
public struct Index: Codable, Equatable, Sendable {
    public var name: String
    /// Key columns in order. An expression key is its SQL text with `isExpression` set.
    public var keyColumns: [IndexKey]
    /// Non-key columns carried in the leaf pages (PostgreSQL `INCLUDE`).
    public var includedColumns: [String]
    public var isUnique: Bool
    public var isPrimary: Bool
    /// `false` for an index left INVALID by a failed `CREATE INDEX CONCURRENTLY`.
    public var isValid: Bool
    /// Partial-index predicate (`WHERE …`) as SQL text.
    public var predicate: String?
    /// Access method: `btree`, `hash`, `gin`, `BTREE`, `FULLTEXT`, …
    public var method: String
    public var sizeBytes: Int64?
    /// Scans since statistics were reset (`pg_stat_user_indexes.idx_scan`), when known.
    public var scans: Int64?
    /// Full definition as the server prints it, for reports.
    public var definition: String?

    public init(
        name: String, keyColumns: [IndexKey], includedColumns: [String] = [], isUnique: Bool = false,
        isPrimary: Bool = false, isValid: Bool = true, predicate: String? = nil, method: String = "btree",
        sizeBytes: Int64? = nil, scans: Int64? = nil, definition: String? = nil
    ) {
        self.name = name
        self.keyColumns = keyColumns
        self.includedColumns = includedColumns
        self.isUnique = isUnique
        self.isPrimary = isPrimary
        self.isValid = isValid
        self.predicate = predicate
        self.method = method
        self.sizeBytes = sizeBytes
        self.scans = scans
        self.definition = definition
    }

    /// Names of the plain key columns in order (expressions excluded).
    public var keyColumnNames: [String] { keyColumns.filter { !$0.isExpression }.map(\.name) }
}

/// One key part of an index.
public struct IndexKey: Codable, Equatable, Sendable {
    /// Column name, or the expression's SQL text.
    public var name: String
    public var isExpression: Bool
    public var descending: Bool
    /// MySQL prefix length (`KEY (name(10))`).
    public var prefixLength: Int?

    public init(name: String, isExpression: Bool = false, descending: Bool = false, prefixLength: Int? = nil) {
        self.name = name
        self.isExpression = isExpression
        self.descending = descending
        self.prefixLength = prefixLength
    }
}
