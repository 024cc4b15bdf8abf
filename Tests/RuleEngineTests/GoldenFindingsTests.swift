import AdvisorCore
import Foundation
import RuleEngine
import TestSupport
import Testing

/// All rules over realistic multi-query contexts (the sample schemas' catalogs with real plans and
/// pg_stat_statements figures), compared as JSON with `Golden/<name>.findings.json`.
@Suite struct GoldenFindingsTests {
    /// The query of a rule example, reused so each real plan lives in one place.
    private func query(_ rule: String, _ example: String) throws -> ExampleContext.Query {
        let spec = try #require(try RuleCatalog.builtInSpecs().first { $0.id == rule })
        let found = try #require(spec.examples.first { $0.name == example }, "\(rule): \(example)")
        return ExampleContext.Query(
            sql: try #require(found.sql), plan: found.plan, calls: found.calls, totalMs: found.totalMs)
    }

    private func assertGolden(_ name: String, _ context: RuleContext) throws {
        let findings = try RuleEngine().findings(in: context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(findings), as: UTF8.self) + "\n"
        try GoldenFile(name: "\(name).findings.json").assertMatches(json)
    }

    static let shopSchema = """
        customers rows=100000 size=12MB writes=100000/0/0 columns=id:bigint,email,first_name,last_name,phone,country_code,created_at:timestamptz
          index customers_pkey (id) primary size=2208kB scans=158
          index customers_email_key (email) unique size=6824kB scans=40
        addresses rows=150000 size=18MB writes=150000/0/15 columns=id:bigint,customer_id:bigint,kind,recipient,line1,city,is_default:boolean
          index addresses_pkey (id) primary size=3312kB scans=48
          index addresses_customer_id_idx (customer_id) size=4408kB scans=40
          fk addresses_customer_id_fkey (customer_id) -> customers (id)
        categories rows=60 size=8kB writes=60/0/0 columns=id:bigint,parent_id:bigint,name,slug,position:integer
          index categories_pkey (id) primary size=16kB scans=1
          index categories_slug_key (slug) unique size=16kB scans=0
          index categories_parent_id_idx (parent_id) size=16kB scans=0
          fk categories_parent_id_fkey (parent_id) -> categories (id)
        products rows=20000 size=3912kB writes=20000/49/0 columns=id:bigint,category_id:bigint,sku,name,price:numeric,status,stock:integer
          index products_pkey (id) primary size=456kB scans=147
          index products_sku_key (sku) unique size=632kB scans=60
          index products_category_id_idx (category_id) size=168kB scans=0
          fk products_category_id_fkey (category_id) -> categories (id)
        orders rows=400000 size=48MB writes=400017/0/0 columns=id:bigint,customer_id:bigint,shipping_address_id:bigint,status,total:numeric,tracking_number,created_at:timestamptz,updated_at:timestamptz
          index orders_pkey (id) primary size=8792kB scans=50
          index orders_customer_id_idx (customer_id) size=7248kB scans=43
          index orders_created_at_idx (created_at) size=8792kB scans=0
          fk orders_customer_id_fkey (customer_id) -> customers (id)
          fk orders_shipping_address_id_fkey (shipping_address_id) -> addresses (id)
        order_items rows=1200002 size=97MB writes=1200051/0/0 columns=id:bigint,order_id:bigint,product_id:bigint,quantity:integer,unit_price:numeric
          index order_items_pkey (id) primary size=26MB scans=1
          index order_items_order_id_idx (order_id) size=17MB scans=60
          index order_items_product_id_idx (product_id) size=9936kB scans=0
          fk order_items_order_id_fkey (order_id) -> orders (id)
          fk order_items_product_id_fkey (product_id) -> products (id)
        reviews rows=200000 size=43MB writes=200000/0/0 columns=id:bigint,product_id:bigint,customer_id:bigint,rating:smallint,title,body,status,created_at:timestamptz
          index reviews_pkey (id) primary size=4408kB scans=1
          index reviews_product_id_idx (product_id) size=2544kB scans=60
          index reviews_customer_id_idx (customer_id) size=4680kB scans=0
          fk reviews_product_id_fkey (product_id) -> products (id)
          fk reviews_customer_id_fkey (customer_id) -> customers (id)
        """

    static let batchSchema = """
        jobs rows=40 size=8kB writes=40/0/0 columns=id:bigint,name,handler,schedule,source,is_enabled:boolean
          index jobs_pkey (id) primary size=16kB scans=1
          index jobs_name_key (name) unique size=16kB scans=0
        job_runs rows=100000 size=11MB writes=100006/6/6 columns=id:bigint,job_id:bigint,status,worker,started_at:timestamptz,finished_at:timestamptz,rows_processed:integer
          index job_runs_pkey (id) primary size=2208kB scans=88
          index job_runs_job_id_started_at_idx (job_id, started_at) size=3432kB scans=70
          fk job_runs_job_id_fkey (job_id) -> jobs (id)
        records rows=1200046 size=285MB writes=1200000/600/0 columns=id:bigint,job_id:bigint,source,external_id,payload:jsonb,status,attempts:smallint,last_error,updated_at:timestamptz
          index records_pkey (id) primary size=26MB scans=616
          index records_job_id_idx (job_id) size=7600kB scans=42
          index records_updated_at_idx (updated_at) size=25MB scans=16
          fk records_job_id_fkey (job_id) -> jobs (id)
        account_balances rows=200000 size=23MB writes=200506/94/0 columns=id:bigint,source,external_id,account_name,balance:numeric,currency,version:integer,synced_at:timestamptz
          index account_balances_pkey (id) primary size=4416kB scans=1
          index account_balances_source_external_id_key (source, external_id) unique size=9704kB scans=609
        audit_log rows=500000 size=68MB writes=500060/0/30 columns=id:bigint,entity_type,entity_id:bigint,action,actor,job_run_id:bigint,details,created_at:timestamptz
          index audit_log_pkey (id) primary size=11MB scans=1
          fk audit_log_job_run_id_fkey (job_run_id) -> job_runs (id)
        """

    @Test func shopMorningTraffic() throws {
        let queries = [
            try query("full-table-scan", "support looks an order up by its tracking number"),
            try query("full-table-scan", "primary-key lookup"),
            try query("full-table-scan", "a 60-row table is cheaper to scan than to probe"),
            try query(
                "full-table-scan", "the selectivity comes from a leading-wildcard ILIKE, not from the indexable status"),
            try query("missing-composite-index", "a B2B customer's paid orders, newest first"),
            try query("missing-composite-index", "a regular customer's recent orders, a few rows to sort"),
            try query(
                "missing-covering-index",
                "rating summary of a bestseller reads rating and created_at from 4,000 heap rows"),
            try query("missing-covering-index", "SELECT * needs the whole row anyway"),
            try query("sort-without-index", "the admin list of recently updated orders"),
            try query("non-sargable-predicate", "orders of one day through date(created_at)"),
            try query("foreign-key-without-index", "orders.shipping_address_id, checked on every address delete"),
        ]
        try assertGolden(
            "shop", try ExampleContext.context(engine: .postgres, schema: Self.shopSchema, queries: queries))
    }

    @Test func batchNight() throws {
        let queries = [
            try query("full-table-scan", "a record's audit history, two equalities and an ORDER BY"),
            try query("full-table-scan", "the retention job deletes a run's audit rows"),
            try query(
                "missing-composite-index", "a worker claims pending records of its job by walking the primary key"),
            try query("missing-composite-index", "the composite index already serves the equality and the order"),
            try query("missing-covering-index", "the progress poller counts a job's records by status"),
            try query("sort-without-index", "the newest audit entries"),
            try query("sort-without-index", "the index already delivers the order"),
            try query("non-sargable-predicate", "error search with a leading wildcard"),
            try query("non-sargable-predicate", "a tiny table is read whole anyway"),
        ]
        try assertGolden(
            "batch", try ExampleContext.context(engine: .postgres, schema: Self.batchSchema, queries: queries))
    }
}
