import AdvisorCore
import SQLParsing
import TestSupport
import Testing

@Suite struct PostgresShapeGoldenTests {
    @Test("shape of a typical statement matches its golden file", arguments: ShapeCase.corpus)
    func shapeMatchesGolden(_ statement: ShapeCase) throws {
        let shape = try PostgresParser.shape(of: statement.sql)
        try GoldenFile(name: "\(statement.name).json").assertMatches(json: shape)
    }

    @Test func corpusNamesAreUnique() {
        let names = ShapeCase.corpus.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
