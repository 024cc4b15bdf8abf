import AdvisorCore
import SQLParsing
import Testing

@Suite struct PostgresShapeGoldenTests {
    @Test("shape of a typical statement matches its golden file", arguments: ShapeCase.corpus)
    func shapeMatchesGolden(_ statement: ShapeCase) throws {
        let shape = try PostgresParser.shape(of: statement.sql)
        try GoldenFile(name: statement.name).check(shape)
    }

    @Test func corpusNamesAreUnique() {
        let names = ShapeCase.corpus.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
