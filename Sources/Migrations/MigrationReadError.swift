/// A migration file that cannot be read, with the place to look: `path:line:column: message`.
public struct MigrationReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as given (directory argument joined with its relative path).
    public var path: String
    /// 1-based line of the problem (1 when it concerns the whole file).
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?
    public var message: String

    public init(path: String, line: Int, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `db/migrate/V2__x.sql:3:8: syntax error at or near "INDX"`, as compilers print errors.
    public var description: String {
        "\(path):\(line):\(column.map { "\($0):" } ?? "") \(message)"
    }
}
