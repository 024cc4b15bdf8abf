/// PostgreSQL keywords that an identifier must be quoted to use.
///
/// Every keyword that is not "unreserved": the reserved, type/function-name and column-name
/// categories (`pg_get_keywords()` catcode R, T, C). These are exactly the words PostgreSQL's own
/// `quote_ident` quotes; some are accepted unquoted in a few positions, but quoting them is always
/// correct, and guessing the position is not. PostgreSQL 15's list, plus the words later releases
/// added to those categories, so a file generated here also runs on PostgreSQL 16 and 17.
enum PostgresKeywords {
    static let requiringQuotes: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
        "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
        "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
        "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
        "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
        "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
        "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
        "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
        "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
        "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
        "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
        "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user",
        "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then",
        "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
        "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes",
        "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
        "xmlroot", "xmlserialize", "xmltable",
    ]

    /// Added after PostgreSQL 15 (16: SYSTEM_USER and the JSON constructors; 17: JSON_TABLE and friends).
    static let addedAfter15: Set<String> = [
        "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query",
        "json_scalar", "json_serialize", "json_table", "json_value", "merge_action", "system_user",
    ]

    /// True when `word` (already lower-case) must be quoted as an identifier.
    static func contains(_ word: String) -> Bool {
        requiringQuotes.contains(word) || addedAfter15.contains(word)
    }
}
