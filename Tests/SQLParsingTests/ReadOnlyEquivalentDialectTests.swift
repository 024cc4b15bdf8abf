import SQLParsing
import Testing

/// MySQL/MariaDB writes and locking reads become the SELECT that finds the same rows.
@Suite struct ReadOnlyEquivalentDialectTests {
    static let pairs: [(String, String?)] = [
        (
            "UPDATE orders SET status = 'shipped' WHERE id = 42 ORDER BY id LIMIT 1",
            "SELECT 1 FROM orders WHERE id = 42 ORDER BY id LIMIT 1"
        ),
        (
            "UPDATE LOW_PRIORITY `orders` o JOIN customers c ON c.id = o.customer_id SET o.total = 0 WHERE c.email = 'a@b.c'",
            "SELECT 1 FROM `orders` o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@b.c'"
        ),
        (
            "DELETE FROM audit_log WHERE job_run_id = 17 LIMIT 1000",
            "SELECT 1 FROM audit_log WHERE job_run_id = 17 LIMIT 1000"
        ),
        (
            "DELETE a FROM addresses a JOIN customers c ON a.customer_id = c.id WHERE c.deleted_at IS NOT NULL",
            "SELECT 1 FROM addresses a JOIN customers c ON a.customer_id = c.id WHERE c.deleted_at IS NOT NULL"
        ),
        (
            "DELETE FROM a USING addresses a JOIN customers c ON a.customer_id = c.id WHERE c.id = 5",
            "SELECT 1 FROM addresses a JOIN customers c ON a.customer_id = c.id WHERE c.id = 5"
        ),
        (
            "SELECT id FROM jobs WHERE state = 'ready' ORDER BY run_at LIMIT 10 FOR UPDATE SKIP LOCKED",
            "SELECT id FROM jobs WHERE state = 'ready' ORDER BY run_at LIMIT 10"
        ),
        ("SELECT * FROM stock WHERE sku = 'A-1' LOCK IN SHARE MODE", "SELECT * FROM stock WHERE sku = 'A-1'"),
        (
            "INSERT INTO totals (day, n) SELECT DATE(created_at), COUNT(*) FROM orders WHERE created_at >= '2025-01-01' GROUP BY DATE(created_at) ON DUPLICATE KEY UPDATE n = VALUES(n)",
            "SELECT DATE(created_at), COUNT(*) FROM orders WHERE created_at >= '2025-01-01' GROUP BY DATE(created_at)"
        ),
        // A quoted `where` and a string with WHERE in it are not the clause.
        (
            "UPDATE notes SET body = 'it''s WHERE \\' it is' WHERE `where` = 7",
            "SELECT 1 FROM notes WHERE `where` = 7"
        ),
        ("SELECT * FROM orders WHERE id = 1", nil),
        ("INSERT INTO orders (id) VALUES (1)", nil),
        ("REPLACE INTO orders (id) VALUES (1)", nil),
    ]

    @Test(arguments: pairs)
    func aWriteOrLockingReadBecomesTheSelectThatFindsItsRows(sql: String, expected: String?) {
        #expect(SQLDialect.mysql.readOnlyEquivalent(of: sql) == expected)
    }
}
