import Migrations

/// The migration files of a lint or regression rule's example: the files of one directory (path →
/// contents, in any order; the reader orders them as their tool would), optionally the layout to
/// read them in, and for regression rules the workload queries planned before and after them.
public struct MigrationExample: Equatable, Sendable, Decodable {
    /// Forced layout; recognised per file from names and contents when not given.
    public var layout: MigrationLayout?
    public var files: [String: String]
    /// The files under review; every file when not given.
    public var reviewed: [String]?
    /// Regression rules: the workload queries with their plans before and after the migrations.
    public var queries: [RegressionExampleQuery]

    public init(
        layout: MigrationLayout? = nil, files: [String: String], reviewed: [String]? = nil,
        queries: [RegressionExampleQuery] = []
    ) {
        self.layout = layout
        self.files = files
        self.reviewed = reviewed
        self.queries = queries
    }

    enum CodingKeys: String, CodingKey {
        case layout, files, reviewed, queries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            layout: try container.decodeIfPresent(MigrationLayout.self, forKey: .layout),
            files: try container.decode([String: String].self, forKey: .files),
            reviewed: try container.decodeIfPresent([String].self, forKey: .reviewed),
            queries: try container.decodeIfPresent([RegressionExampleQuery].self, forKey: .queries) ?? [])
    }
}
