/// The catalog queries `readSchema()` runs: a handful per database, never one per table.
///
/// Every query is scoped to `DATABASE()` and names its columns with explicit aliases, because
/// MySQL 8's data-dictionary views return information_schema column names in upper case whatever
/// the query wrote. Row order is settled in Swift (see `SchemaAssembler`), so the servers'
/// different collations of information_schema cannot reorder the result.
enum Catalog {
    /// The connection's current database; NULL when none was selected.
    static let currentDatabase = "SELECT DATABASE() AS db"

    /// MySQL 8 caches TABLE_ROWS/DATA_LENGTH for `information_schema_stats_expiry` seconds
    /// (default 86400); 0 makes information_schema read the storage engine's current statistics.
    /// MariaDB has no such cache (and no such variable).
    static let freshTableStatisticsOnMySQL = "SET SESSION information_schema_stats_expiry = 0"

    /// Base tables only: views have no indexes or statistics of their own.
    static let tables = """
        SELECT TABLE_NAME AS table_name, TABLE_ROWS AS table_rows, DATA_LENGTH AS data_length
        FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
        """

    /// Columns of every table and view; COLUMN_TYPE keeps lengths and `unsigned` (`int(10) unsigned`).
    static let columns = """
        SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, COLUMN_TYPE AS column_type,
               IS_NULLABLE AS is_nullable
        FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE()
        ORDER BY TABLE_NAME, ORDINAL_POSITION
        """

    /// Whether STATISTICS has the EXPRESSION column of MySQL 8.0.13+ functional key parts.
    static let statisticsHasExpression = """
        SELECT COUNT(*) AS n
        FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'STATISTICS' AND COLUMN_NAME = 'EXPRESSION'
        """

    /// One row per key part. COLLATION is 'A', 'D' (descending: MySQL 8, MariaDB 10.8+) or NULL
    /// (not sorted, e.g. HASH or FULLTEXT); SUB_PART is the prefix length of `KEY (name(10))`.
    static func indexes(withExpression: Bool) -> String {
        """
        SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, SEQ_IN_INDEX AS seq_in_index,
               COLUMN_NAME AS column_name, \(withExpression ? "EXPRESSION" : "NULL") AS expression,
               NON_UNIQUE AS non_unique, SUB_PART AS sub_part, COLLATION AS collation,
               INDEX_TYPE AS index_type
        FROM information_schema.STATISTICS
        WHERE TABLE_SCHEMA = DATABASE()
        ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
        """
    }

    /// InnoDB persistent statistics: `size` is the index's allocated pages. Partitions appear as
    /// `t#P#p0` (MariaDB, MySQL 5.7) or `t#p#p0` (MySQL 8) and are summed per table.
    /// InnoDB clusters rows in the PRIMARY index, so its size is the table's data size.
    /// Needs SELECT on mysql.innodb_index_stats; without it sizes stay unknown.
    static let indexSizes = """
        SELECT table_name AS table_name, index_name AS index_name,
               stat_value * @@innodb_page_size AS size_bytes
        FROM mysql.innodb_index_stats
        WHERE database_name = DATABASE() AND stat_name = 'size'
        """

    /// MariaDB engine-independent statistics, written by `ANALYZE TABLE … PERSISTENT FOR ALL`
    /// (or automatically with `use_stat_tables=PREFERABLY`). avg_frequency is the average number of
    /// rows per distinct non-NULL value; table_stats.cardinality is the row count it was computed on.
    /// The histogram is binary for SINGLE/DOUBLE_PREC_HB, so it travels as hex.
    static let mariaDBColumnStatistics = """
        SELECT c.table_name AS table_name, c.column_name AS column_name, c.nulls_ratio AS nulls_ratio,
               c.avg_length AS avg_length, c.avg_frequency AS avg_frequency, t.cardinality AS cardinality,
               c.min_value AS min_value, c.max_value AS max_value, c.hist_type AS hist_type,
               HEX(c.histogram) AS histogram_hex
        FROM mysql.column_stats c
        LEFT JOIN mysql.table_stats t ON t.db_name = c.db_name AND t.table_name = c.table_name
        WHERE c.db_name = DATABASE()
        """

    /// MySQL 8 histograms from `ANALYZE TABLE … UPDATE HISTOGRAM ON …`, one JSON document per column.
    static let mySQLHistograms = """
        SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, HISTOGRAM AS histogram
        FROM information_schema.COLUMN_STATISTICS
        WHERE SCHEMA_NAME = DATABASE()
        """

    /// One row per column of each foreign key declared on the database's tables, in key order.
    /// KEY_COLUMN_USAGE also lists PRIMARY and UNIQUE key columns; only foreign keys have a
    /// REFERENCED_TABLE_NAME. The referenced table may live in another database.
    static let foreignKeys = """
        SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, COLUMN_NAME AS column_name,
               ORDINAL_POSITION AS ordinal_position, REFERENCED_TABLE_SCHEMA AS referenced_schema,
               REFERENCED_TABLE_NAME AS referenced_table, REFERENCED_COLUMN_NAME AS referenced_column
        FROM information_schema.KEY_COLUMN_USAGE
        WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
        """
}
