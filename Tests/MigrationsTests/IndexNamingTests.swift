import AdvisorCore
import Migrations
import Testing

@Suite struct IndexNamingTests {
    @Test func namesFollowThePostgresTableColumnsIdxConvention() {
        let candidate = IndexCandidate(table: "orders", keyColumns: ["customer_id", "status", "created_at"])
        #expect(IndexNaming.name(for: candidate, engine: .postgres) == "orders_customer_id_status_created_at_idx")
        #expect(IndexNaming.name(for: candidate, engine: .mysql) == "orders_customer_id_status_created_at_idx")
    }

    @Test func coveringColumnsAreMarkedSoTheyDifferFromKeyColumns() {
        let covering = IndexCandidate(table: "orders", keyColumns: ["a", "b"], includedColumns: ["c"])
        let wide = IndexCandidate(table: "orders", keyColumns: ["a", "b", "c"])
        #expect(IndexNaming.name(for: covering, engine: .postgres) == "orders_a_b_incl_c_idx")
        #expect(IndexNaming.name(for: wide, engine: .postgres) == "orders_a_b_c_idx")
    }

    /// `IF NOT EXISTS` would take a plain index of the same name for the pattern one.
    @Test func aPatternOperatorClassKeepsTheNameApartFromThePlainIndex() {
        let pattern = IndexCandidate(
            table: "products", keyColumns: ["sku"], operatorClasses: ["sku": "text_pattern_ops"])
        let plain = IndexCandidate(table: "products", keyColumns: ["sku"])
        #expect(IndexNaming.name(for: pattern, engine: .postgres) == "products_sku_pattern_idx")
        #expect(IndexNaming.name(for: plain, engine: .postgres) == "products_sku_idx")
    }

    @Test func partialIndexesGetAHashOfTheirPredicate() {
        let open = IndexCandidate(table: "orders", keyColumns: ["created_at"], predicate: "status = 'open'")
        let closed = IndexCandidate(table: "orders", keyColumns: ["created_at"], predicate: "status <> 'open'")
        let full = IndexCandidate(table: "orders", keyColumns: ["created_at"])
        let names = [open, closed, full].map { IndexNaming.name(for: $0, engine: .postgres) }
        #expect(Set(names).count == 3)
        #expect(names[0].hasPrefix("orders_created_at_where_") && names[0].hasSuffix("_idx"))
    }

    @Test func mixedCaseIsLowerCasedWithoutAHash() {
        let candidate = IndexCandidate(table: "Orders", keyColumns: ["customerId", "createdAt"])
        #expect(IndexNaming.name(for: candidate, engine: .postgres) == "orders_customerid_createdat_idx")
    }

    @Test func replacedCharactersAddAHashSoNamesStayApart() {
        let spaced = IndexCandidate(table: "order items", keyColumns: ["unit price"])
        let dashed = IndexCandidate(table: "order-items", keyColumns: ["unit-price"])
        let spacedName = IndexNaming.name(for: spaced, engine: .postgres)
        #expect(spacedName.hasPrefix("order_items_unit_price_"))
        #expect(spacedName.count == "order_items_unit_price_".count + 10 + 4)
        #expect(spacedName != IndexNaming.name(for: dashed, engine: .postgres))
        let quoted = IndexCandidate(table: "a\"b", keyColumns: ["`c`; drop"])
        let name = IndexNaming.name(for: quoted, engine: .mysql)
        #expect(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
    }

    @Test func longNamesFitSixtyThreeBytesOnPostgresEvenWithMultibyteCharacters() {
        let candidate = IndexCandidate(
            table: "größenverhältnisse_der_bestellpositionen",
            keyColumns: ["überweisungsempfänger", "straßenname", "ausführungsdatum"])
        let name = IndexNaming.name(for: candidate, engine: .postgres)
        #expect(name.utf8.count <= 63)
        #expect(name.utf8.count >= 60)  // cut as late as possible, not at a fixed character count
        #expect(name.hasPrefix("größenverhältnisse_der_bestellpositionen_"))
        #expect(name.hasSuffix("_idx"))
        #expect(IndexNaming.name(for: candidate, engine: .postgres) == name)
    }

    @Test func mySQLCountsCharactersNotBytes() {
        // 58 characters, 68 bytes: fits MySQL's 64 characters as is, too long for PostgreSQL's 63 bytes.
        let candidate = IndexCandidate(
            table: "bücher_übersicht_für_größere", keyColumns: ["öffnungen", "ähnlichkeit_äöü"])
        let plain = "bücher_übersicht_für_größere_öffnungen_ähnlichkeit_äöü_idx"
        #expect(IndexNaming.name(for: candidate, engine: .mysql) == plain)
        let postgres = IndexNaming.name(for: candidate, engine: .postgres)
        #expect(postgres != plain && postgres.utf8.count <= 63)
        let long = IndexCandidate(
            table: String(repeating: "ä", count: 40), keyColumns: [String(repeating: "ö", count: 40)])
        let cut = IndexNaming.name(for: long, engine: .mysql)
        #expect(cut.unicodeScalars.count == 64)
        #expect(IndexNaming.name(for: long, engine: .postgres).utf8.count <= 63)
    }

    @Test func mySQLNamesDropCharactersOutsideTheBasicMultilingualPlane() {
        let candidate = IndexCandidate(table: "emoji😀table", keyColumns: ["id"])
        let name = IndexNaming.name(for: candidate, engine: .mysql)
        #expect(name.unicodeScalars.allSatisfy { $0.value <= 0xFFFF })
        #expect(name.hasPrefix("emoji_table_id_"))
    }

    @Test func longSimilarCandidatesNeverCollide() {
        let prefix = "customer_subscription_billing_period_adjustments"
        var names = Set<String>()
        for i in 0..<2000 {
            let candidate = IndexCandidate(
                table: prefix, keyColumns: ["account_identifier", "adjustment_reason_code_\(i)"])
            let name = IndexNaming.name(for: candidate, engine: .postgres)
            #expect(name.utf8.count <= 63)
            names.insert(name)
        }
        #expect(names.count == 2000)
        let included = IndexCandidate(table: prefix, keyColumns: ["account_identifier"], includedColumns: ["x"])
        let predicate = IndexCandidate(table: prefix, keyColumns: ["account_identifier", "incl", "x"])
        #expect(
            IndexNaming.name(for: included, engine: .postgres) != IndexNaming.name(for: predicate, engine: .postgres))
    }

    @Test func truncatedNamesAreStableAcrossRunsAndPlatforms() {
        // Pinned: a change to the hash would rename every long index a user already created.
        let candidate = IndexCandidate(
            table: "customer_subscription_billing_period_adjustments",
            keyColumns: ["account_identifier", "adjustment_reason_code"])
        #expect(
            IndexNaming.name(for: candidate, engine: .postgres)
                == "customer_subscription_billing_period_adjustments_a44cfd4738_idx")
    }
}
