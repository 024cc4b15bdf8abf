/// Why a workload source could not be read at all; `description` is one line naming the path and the fix.
public struct LogReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or directory concerned (`-` for stdin).
    public var path: String
    /// What went wrong and what to do, without the path.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    static func missing(_ path: String) -> LogReadError {
        LogReadError(path: path, message: "no such file or directory; check the path (use - to read stdin)")
    }

    static func unreadable(_ path: String, _ reason: String) -> LogReadError {
        LogReadError(path: path, message: "cannot be read (\(reason)); check its permissions")
    }
}
