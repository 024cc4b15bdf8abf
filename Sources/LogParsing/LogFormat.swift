/// Log formats the readers understand, recognised from the first lines of content (never the file name).
/// MySQL/MariaDB slow logs join here when their parser lands.
public enum LogFormat: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// `log_destination = stderr` (also syslog-like vendor lines), with a `log_line_prefix`.
    case postgresStderr
    /// `log_destination = csvlog`.
    case postgresCSV
    /// `log_destination = jsonlog` (PostgreSQL 15+), and JSON wrappers such as CloudNativePG's.
    case postgresJSON

    public var description: String {
        switch self {
        case .postgresStderr: "PostgreSQL stderr log"
        case .postgresCSV: "PostgreSQL csvlog"
        case .postgresJSON: "PostgreSQL jsonlog"
        }
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
