import AdvisorCore

/// Maps MySQL/MariaDB error numbers to the coarse `DriverError.Kind` the CLI acts on.
///
/// Numbers from the MariaDB/MySQL error references: client errors are 2000–2999 (errmsg.h),
/// server errors 1000–1999 (mysqld_error.h).
enum ErrorKindMapping {
    /// CR_CONNECTION_ERROR (socket), CR_CONN_HOST_ERROR (TCP), CR_UNKNOWN_HOST.
    static let unreachable: Set<Int> = [2002, 2003, 2005]
    /// CR_SERVER_GONE_ERROR, CR_SERVER_LOST: the link broke (also during the handshake).
    static let linkBroken: Set<Int> = [2006, 2013]
    /// ER_ACCESS_DENIED_ERROR; ER_ACCESS_DENIED_NO_PASSWORD_ERROR (MySQL 8, e.g. auth_socket);
    /// CR_AUTH_PLUGIN_CANNOT_LOAD.
    static let authentication: Set<Int> = [1045, 1698, 2059]
    /// ER_BAD_DB_ERROR; after connecting (`USE nosuch`) it is an ordinary statement failure.
    static let unknownDatabase = 1049
    /// ER_LOCK_WAIT_TIMEOUT, for row locks (innodb_lock_wait_timeout) and metadata locks (lock_wait_timeout).
    static let lockWaitTimeout = 1205

    /// The kind for `errno`; `connected` tells a failed connect from a connection lost in use.
    static func kind(errno: Int, connected: Bool) -> DriverError.Kind {
        if unreachable.contains(errno) || linkBroken.contains(errno) {
            return connected ? .connectionLost : .connectionFailed
        }
        if authentication.contains(errno) { return .authenticationFailed }
        if errno == unknownDatabase { return connected ? .queryFailed : .unknownDatabase }
        return .queryFailed
    }
}
