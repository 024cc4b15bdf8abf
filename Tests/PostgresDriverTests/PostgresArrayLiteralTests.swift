import Testing

@testable import PostgresDriver

@Suite("PostgreSQL array text literals")
struct PostgresArrayLiteralTests {
    @Test func readsPlainElements() {
        #expect(PostgresArrayLiteral.parse("{open,shipped,42}") == ["open", "shipped", "42"])
        #expect(PostgresArrayLiteral.parse("{0.5,0.3}") == ["0.5", "0.3"])
    }

    @Test func unquotedNullIsNilButQuotedNullIsText() {
        #expect(PostgresArrayLiteral.parse("{a,NULL,\"NULL\"}") == ["a", nil, "NULL"])
    }

    @Test func quotedElementsKeepDelimitersSpacesBracesAndEscapes() {
        let text = #"{"a b","x,y","say \"hi\"","back\\slash","{}","",é}"#
        #expect(PostgresArrayLiteral.parse(text) == ["a b", "x,y", "say \"hi\"", "back\\slash", "{}", "", "é"])
    }

    @Test func emptyNestedAndBoundedArrays() {
        #expect(PostgresArrayLiteral.parse("{}") == [])
        #expect(PostgresArrayLiteral.parse("{{1,2},{3,4}}") == ["1", "2", "3", "4"])
        #expect(PostgresArrayLiteral.parse("[0:1]={7,8}") == ["7", "8"])
        #expect(PostgresArrayLiteral.parse("{(1,2),(3,4)}", delimiter: ";") == ["(1,2),(3,4)"])
    }

    @Test func malformedTextIsNotAnArray() {
        #expect(PostgresArrayLiteral.parse("open") == nil)
        #expect(PostgresArrayLiteral.parse("{\"unterminated}") == nil)
        #expect(PostgresArrayLiteral.parse("{a,b") == nil)
        #expect(PostgresArrayLiteral.parse("{a}b") == nil)
    }
}
