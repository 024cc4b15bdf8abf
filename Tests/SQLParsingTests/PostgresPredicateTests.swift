import AdvisorCore
import SQLParsing
import Testing

/// How single conditions are classified for a B-tree index.
@Suite struct PostgresPredicateTests {
    /// The predicates of `SELECT … FROM products p WHERE <condition>`.
    private func predicates(where condition: String) throws -> [ColumnPredicate] {
        try PostgresParser.shape(of: "SELECT id FROM products p WHERE \(condition)").predicates
    }

    private func only(where condition: String) throws -> ColumnPredicate {
        let found = try predicates(where: condition)
        try #require(found.count == 1, "expected one predicate, got \(found)")
        return found[0]
    }

    private let price = ColumnReference(table: "products", column: "price")

    @Test func equalityWithConstantParameterOrReversedOperands() throws {
        for condition in ["price = $1", "p.price = $1::numeric"] {
            #expect(
                try only(where: condition) == ColumnPredicate(column: price, kind: .equality, op: "="), "\(condition)")
        }
        // A constant is kept, so estimates can look a frequent value up in the statistics.
        for condition in ["p.price = 10", "10 = p.price", "p.price = '10'::numeric"] {
            #expect(
                try only(where: condition) == ColumnPredicate(column: price, kind: .equality, op: "=", value: "10"),
                "\(condition)")
        }
    }

    @Test func rangeOperatorsAndBetweenAreRanges() throws {
        #expect(try only(where: "price >= 10") == ColumnPredicate(column: price, kind: .range, op: ">="))
        #expect(
            try only(where: "price BETWEEN $1 AND $2") == ColumnPredicate(column: price, kind: .range, op: "BETWEEN"))
    }

    @Test func constantOnTheLeftMirrorsTheOperator() throws {
        #expect(try only(where: "10 < price") == ColumnPredicate(column: price, kind: .range, op: ">"))
    }

    @Test func inListAndEqualsAnyAreInLists() throws {
        #expect(try only(where: "price IN (1, 2, 3)").kind == .inList)
        #expect(try only(where: "price = ANY($1)") == ColumnPredicate(column: price, kind: .inList, op: "= ANY"))
        #expect(try only(where: "price IN (SELECT amount FROM discounts)").kind == .inList)
    }

    @Test func likeWithLiteralPrefixIsSargableButLeadingWildcardIsNot() throws {
        let name = ColumnReference(table: "products", column: "name")
        #expect(try only(where: "name LIKE 'iPho%'") == ColumnPredicate(column: name, kind: .likePrefix, op: "LIKE"))
        #expect(
            try only(where: "name LIKE '%phone'")
                == ColumnPredicate(
                    column: name, kind: .nonSargable, op: "LIKE", reason: "leading wildcard in LIKE pattern"))
        #expect(try only(where: "name LIKE '%' || $1").kind == .nonSargable)
        #expect(try only(where: "name ILIKE 'iPho%'").kind == .nonSargable)
    }

    @Test func nullTestsAreIsNull() throws {
        #expect(try only(where: "price IS NULL") == ColumnPredicate(column: price, kind: .isNull, op: "IS NULL"))
        #expect(try only(where: "price IS NOT NULL").op == "IS NOT NULL")
    }

    @Test func functionOnColumnIsNotSargable() throws {
        let email = ColumnReference(table: "products", column: "email")
        #expect(
            try only(where: "lower(email) = 'a@b.c'")
                == ColumnPredicate(column: email, kind: .nonSargable, op: "=", reason: "function lower() on column"))
        #expect(try only(where: "date_trunc('day', created_at) = $1").reason == "function date_trunc() on column")
    }

    @Test func arithmeticAndCastOnColumnAreNotSargable() throws {
        #expect(try only(where: "price * 2 > 10").reason == "arithmetic on column")
        #expect(try only(where: "id % 2 = 0").reason == "modulo of column")
        #expect(try only(where: "price::text = '1'").reason == "cast of column to text")
    }

    @Test func negationsAreNotSargable() throws {
        #expect(
            try only(where: "price != 3")
                == ColumnPredicate(column: price, kind: .nonSargable, op: "<>", reason: "inequality <>"))
        #expect(try only(where: "price NOT IN (1, 2)").reason == "NOT IN")
        #expect(try only(where: "price NOT IN (SELECT amount FROM discounts)").reason == "NOT IN")
        #expect(try only(where: "NOT (price = 3)").kind == .nonSargable)
    }

    @Test func functionOfValuesOnlyLeavesTheColumnSargable() throws {
        #expect(try only(where: "created_at > now() - interval '1 day'").kind == .range)
    }

    @Test func orOnOneColumnIsAnInList() throws {
        #expect(try only(where: "price = 1 OR price = 2") == ColumnPredicate(column: price, kind: .inList, op: "OR"))
    }

    @Test func orAcrossColumnsDefeatsEachColumn() throws {
        let found = try predicates(where: "price = 1 OR name = 'x'")
        #expect(found.map(\.kind) == [.nonSargable, .nonSargable])
        #expect(found.map(\.reason) == ["OR across columns", "OR across columns"])
        #expect(found.map(\.column.column) == ["price", "name"])
    }

    @Test func andCombinesIndependentPredicates() throws {
        let found = try predicates(where: "price > 1 AND (status = 'a' OR status = 'b') AND deleted_at IS NULL")
        #expect(found.map(\.kind) == [.range, .inList, .isNull])
    }

    @Test func booleanColumnAndItsNegationAreEqualities() throws {
        #expect(try only(where: "active").kind == .equality)
        #expect(
            try only(where: "NOT archived")
                == ColumnPredicate(
                    column: ColumnReference(table: "products", column: "archived"), kind: .equality, op: "NOT")
        )
    }

    @Test func rowComparisonForKeysetPaginationIsARangeOnEachColumn() throws {
        #expect(try predicates(where: "(price, id) > ($1, $2)").map(\.kind) == [.range, .range])
    }

    @Test func aggregatesInHavingAreNoColumnPredicates() throws {
        let shape = try PostgresParser.shape(
            of: "SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) > 5 AND sum(total) > 100")
        #expect(shape.predicates.isEmpty)
    }

    @Test func columnEqualityAcrossTablesIsAJoinNotAPredicate() throws {
        let shape = try PostgresParser.shape(
            of: "SELECT 1 FROM orders o, customers c WHERE o.customer_id = c.id AND c.country = $1")
        #expect(
            shape.joins == [
                JoinCondition(
                    left: ColumnReference(table: "orders", column: "customer_id"),
                    right: ColumnReference(table: "customers", column: "id"))
            ])
        #expect(
            shape.predicates == [
                ColumnPredicate(
                    column: ColumnReference(table: "customers", column: "country"), kind: .equality, op: "=")
            ])
    }
}
