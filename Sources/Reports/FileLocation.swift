/// A place in a repository file: a migration statement, or a workload query.
public struct FileLocation: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Path relative to the working directory (the repository root in CI), `/`-separated.
    public var path: String
    /// 1-based.
    public var line: Int
    /// 1-based.
    public var column: Int

    public init(path: String, line: Int, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, as compilers print it (terminals and editors open it).
    public var description: String { "\(path):\(line):\(column)" }
}
