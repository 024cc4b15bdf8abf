import AdvisorCore
import Reports

/// A `check` report with a lint error, a lint warning, a regression and an improvement, and
/// characters every format must escape.
enum CheckReportFixture {
    static let rules = [
        CheckRule(
            id: "require-concurrent-index-creation",
            title: "CREATE INDEX without CONCURRENTLY blocks writes to an existing table",
            rationale: "A plain CREATE INDEX holds a SHARE lock for the whole build.", severity: .error),
        CheckRule(
            id: "wide-new-index", title: "A new non-unique index has more key columns than the limit",
            rationale: "Every key column makes the index larger.", severity: .warning),
        CheckRule(
            id: "plan-regression", title: "A workload query's plan got worse after the migrations",
            rationale: "The estimated cost rose.", severity: .error),
    ]

    static var report: CheckReport {
        CheckReport(
            findings: [
                CheckFinding(
                    finding: Finding(
                        ruleID: "require-concurrent-index-creation", severity: .error,
                        message:
                            "index orders_status_idx on orders is built without CONCURRENTLY: writes to orders are blocked until the build finishes",
                        table: "orders",
                        evidence: [
                            "db/migrate/002_orders status.sql:2: CREATE INDEX orders_status_idx ON orders (status)"
                        ],
                        help: "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);"),
                    location: FileLocation(path: "db/migrate/002_orders status.sql", line: 2, column: 1)),
                CheckFinding(
                    finding: Finding(
                        ruleID: "wide-new-index", severity: .warning,
                        message: "index orders_report_idx on orders has 5 key columns, more than the limit of 3",
                        table: "orders", evidence: ["db/migrate/003_report.sql:1: CREATE INDEX …"],
                        help: "keep 100% of the <useful> columns, drop the rest"),
                    location: FileLocation(path: "db/migrate/003_report.sql", line: 1, column: 1)),
                CheckFinding(
                    finding: Finding(
                        ruleID: "plan-regression", severity: .error,
                        message: "queries/orders.sql:3 got worse: estimated cost up 22,000% (8.3 -> 1,834)",
                        table: "orders",
                        evidence: ["sql: SELECT * FROM orders WHERE customer_id = 42", "before: Index Scan"],
                        help: "keep orders_customer_id_idx: queries/orders.sql:3 reads through it"),
                    location: FileLocation(path: "db/migrate/004_drop.sql", line: 1, column: 1)),
            ],
            rules: rules,
            migrationFiles: [
                "db/migrate/002_orders status.sql", "db/migrate/003_report.sql", "db/migrate/004_drop.sql",
            ],
            comparisons: [
                QueryComparison(
                    label: "queries/orders.sql:3", sql: "SELECT * FROM orders WHERE customer_id = 42", costBefore: 8.3,
                    costAfter: 1834.5, accessBefore: ["Index Scan using orders_customer_id_idx on orders"],
                    accessAfter: ["Seq Scan on orders"]),
                QueryComparison(
                    label: "queries/orders.sql:9", sql: "SELECT * FROM orders WHERE status = 'new'", costBefore: 1834.5,
                    costAfter: 12.25, accessBefore: ["Seq Scan on orders"],
                    accessAfter: ["Bitmap Heap Scan on orders", "Bitmap Index Scan using orders_status_idx"]),
                QueryComparison(
                    label: "queries/customers.sql:1", sql: "SELECT 1 FROM customers", costBefore: 4, costAfter: 4),
            ],
            notes: ["1 query of the workload could not be parsed"], toolVersion: "0.1.0")
    }
}
