import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// The literal-blind cache keys never join statements whose fingerprints differ: every corpus
/// statement and many tricky ones, against variants with other numbers and strings, fingerprint
/// alike whenever their keys are equal (and the keys do join the usual literal variants).
struct LiteralKeyTests {
    /// Collects every distinct statement a parser fingerprints.
    final class Collector: @unchecked Sendable {
        var statements: [String] = []
    }

    static func mysqlKey(_ sql: String) -> [UInt8] {
        var copy = sql
        return copy.withUTF8 { s in
            [UInt8](unsafeUninitializedCapacity: s.count + 1) { key, n in
                n = MySQLLiteralKey.key(of: s, into: key.baseAddress!)
            }
        }
    }

    static func postgresKey(_ sql: String) -> [UInt8] {
        var copy = sql
        return copy.withUTF8 { s in
            [UInt8](unsafeUninitializedCapacity: s.count + 1) { key, n in
                n = PostgresLiteralKey.key(of: s, into: key.baseAddress!)
            }
        }
    }

    /// `sql` with digits and string contents changed (lengths too), and digits turned into runs.
    static func variants(of sql: String, _ r: inout GeneratedLog.Random) -> [String] {
        let bytes = Array(sql.utf8)
        var out: [String] = []
        for round in 0..<6 {
            var v: [UInt8] = []
            var inString = false
            for c in bytes {
                if c == UInt8(ascii: "'") {
                    inString.toggle()
                    v.append(c)
                } else if c >= 0x30 && c <= 0x39 {
                    v.append(contentsOf: (0...r.next(round % 3 == 0 ? 1 : 3)).map { _ in UInt8(0x30 + r.next(10)) })
                } else if inString && round >= 3, (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A {
                    v.append(contentsOf: (0..<r.next(3)).map { _ in UInt8(0x61 + r.next(26)) })
                } else {
                    v.append(c)
                }
            }
            out.append(String(decoding: v, as: UTF8.self))
        }
        return out
    }

    static let trickyMySQL = [
        "/*db.tbl:1/3*/ SELECT 1", "/*db.tbl:12/3*/ SELECT 1", "SELECT /*!40001 SQL_NO_CACHE */ * FROM `t`",
        "SELECT /*!40001 SQL_NO_CACHE */ * FROM `t2`", "CALL p1(1)", "call p22(5)",
        "administrator command: Binlog Dump 1",
        "INSERT INTO t VALUES ('a),(b'),('c')", "INSERT INTO t VALUES ('ab'),('c')",
        "REPLACE INTO t SELECT 'VALUES (1),(2)'",
        "SELECT 'a # b', 1", "SELECT 'a -- b', 2", "SELECT \"x'y\", 'z'", "SELECT 'it\\'s', 5",
        "SELECT 'x' FROM t WHERE a = 'b",
        "select * from users_2009 where id = 10", "select * from t where x = 0xFF and y = 1e5 and z = -3",
        "SELECT * FROM t LIMIT 10, 20", "SELECT * FROM t WHERE a IN (1, 2, 3) UNION SELECT * FROM t WHERE b = 'q'",
        "UPDATE t SET a = 'x,(y)' WHERE id = 5", "DELETE FROM t WHERE s = '' AND n = 1.5",
        "SELECT 'true', true, 'null', NULL FROM t", "use db1", "SELECT * FROM t1 JOIN t22 ON t1.a = t22.b",
    ]

    static let trickyPostgres = [
        "SELECT * FROM t1 WHERE id = 5", "SELECT * FROM t WHERE id = $1 AND x = 5", "SELECT 5::varchar(10)",
        "SELECT CAST(5 AS numeric(10,2))", "SELECT varchar(3) 'abc'", "SELECT interval '1' second(3)",
        "SELECT E'a\\nb', 1", "SELECT U&'d!0061t' UESCAPE '!'", "SELECT $$a 1$$", "SELECT $tag$x$tag$",
        "SELECT 1 -- c 5", "SELECT /* 5 */ 1", "SELECT \"c1\" FROM \"t 2\" WHERE a = 'x'", "SELECT 'abc",
        "SELECT 1.5e10, .5, 5., 1e-5 FROM t", "INSERT INTO t (a) VALUES (1), (2)",
        "UPDATE t SET a = 'it''s' WHERE b = 3",
        "WITH q AS (SELECT 1) SELECT * FROM q LIMIT 5 OFFSET 10", "SELECT x FROM t ORDER BY 1",
        "DELETE FROM t WHERE a IN (1,2,3)",
        "CREATE SEQUENCE s START 5", "SET statement_timeout = 5", "COMMENT ON TABLE t IS 'a 1'",
        "SELECT FROM WHERE 5 5",
        "SELECT (ARRAY[1,2])[1]", "SELECT x FROM t TABLESAMPLE SYSTEM (10) REPEATABLE (42)",
        "SELECT a, count(*) FROM t GROUP BY 1 ORDER BY 2 DESC LIMIT 5", "SELECT DISTINCT ON (1) a FROM t WHERE b = 3",
        "SELECT a FROM t ORDER BY f(1), 2", "SELECT * FROM (SELECT a FROM t ORDER BY 1) s WHERE x = 4 LIMIT 3",
    ]

    /// Checks that equal keys mean equal fingerprints; returns how many variant pairs shared a key.
    static func checkPurity(
        _ statements: [String], key: (String) -> [UInt8], fingerprint: (String) -> FingerprintCache.Entry
    ) -> Int {
        var r = GeneratedLog.Random(state: 3)
        var joined = 0
        for sql in statements {
            let original = fingerprint(sql)
            // The cache keeps only fingerprints, never parse errors (their messages quote the text).
            guard original.parseError == nil else { continue }
            for variant in variants(of: sql, &r) where key(variant) == key(sql) {
                joined += 1
                let other = fingerprint(variant)
                #expect(other.fingerprint == original.fingerprint, "\(sql) | \(variant)")
                #expect(other.parseError == nil, "\(sql) | \(variant)")
            }
        }
        return joined
    }

    @Test func mysqlKeysJoinOnlyStatementsWithOneFingerprint() throws {
        let collector = Collector()
        for log in Corpus.perconaSlowLogs {
            _ = try WorkloadReader.read(
                path: try Corpus.percona(log),
                with: SlowLogParser(
                    source: "slow.log", maxTraceEvents: 1_000,
                    fingerprinter: { sql throws(SQLParseErrorBox) in
                        collector.statements.append(sql)
                        return try WorkloadBuilder.mysqlFingerprint(sql)
                    }, threads: 1))
        }
        var r = GeneratedLog.Random(state: 9)
        var none: [String]? = nil
        let generated = (0..<64).map { GeneratedLog.statement($0, &r, parameters: &none) }
        let statements = collector.statements + Self.trickyMySQL + generated
        #expect(statements.count > 500)
        let joined = Self.checkPurity(statements, key: Self.mysqlKey) { sql in
            var fresh = FingerprintCache(fingerprinter: WorkloadBuilder.mysqlFingerprint)
            return fresh.entry(for: sql)
        }
        #expect(joined > 1_000)
    }

    /// Multi-row INSERTs are keyed by their first tuple, as pt-query-digest cuts them: rows after
    /// it never make a new key, and any two statements sharing a key share a fingerprint.
    @Test func multiRowInsertsShareTheKeyOfTheirFirstTuple() throws {
        let statements = [
            "INSERT INTO t (a, b) VALUES (1, 'x'),(2, 'y')", "INSERT INTO t (a, b) VALUES (7, 'q'),(2, 5),(3, 'z')",
            "INSERT INTO t (a, b) VALUES (1, 'x')", "insert into t (a, b) values (4, 'x'), ('w', 8)",
            "INSERT INTO t (a, b) VALUES ('1', 'x'),(2, 'y')", "REPLACE INTO t VALUES (1),(2),(3)",
            "REPLACE INTO t VALUES (9),('a')", "INSERT INTO t VALUES ('a),(b'),('c')",
            "INSERT INTO t VALUES ('ab'),('c')",
            "INSERT INTO t VALUES (1) /*db.t:1/2*/,(2)", "INSERT INTO t VALUES (1),(2) /*db.t:1/2*/",
            "INSERT IGNORE INTO t VALUES (1, NULL),(2, 3)", "INSERT IGNORE INTO t VALUES (5, NULL),('x', 'y')",
            "INSERT INTO t VALUES (1, 'it''s'),(2, 'x')", "INSERT INTO t VALUES (1, 'a-b'),(2, 'x')",
            "INSERT INTO t VALUES (1, '--'),(2, 'x')",
            "INSERT INTO t VALUES (1, 'a'),(2, 'x') ON DUPLICATE KEY UPDATE b = 1",
        ]
        var shared = 0
        for (i, a) in statements.enumerated() {
            for b in statements[(i + 1)...] where Self.mysqlKey(a) == Self.mysqlKey(b) {
                shared += 1
                #expect(try WorkloadBuilder.mysqlFingerprint(a) == WorkloadBuilder.mysqlFingerprint(b), "\(a) | \(b)")
            }
        }
        #expect(Self.mysqlKey(statements[0]) == Self.mysqlKey(statements[1]))
        #expect(Self.mysqlKey(statements[5]) == Self.mysqlKey(statements[6]))
        #expect(shared >= 4)
    }

    @Test func postgresKeysJoinOnlyStatementsWithOneFingerprint() throws {
        var statements = Self.trickyPostgres
        for name in Corpus.pgbadgerFiles {
            let workload = try WorkloadReader.readPostgresLog(path: try Corpus.pgbadger(name), threads: 1)
            statements += workload.groups.map(\.sampleText)
        }
        var r = GeneratedLog.Random(state: 4)
        var none: [String]? = nil
        statements += (0..<64).map { GeneratedLog.statement($0, &r, parameters: &none) }
        let joined = Self.checkPurity(statements, key: Self.postgresKey) { sql in
            var fresh = FingerprintCache(fingerprinter: WorkloadBuilder.postgresFingerprint)
            return fresh.entry(for: sql)
        }
        #expect(joined > 200)
    }

    /// Caches of one log's threads (`emptyCopy()`) find the fingerprints any of them made: a shape
    /// is fingerprinted once per log, not once per thread, and the entry is the one it would have
    /// made. Under exact-text keys nothing is shared.
    @Test func threadsCachesShareTheFingerprintsTheyMake() {
        final class Calls: @unchecked Sendable { var count = 0 }
        for policy in [FingerprintCache.KeyPolicy.mysqlLiterals, .exactText] {
            let calls = Calls()
            let first = FingerprintCache(policy: policy) { (sql: String) throws(SQLParseErrorBox) -> Fingerprint in
                calls.count += 1
                return try WorkloadBuilder.mysqlFingerprint(sql)
            }
            var a = first.emptyCopy()
            var b = first.emptyCopy()
            let one = a.entry(for: "SELECT * FROM t WHERE id = 5")
            let other = b.entry(for: "SELECT * FROM t WHERE id = 77")
            #expect(one.fingerprint == other.fingerprint)
            #expect(calls.count == (policy == .exactText ? 2 : 1), "\(policy)")
            var fresh = FingerprintCache(policy: policy, fingerprinter: WorkloadBuilder.mysqlFingerprint)
            #expect(fresh.entry(for: "SELECT * FROM t WHERE id = 77").fingerprint == other.fingerprint)
        }
    }

    @Test func keysJoinStatementsThatDifferOnlyInLiterals() {
        #expect(
            Self.mysqlKey("SELECT * FROM t WHERE id = 5 AND s = 'bob'")
                == Self.mysqlKey("SELECT * FROM t WHERE id = 1234567 AND s = 'alice'"))
        #expect(
            Self.postgresKey("SELECT * FROM t1 WHERE id = 5 AND s = 'bob'")
                == Self.postgresKey("SELECT * FROM t1 WHERE id = 98765 AND s = 'alice'"))
        #expect(Self.postgresKey("SELECT * FROM t1") != Self.postgresKey("SELECT * FROM t2"))
        #expect(Self.postgresKey("SELECT 5::int") != Self.postgresKey("SELECT 6::int"))
    }
}
