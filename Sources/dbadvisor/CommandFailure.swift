import AdvisorCore

/// A failure the CLI reports as one line on stderr with the documented exit code.
struct CommandFailure: Error {
    /// Findings at or above the fail threshold.
    static let findings: Int32 = 1
    /// Bad usage or bad input (DSN, SQL, files).
    static let usageError: Int32 = 2
    /// Cannot connect, or the server failed.
    static let serverError: Int32 = 3

    var exitCode: Int32
    var message: String

    init(exitCode: Int32, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    /// Maps a driver error to a message with the next step and an exit code.
    init(_ error: DriverError) {
        switch error.kind {
        case .invalidConfiguration:
            self.init(exitCode: Self.usageError, "\(error.message) (see 'dbadvisor help explain' for the DSN forms)")
        case .connectionFailed:
            self.init(
                exitCode: Self.serverError,
                "cannot connect to \(error): check the host and port in --dsn and that the server is running")
        case .clientLibraryMissing:
            self.init(exitCode: Self.serverError, "cannot connect to \(error)")
        case .authenticationFailed:
            self.init(
                exitCode: Self.serverError, "cannot log in to \(error): check the user and password in --dsn")
        case .unknownDatabase:
            self.init(
                exitCode: Self.serverError, "\(error): check the database name in --dsn")
        case .connectionLost:
            self.init(exitCode: Self.serverError, "lost the connection to \(error)")
        case .unsupportedStatement:
            self.init(exitCode: Self.usageError, "\(error)")
        case .queryFailed where error.isPermissionDenied:
            // Both engines check the statement's own privileges when planning it, although
            // EXPLAIN executes nothing: a read-only role cannot plan INSERT/UPDATE/DELETE.
            self.init(
                exitCode: Self.serverError,
                "\(error): EXPLAIN needs the statement's own privileges; use a role that has them")
        case .queryFailed where error.isSyntaxError:
            self.init(exitCode: Self.usageError, "SQL syntax error reported by \(error)")
        case .queryFailed:
            self.init(exitCode: Self.serverError, "\(error)")
        }
    }
}

extension DriverError {
    /// The server rejected the statement's syntax (PostgreSQL SQLSTATE 42601, MySQL errno 1064).
    var isSyntaxError: Bool {
        sqlState == "42601" || code == 1064
    }

    /// The server refused for lack of privileges (PostgreSQL 42501, MySQL errno 1142/1143).
    var isPermissionDenied: Bool {
        sqlState == "42501" || code == 1142 || code == 1143
    }

    /// The statement waited out the lock timeout for a lock another session holds (PostgreSQL
    /// 55P03 `lock_timeout`, MySQL errno 1205 `lock_wait_timeout`).
    var isLockTimeout: Bool {
        sqlState == "55P03" || code == 1205
    }
}
