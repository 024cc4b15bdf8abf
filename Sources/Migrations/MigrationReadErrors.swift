/// Every problem found reading a directory of migrations, one `path:line: message` each.
public struct MigrationReadErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var errors: [MigrationReadError]

    public init(_ errors: [MigrationReadError]) {
        self.errors = errors
    }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
