/// The database engines dbadvisor understands.
public enum Engine: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case postgres
    case mysql
    case mariadb

    /// `true` for MySQL and MariaDB, which share the dialect, catalog and DDL.
    public var isMySQLFamily: Bool { self != .postgres }

    /// Human name used in messages.
    public var description: String {
        switch self {
        case .postgres: "PostgreSQL"
        case .mysql: "MySQL"
        case .mariadb: "MariaDB"
        }
    }
}
