extension SQLDialect {
    /// The statements of a migration script with their 1-based positions and the index-relevant
    /// DDL each performs; a syntax error carries its line and column within `script`.
    public func ddlStatements(of script: String) throws(SQLParseError) -> [DDLStatement] {
        switch self {
        case .postgres: try PostgresDDLReader.statements(of: script)
        case .mysql: try MySQLDDLReader.statements(of: script)
        }
    }
}
