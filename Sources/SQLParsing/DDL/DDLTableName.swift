/// A table named by a DDL statement, optionally qualified by its schema (MySQL: database).
public struct DDLTableName: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var schema: String?
    public var name: String

    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `schema.name`, or `name` alone.
    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
