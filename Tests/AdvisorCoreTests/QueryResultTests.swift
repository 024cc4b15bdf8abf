import AdvisorCore
import Testing

@Suite("QueryResult")
struct QueryResultTests {
    @Test func readsNamedTypedValuesAndNull() {
        let result = QueryResult(
            columns: ["id", "Name", "active", "score"], rows: [["7", "ann", "t", "1.5"], ["8", nil, "NO", nil]])
        let rows = result.namedRows
        #expect(rows[0].int("id") == 7)
        #expect(rows[0]["name"] == "ann")
        #expect(rows[0].bool("active") == true)
        #expect(rows[0].double("score") == 1.5)
        #expect(rows[1]["name"] == nil)
        #expect(rows[1].bool("active") == false)
        #expect(rows[1]["missing"] == nil)
        #expect(result.columnIndex("NAME") == 1)
    }
}
