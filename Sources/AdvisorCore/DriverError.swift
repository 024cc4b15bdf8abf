import Foundation

/// A failure reported by a database driver, with the server's own words.
///
/// Drivers map every C-level error to this type; no C names cross the driver boundary.
public struct DriverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, coarse enough for the CLI to choose an exit code and a hint.
    public enum Kind: String, Sendable, Codable {
        /// The DSN or connection settings are malformed.
        case invalidConfiguration
        /// The server could not be reached (refused, unknown host, timeout).
        case connectionFailed
        /// The driver's client library (libpq, libmariadb) could not be loaded.
        case clientLibraryMissing
        /// The server rejected the credentials.
        case authenticationFailed
        /// The database named in the DSN does not exist.
        case unknownDatabase
        /// The server reported an error for a statement (syntax, permission, missing object…).
        case queryFailed
        /// The driver refused the statement before sending it (e.g. not something EXPLAIN accepts).
        case unsupportedStatement
        /// The connection was lost while in use.
        case connectionLost
    }

    public var kind: Kind
    /// Engine of the server that reported it.
    public var engine: Engine
    /// SQLSTATE (PostgreSQL, MySQL) when known.
    public var sqlState: String?
    /// Native error number (MySQL errno) when known.
    public var code: Int?
    /// The server's or client library's message, one line, without a password.
    public var message: String
    /// `host:port/database` (never the password) the error concerns.
    public var server: String

    public init(
        kind: Kind, engine: Engine, sqlState: String? = nil, code: Int? = nil, message: String, server: String
    ) {
        self.kind = kind
        self.engine = engine
        self.sqlState = sqlState
        self.code = code
        self.message = DriverError.oneLine(message)
        self.server = server
    }

    /// One line: `PostgreSQL 127.0.0.1:5432/shop: <message> (SQLSTATE 42P01)`.
    public var description: String {
        var codes: [String] = []
        if let sqlState { codes.append("SQLSTATE \(sqlState)") }
        if let code { codes.append("error \(code)") }
        let suffix = codes.isEmpty ? "" : " (\(codes.joined(separator: ", ")))"
        return "\(engine) \(server): \(message)\(suffix)"
    }

    /// Collapses a multi-line C message into one trimmed line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
