import AdvisorCore
import CLibPQ

/// Turns libpq's failure reports into `DriverError`s with the server's SQLSTATE and words.
enum LibPQDiagnostics {
    // The PG_DIAG_* field codes are character-literal macros (postgres_ext.h), which Swift does not import.
    private static let sqlStateField = Int32(UInt8(ascii: "C"))
    private static let primaryMessageField = Int32(UInt8(ascii: "M"))
    private static let positionField = Int32(UInt8(ascii: "P"))

    /// The error for a connection that did not reach `CONNECTION_OK`.
    ///
    /// The message is libpq's own: it never contains the password, which libpq only sends inside
    /// the authentication exchange; we hand it over as a keyword value, never inside text libpq
    /// could echo. (Scrubbing it from messages was tried and garbled them: the dev password
    /// `advisor` is also the user name.)
    static func connectionError(_ connection: OpaquePointer?, server: String) -> DriverError {
        let message = connection.map { text(PQerrorMessage($0)) } ?? "libpq could not allocate a connection"
        return DriverError(
            kind: kind(ofConnectionFailure: message), engine: .postgres, message: message, server: server)
    }

    /// Classifies a connection failure by libpq's message.
    ///
    /// libpq exposes no SQLSTATE for startup failures (the server's FATAL only reaches
    /// `PQerrorMessage`), so the server's stable English texts are matched: 28P01/28000 are
    /// "password authentication failed", "no pg_hba.conf entry", "role … does not exist";
    /// 3D000 is "database … does not exist". A server with a non-English `lc_messages` is
    /// reported as `connectionFailed`, which is still the right exit code.
    static func kind(ofConnectionFailure message: String) -> DriverError.Kind {
        let text = message.lowercased()
        func has(_ fragment: String) -> Bool { text.contains(fragment) }
        if has("database \"") && has("\" does not exist") { return .unknownDatabase }
        if has("authentication failed") || has("no password supplied") || has("pg_hba.conf")
            || (has("role \"") && has("\" does not exist")) || has("password retrieved from file")
        {
            return .authenticationFailed
        }
        // Option validation happens in libpq before any network traffic (fe-connect.c).
        if text.hasPrefix("invalid ") || has("invalid connection option") || has("definition of service")
            || has("service file")
        {
            return .invalidConfiguration
        }
        return .connectionFailed
    }

    /// The error for a statement whose result is missing or not OK.
    ///
    /// When the connection itself went bad (server restart, `pg_terminate_backend`), the statement
    /// failure is reported as `connectionLost`, since retrying on this connection cannot work.
    static func queryError(_ result: OpaquePointer?, connection: OpaquePointer, server: String) -> DriverError {
        let sqlState = result.flatMap { field($0, sqlStateField) }
        if PQstatus(connection) == CONNECTION_BAD {
            return DriverError(
                kind: .connectionLost, engine: .postgres, sqlState: sqlState,
                message: text(PQerrorMessage(connection)), server: server)
        }
        guard let result, let primary = field(result, primaryMessageField) else {
            let fallback = result.map { text(PQresultErrorMessage($0)) } ?? ""
            return DriverError(
                kind: .queryFailed, engine: .postgres, sqlState: sqlState,
                message: fallback.isEmpty ? text(PQerrorMessage(connection)) : fallback, server: server)
        }
        var message = primary
        // A 1-based character index into the statement, sent for syntax errors and unknown names.
        if let position = field(result, positionField) { message += " at character \(position)" }
        return DriverError(kind: .queryFailed, engine: .postgres, sqlState: sqlState, message: message, server: server)
    }

    private static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
