import CMariaDB

/// libmariadb's process-wide setup.
enum ClientLibrary {
    /// Why libmariadb could not be loaded or initialised, nil when it is ready.
    ///
    /// It is loaded on first use (`CMariaDB`). `mysql_library_init` (a macro for
    /// `mysql_server_init`) must run once before the first `mysql_init`; calling it from several
    /// threads at once is not safe. A static `let` is initialised exactly once, thread-safely, on
    /// first use.
    static let problem: String? = {
        if let failure = dbadvisor_libmariadb_load() { return String(cString: failure) }
        return mysql_server_init(0, nil, nil) == 0 ? nil : "libmariadb could not be initialised (out of memory?)"
    }()
}
