import AdvisorCore
import SQLParsing
import Testing

@Suite struct PostgresFingerprintTests {
    private func id(_ sql: String) throws -> String { try PostgresParser.fingerprint(of: sql).id }

    @Test func queriesDifferingOnlyInLiteralsShareAFingerprint() throws {
        #expect(
            try id("SELECT * FROM orders WHERE customer_id = 1 AND status = 'paid'")
                == id("SELECT * FROM orders WHERE customer_id = 42 AND status = 'new'"))
    }

    @Test func literalAndParameterShareAFingerprint() throws {
        #expect(try id("SELECT * FROM orders WHERE id = 5") == id("SELECT * FROM orders WHERE id = $1"))
    }

    @Test func whitespaceKeywordCaseAndCommentsDoNotMatter() throws {
        #expect(
            try id("SELECT id FROM orders WHERE id = 1")
                == id("select  id\n  from ORDERS -- by id\n where /* pk */ id = 2"))
    }

    /// libpg_query's fingerprint already ignores the length of a constant IN list (and a
    /// one-element list matches `=`), so no extra collapsing is needed on PostgreSQL.
    @Test func inListsOfDifferentLengthsShareAFingerprint() throws {
        let one = try id("SELECT * FROM products WHERE id IN (1)")
        let three = try id("SELECT * FROM products WHERE id IN (1, 2, 3)")
        let params = try id("SELECT * FROM products WHERE id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        #expect(one == three && three == params)
        #expect(
            try id("SELECT * FROM products WHERE id = ANY(ARRAY[1, 2])")
                == id("SELECT * FROM products WHERE id = ANY(ARRAY[7, 8, 9])"))
    }

    @Test func differentQueriesHaveDifferentFingerprints() throws {
        let base = try id("SELECT * FROM orders WHERE customer_id = 1")
        let others = [
            "SELECT * FROM customers WHERE customer_id = 1",
            "SELECT id FROM orders WHERE customer_id = 1",
            "SELECT * FROM orders WHERE customer_id > 1",
            "SELECT * FROM orders WHERE customer_id = 1 AND status = 'x'",
            "SELECT * FROM orders WHERE customer_id = 1 LIMIT 1",
            "DELETE FROM orders WHERE customer_id = 1",
        ]
        for other in others {
            #expect(try id(other) != base, "\(other)")
        }
        #expect(Set(try others.map(id)).count == others.count)
    }

    @Test func normalizedTextReplacesConstantsWithParameters() throws {
        let fingerprint = try PostgresParser.fingerprint(
            of: "SELECT * FROM orders WHERE status = 'paid' AND total > 10.5")
        #expect(fingerprint.normalized == "SELECT * FROM orders WHERE status = $1 AND total > $2")
        #expect(fingerprint.id.count == 16 && fingerprint.id.allSatisfy(\.isHexDigit))
    }

    @Test func fingerprintOfInvalidSQLThrows() {
        #expect(throws: SQLParseError.self) { try PostgresParser.fingerprint(of: "SELEC 1") }
    }
}
