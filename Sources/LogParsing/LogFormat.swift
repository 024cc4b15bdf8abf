import SQLParsing

/// Log formats the readers understand, recognised from the first lines of content (never the file name).
public enum LogFormat: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// `log_destination = stderr` (also syslog-like vendor lines), with a `log_line_prefix`.
    case postgresStderr
    /// `log_destination = csvlog`.
    case postgresCSV
    /// `log_destination = jsonlog` (PostgreSQL 15+), and JSON wrappers such as CloudNativePG's.
    case postgresJSON
    /// MySQL 5.0–8.4, Percona Server and MariaDB slow query log (the file, `log_output=FILE`).
    case mysqlSlow

    public var description: String {
        switch self {
        case .postgresStderr: "PostgreSQL stderr log"
        case .postgresCSV: "PostgreSQL csvlog"
        case .postgresJSON: "PostgreSQL jsonlog"
        case .mysqlSlow: "MySQL slow log"
        }
    }

    /// The SQL dialect of the statements in a log of this format.
    public var dialect: SQLDialect {
        switch self {
        case .postgresStderr, .postgresCSV, .postgresJSON: .postgres
        case .mysqlSlow: .mysql
        }
    }

    /// Whether a log whose first non-blank line is `line` is a slow log: it opens with an entry's
    /// `# Time:` / `# User@Host:` / `# Query_time:` / `# Thread_id:` line, or with the banner the
    /// server writes when it opens the file (`/usr/sbin/mysqld, Version: …`, `Tcp port: …`).
    static func isSlowLog(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.first == 0x23 {
            let kind = SlowLogHeader.kind(line)
            return kind == .time || kind == .userHost || kind == .queryTime || kind == .attributes
                || kind == .administratorCommand
        }
        return SlowLogHeader.isServerBanner(line)
    }

    /// The format of a PostgreSQL log whose first non-empty line is `line`.
    static func detectPostgres(_ line: UnsafeBufferPointer<UInt8>) -> LogFormat {
        var i = 0
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        guard i < line.count else { return .postgresStderr }
        if line[i] == 0x7B { return .postgresJSON }
        // csv: a timestamp (maybe quoted) directly followed by a comma.
        let quoted = line[i] == 0x22
        if let (_, end) = LogTimestamp.parse(line, at: quoted ? i + 1 : i) {
            let after = quoted && end < line.count && line[end] == 0x22 ? end + 1 : end
            if after < line.count, line[after] == 0x2C { return .postgresCSV }
        }
        return .postgresStderr
    }
}
