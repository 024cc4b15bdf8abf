import AdvisorCore
import Foundation
import Testing

@testable import PlanParsing

/// MariaDB's slow-log `# explain:` lines (tab-separated ANALYZE output) map like its JSON plans.
struct MariaDBExplainLinesTests {
    static let header =
        "id\tselect_type\ttable\ttype\tpossible_keys\tkey\tkey_len\tref\trows\tr_rows\tfiltered\tr_filtered\tExtra"

    @Test func allWithWhereAndFilesortIsASortOverAFilteredFullScan() throws {
        let plan = try MariaDBExplainLines.plan([
            Self.header,
            "1\tSIMPLE\torders\tALL\tNULL\tNULL\tNULL\tNULL\t100000\t100000.00\t10.00\t6.56\tUsing where; Using filesort",
        ])
        #expect(plan.engine == .mariadb)
        #expect(plan.root.operation == .sort)
        let scan = try #require(plan.root.children.first)
        #expect(scan.operation == .fullScan)
        #expect(scan.relation == "orders")
        #expect(scan.estimatedRows == 100_000)
        #expect(scan.actualRows == 100_000)
        #expect(scan.filteredPercent == 10)
        #expect(scan.filter != nil)
        #expect(scan.rowsRemovedByFilter == 93_440)
    }

    @Test func twoTablesOfOneSelectAreANestedLoopJoinInOrder() throws {
        let plan = try MariaDBExplainLines.plan([
            Self.header,
            "1\tSIMPLE\to\tindex\tPRIMARY\tPRIMARY\t4\tNULL\t200000\t200000.00\t0.00\t0.01\tUsing where",
            "1\tSIMPLE\ti\tref\torder_items_order_id_idx\torder_items_order_id_idx\t4\tshop.o.id\t4\t2.00\t100.00\t100.00\t",
        ])
        #expect(plan.root.operation == .join)
        #expect(plan.root.children.map(\.alias) == ["o", "i"])
        #expect(plan.root.children.map(\.operation) == [.fullIndexScan, .indexScan])
        #expect(plan.root.children[1].indexName == "order_items_order_id_idx")
    }

    @Test func coveringAccessAndDerivedTablesFollowTheJSONMapping() throws {
        let plan = try MariaDBExplainLines.plan([
            Self.header,
            "1\tPRIMARY\t<derived2>\tALL\tNULL\tNULL\tNULL\tNULL\t10\t10.00\t100.00\t100.00\t",
            "2\tDERIVED\torders\tref\tcust_idx\tcust_idx\t4\tconst\t10\t10.00\t100.00\t100.00\tUsing index",
        ])
        #expect(plan.root.operation == .materialize)
        #expect(plan.fullScans.isEmpty)
        #expect(plan.root.children.map(\.operation) == [.indexOnlyScan])
        #expect(plan.root.children.first?.relation == "orders")
    }

    /// As Foundation's `trimmingCharacters(in: .whitespaces)` did, for every scalar its set holds
    /// and a few it does not (newlines, U+0085, U+200C).
    @Test func valuesAreTrimmedOfTheWhiteSpaceFoundationTrims() {
        let spaces = (0..<0x3001).compactMap(Unicode.Scalar.init).filter { CharacterSet.whitespaces.contains($0) }
        var texts = ["", " ", "orders", "  orders\t", "\nx\n", "\u{200C}x", "é ", " \u{1F600} ", "\u{0085}y"]
        texts += spaces.map { "\($0)a b\($0)\($0)" } + spaces.map { "\($0)" }
        for text in texts {
            #expect(
                MariaDBExplainLines.trimmed(Substring(text)) == text.trimmingCharacters(in: .whitespaces),
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func linesWithoutAHeaderAreAnError() {
        #expect(throws: PlanParseError.self) { try MariaDBExplainLines.plan(["1\tSIMPLE\tt\tALL"]) }
        #expect(throws: PlanParseError.self) { try MariaDBExplainLines.plan([Self.header]) }
    }

    /// A log reader checks the lines it keeps with `problem(joined:)` and builds the plan only at
    /// the end: the check must say exactly what building would throw.
    @Test func problemOfJoinedLinesIsWhatBuildingThemThrows() {
        let row = "1\tSIMPLE\torders\tALL\tNULL\tNULL\tNULL\tNULL\t10\t10.00\t100.00\t100.00\t"
        let texts = [
            "", "\n", Self.header, Self.header + "\n", Self.header + "\n" + row, Self.header + "\n\n" + row + "\n",
            "1\tSIMPLE\tt\tALL", row + "\n" + Self.header, "id table\n1 t", " table \t x\nNULL\tNULL",
            "\u{00A0}type\u{2009}\n1\t", "id\tTable\n1\tt", Self.header + "\n1\n2",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            var thrown: PlanParseError?
            do { _ = try MariaDBExplainLines.plan(joined: bytes) } catch { thrown = error }
            #expect(MariaDBExplainLines.problem(joined: bytes) == thrown, "\(text.debugDescription)")
        }
    }
}
