/// A statement the parser could not read, with the position of the offending token.
public struct SQLParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parser's message, e.g. `syntax error at or near "FORM"`.
    public var message: String
    /// 1-based character offset of the error in the statement; `nil` when the parser gave none.
    public var position: Int?
    /// 1-based line of `position`.
    public var line: Int?
    /// 1-based column (in characters) of `position` within its line.
    public var column: Int?

    /// Creates an error, deriving line and column from `position` within `sql`.
    public init(message: String, position: Int? = nil, in sql: String = "") {
        self.message = message
        self.position = position
        if let position {
            (line, column) = Self.lineAndColumn(of: position, in: sql)
        }
    }

    public var description: String {
        guard let line, let column else { return "SQL syntax error: \(message)" }
        return "SQL syntax error at line \(line), column \(column): \(message)"
    }

    /// Parsers count positions in characters (PostgreSQL: code points, not bytes), so walk scalars.
    private static func lineAndColumn(of position: Int, in sql: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for scalar in sql.unicodeScalars.prefix(position - 1) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
