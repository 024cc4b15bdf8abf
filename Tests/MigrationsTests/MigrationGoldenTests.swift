import AdvisorCore
import Migrations
import Testing

/// Every layout for each engine, for the two fixture recommendations, against files under `Golden/`.
@Suite struct MigrationGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var engine: Engine
        var layout: MigrationLayout
        var hidden = false
        var directory: String { "\(engine.rawValue)-\(layout.rawValue)\(hidden ? "-hidden" : "")" }
        var testDescription: String { directory }
    }

    static let cases: [Case] =
        MigrationLayout.allCases.map { Case(engine: .postgres, layout: $0) }
        + MigrationLayout.allCases.map { Case(engine: .mariadb, layout: $0) }
        + [
            Case(engine: .mysql, layout: .plain),
            Case(engine: .mysql, layout: .plain, hidden: true),
            Case(engine: .mariadb, layout: .plain, hidden: true),
        ]

    @Test("migration files match the golden files", arguments: cases)
    func filesMatchGoldens(_ testCase: Case) throws {
        let files = try MigrationWriter.files(
            for: Fixtures.recommendations(for: testCase.engine), engine: testCase.engine, layout: testCase.layout,
            version: Fixtures.version, database: "shop", options: MigrationOptions(hidden: testCase.hidden))
        try GoldenDirectory(name: testCase.directory).check(files)
    }
}
