/// The up direction of one migration file as its tool runs it: statements in order, each with its
/// position and transaction context.
public struct MigrationScript: Equatable, Sendable {
    /// The file as given (directory argument joined with its relative path, `/`-separated).
    public var path: String
    public var layout: MigrationLayout
    /// The version the tool orders it by (`20261123170000`, `2.1`); empty for unversioned files.
    public var version: String
    public var statements: [MigrationStatement]

    public init(path: String, layout: MigrationLayout, version: String, statements: [MigrationStatement]) {
        self.path = path
        self.layout = layout
        self.version = version
        self.statements = statements
    }
}
