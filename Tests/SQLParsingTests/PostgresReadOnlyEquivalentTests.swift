import SQLParsing
import Testing

/// Writes and locking reads become the SELECT that finds the same rows, so a read-only role can plan them.
@Suite struct PostgresReadOnlyEquivalentTests {
    static let pairs: [(String, String?)] = [
        (
            "UPDATE orders SET status = 'shipped', updated_at = now() WHERE id = 42",
            "SELECT 1 FROM orders WHERE id = 42"
        ),
        (
            "UPDATE ONLY public.orders AS o SET total = c.credit FROM customers c WHERE c.id = o.customer_id AND o.status = $1 RETURNING o.id",
            "SELECT 1 FROM public.orders AS o, customers c WHERE c.id = o.customer_id AND o.status = $1"
        ),
        (
            "WITH due AS (SELECT id FROM jobs WHERE run_at < now()) UPDATE jobs SET state = 'queued' WHERE id IN (SELECT id FROM due)",
            "WITH due AS (SELECT id FROM jobs WHERE run_at < now()) SELECT 1 FROM jobs WHERE id IN (SELECT id FROM due)"
        ),
        ("DELETE FROM audit_log WHERE job_run_id = 17;", "SELECT 1 FROM audit_log WHERE job_run_id = 17"),
        (
            "DELETE FROM addresses a USING customers c WHERE a.customer_id = c.id AND c.deleted -- cleanup",
            "SELECT 1 FROM addresses a, customers c WHERE a.customer_id = c.id AND c.deleted"
        ),
        (
            "SELECT id, payload FROM jobs WHERE state = 'ready' ORDER BY run_at LIMIT 10 FOR UPDATE SKIP LOCKED",
            "SELECT id, payload FROM jobs WHERE state = 'ready' ORDER BY run_at LIMIT 10"
        ),
        (
            "SELECT * FROM accounts a JOIN owners o ON o.id = a.owner_id WHERE a.id = $1 FOR NO KEY UPDATE OF a NOWAIT",
            "SELECT * FROM accounts a JOIN owners o ON o.id = a.owner_id WHERE a.id = $1"
        ),
        (
            "INSERT INTO order_archive (id, total) SELECT id, total FROM orders WHERE created_at < '2024-01-01' ON CONFLICT (id) DO NOTHING",
            "SELECT id, total FROM orders WHERE created_at < '2024-01-01'"
        ),
        // The word WHERE inside a string or a comment is not the WHERE clause.
        (
            "UPDATE notes SET body = 'see WHERE clause' /* WHERE */ WHERE author_id = 7",
            "SELECT 1 FROM notes WHERE author_id = 7"
        ),
        // The SET list's parameters go; the rest are numbered from $1 again, as PREPARE wants.
        (
            "UPDATE job_runs SET status = $1, finished_at = $2 WHERE id = $3 AND worker = $5",
            "SELECT 1 FROM job_runs WHERE id = $1 AND worker = $2"
        ),
        // Nothing to rewrite, or nothing equivalent.
        ("SELECT * FROM orders WHERE id = 1", nil),
        ("INSERT INTO orders (id) VALUES (1)", nil),
        ("UPDATE orders SET status = 'x' WHERE CURRENT OF order_cursor", nil),
        ("VACUUM orders", nil),
        ("UPDATE orders SET", nil),
    ]

    @Test(arguments: pairs)
    func aWriteOrLockingReadBecomesTheSelectThatFindsItsRows(sql: String, expected: String?) {
        #expect(PostgresParser.readOnlyEquivalent(of: sql) == expected)
    }

    @Test func theEquivalentKeepsEveryPredicateOfTheWrittenTable() throws {
        let sql = "UPDATE orders SET status = 'paid' WHERE customer_id = $1 AND status = 'open' AND created_at > $2"
        let equivalent = try #require(PostgresParser.readOnlyEquivalent(of: sql))
        #expect(try PostgresParser.shape(of: equivalent).predicates == (try PostgresParser.shape(of: sql)).predicates)
    }
}
