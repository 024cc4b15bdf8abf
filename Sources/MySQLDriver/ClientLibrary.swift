import CMariaDB

/// libmariadb's process-wide setup.
enum ClientLibrary {
    /// `mysql_library_init` (a macro for `mysql_server_init`) must run once before the first
    /// `mysql_init`; calling it from several threads at once is not safe. A static `let` is
    /// initialised exactly once, thread-safely, on first use.
    static let isInitialized: Bool = mysql_server_init(0, nil, nil) == 0
}
