/// The catalog queries `readSchema()` runs: one per concern, each covering every user table.
///
/// Rows carry the table's oid so the reader can join them in memory; ordering uses `COLLATE "C"`
/// so the schema comes out byte-for-byte the same whatever the database's collation.
enum Catalog {
    /// The tables the advisor may touch: ordinary and partitioned tables outside the system
    /// schemas, minus tables an extension owns (PostGIS' `spatial_ref_sys` is not the user's).
    /// Schema names starting with `pg_` are reserved, so the pattern catches pg_catalog,
    /// pg_toast and every session's pg_temp_N.
    static let userTables = """
        WITH user_tables AS (
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p')
              AND n.nspname <> 'information_schema'
              AND n.nspname !~ '^pg_'
              AND NOT EXISTS (
                  SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        )

        """

    /// One row per table: size, row estimate (`reltuples` is -1 until the first ANALYZE, PG 14+)
    /// and the activity counters of `pg_stat_user_tables`.
    static let tables =
        userTables + """
            SELECT t.oid, t.nspname AS schema, t.relname AS name, t.reltuples,
                   pg_table_size(t.oid) AS size_bytes,
                   s.n_tup_ins, s.n_tup_upd, s.n_tup_del, s.seq_scan, s.idx_scan
            FROM user_tables t
            LEFT JOIN pg_stat_user_tables s ON s.relid = t.oid
            ORDER BY t.nspname COLLATE "C", t.relname COLLATE "C"
            """

    /// One row per live column in declaration order, with its `pg_stats` row when ANALYZE made one.
    ///
    /// `pg_stats` keeps statistics of a whole inheritance tree apart (`inherited = true`), and a
    /// partitioned table has only those; a plain table's own rows have `inherited = false`.
    /// Array-typed statistics are cast to text and parsed by `PostgresArrayLiteral`.
    static let columns =
        userTables + """
            SELECT a.attrelid AS table_oid, a.attname AS name,
                   format_type(a.atttypid, a.atttypmod) AS data_type,
                   NOT a.attnotnull AS is_nullable,
                   CASE WHEN a.attcollation = 0 THEN NULL
                        WHEN co.collname = 'default'
                        THEN (SELECT datcollate FROM pg_database WHERE datname = current_database())
                        ELSE co.collname END AS collation,
                   s.null_frac, s.n_distinct, s.avg_width, s.correlation,
                   s.most_common_vals::text AS most_common_vals,
                   s.most_common_freqs::text AS most_common_freqs
            FROM user_tables t
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_stats s
                   ON s.schemaname = t.nspname AND s.tablename = t.relname AND s.attname = a.attname
                  AND s.inherited = (t.relkind = 'p')
            ORDER BY a.attrelid, a.attnum
            """

    /// One row per index, its key parts unpacked into parallel arrays.
    ///
    /// `indkey` lists the key columns, then the INCLUDE columns (`indnkeyatts` says where keys
    /// end); attnum 0 marks an expression, whose text `pg_get_indexdef(index, position, true)`
    /// prints. `indoption` bit 0 is INDOPTION_DESC. int2vector subscripts start at 0, while
    /// ordinality and pg_get_indexdef's column number start at 1.
    static let indexes =
        userTables + """
            SELECT i.indrelid AS table_oid, ic.relname AS name, am.amname AS method,
                   i.indisunique AS is_unique, i.indisprimary AS is_primary, i.indisvalid AS is_valid,
                   parts.key_names, parts.key_is_expression, parts.key_descending, parts.included,
                   pg_get_expr(i.indpred, i.indrelid) AS predicate,
                   pg_relation_size(i.indexrelid) AS size_bytes,
                   s.idx_scan AS scans,
                   pg_get_indexdef(i.indexrelid) AS definition
            FROM user_tables t
            JOIN pg_index i ON i.indrelid = t.oid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
            CROSS JOIN LATERAL (
                SELECT array_agg(CASE WHEN k.attnum = 0
                                      THEN pg_get_indexdef(i.indexrelid, k.position::int, true)
                                      ELSE a.attname::text END
                                 ORDER BY k.position) FILTER (WHERE k.position <= i.indnkeyatts) AS key_names,
                       array_agg(k.attnum = 0 ORDER BY k.position)
                           FILTER (WHERE k.position <= i.indnkeyatts) AS key_is_expression,
                       array_agg((i.indoption[k.position - 1] & 1) = 1 ORDER BY k.position)
                           FILTER (WHERE k.position <= i.indnkeyatts) AS key_descending,
                       array_agg(a.attname::text ORDER BY k.position)
                           FILTER (WHERE k.position > i.indnkeyatts) AS included
                FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
                LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            ) parts
            ORDER BY i.indrelid, ic.relname COLLATE "C"
            """

    /// One row per foreign key, its columns and the referenced columns as parallel arrays in key
    /// order (`conkey[i]` references `confkey[i]`). A foreign key that involves a partitioned
    /// table is cloned onto partitions with `conparentid` set; only the original is listed.
    static let foreignKeys =
        userTables + """
            SELECT c.conrelid AS table_oid, c.conname AS name,
                   rn.nspname AS referenced_schema, rc.relname AS referenced_table,
                   (SELECT array_agg(a.attname::text ORDER BY k.position)
                    FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
                   (SELECT array_agg(a.attname::text ORDER BY k.position)
                    FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced_columns
            FROM user_tables t
            JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'f' AND c.conparentid = 0
            JOIN pg_class rc ON rc.oid = c.confrelid
            JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            ORDER BY c.conrelid, c.conname COLLATE "C"
            """
}
