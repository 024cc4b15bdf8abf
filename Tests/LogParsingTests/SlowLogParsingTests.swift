import AdvisorCore
import Foundation
import Testing

@testable import LogParsing

/// Reads `text` as a log file named `slow.log` through the format-detecting entry point.
private func readSlowLog(_ text: String) throws -> Workload {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    return try WorkloadReader.readLog(path: try dir.write("slow.log", text))
}

/// Slow-log flavours, with excerpts written exactly as the servers write them (facts.md §3).
struct SlowLogParsingTests {
    static let mysql8Extra = """
        /usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:
        Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock
        Time                 Id Command    Argument
        # Time: 2024-05-10T17:45:09.474988Z
        # User@Host: msandbox[msandbox] @ localhost []  Id:    12
        # Query_time: 0.000244  Lock_time: 0.000003 Rows_sent: 0  Rows_examined: 0 Thread_id: 12 Errno: 0 Killed: 0 Bytes_received: 22 Bytes_sent: 56 Read_first: 1 Read_last: 0 Read_key: 1 Read_next: 0 Read_prev: 0 Read_rnd: 0 Read_rnd_next: 1 Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: 0 Sort_scan_count: 0 Created_tmp_disk_tables: 0 Created_tmp_tables: 0 Start: 2024-05-10T17:45:09.474744Z End: 2024-05-10T17:45:09.474988Z
        use db;
        SET timestamp=1715363109;
        select * from t where id = 1;
        # Time: 2024-05-10T17:45:10.000000+08:00
        # User@Host: msandbox[msandbox] @ localhost []  Id:    12
        # Query_time: 0.002000  Lock_time: 0.000003 Rows_sent: 5  Rows_examined: 500 Thread_id: 12 Errno: 0 Killed: 0 Bytes_received: 22 Bytes_sent: 56 Read_first: 1 Read_last: 0 Read_key: 0 Read_next: 0 Read_prev: 0 Read_rnd: 0 Read_rnd_next: 501 Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: 5 Sort_scan_count: 1 Created_tmp_disk_tables: 1 Created_tmp_tables: 1 Start: 2024-05-10T17:45:09.998000+08:00 End: 2024-05-10T17:45:10.000000+08:00
        SET timestamp=1715334310;
        select * from t where id = 2;

        """

    @Test func durationsAreWholeNanosecondsRoundedHalfAwayFromZero() {
        let milliseconds: [Double] = [
            0, 0.000_000_5, 0.000_001_5, 0.000_002_5, -0.000_000_5, -0.000_002_5, 0.244, 2.000_000_4,
            1.000_000_499_999_999_9, 0.000_000_499_999_999_999_999_94, 123_456.789_012_345, -42.000_000_5,
            4_503_599_627.370_495_5, 9_007_199_254.740_993, 8.999e12, -8.999e12,
        ]
        for ms in milliseconds {
            #expect(WorkloadBuilder.nanoseconds(ms) == Int64((ms * 1_000_000).rounded()), "\(ms) ms")
        }
        // Garbage such as `Query_time: 1e400` counts nothing.
        for garbage in [Double.infinity, -Double.infinity, Double.nan, 1e13, -1e13] {
            #expect(WorkloadBuilder.nanoseconds(garbage) == 0)
        }
    }

    @Test func mysql8LogSlowExtraEntriesBecomeOneGroupWithCountersAndASession() throws {
        let workload = try readSlowLog(Self.mysql8Extra)
        #expect(workload.sources.first?.hasSuffix("(MySQL slow log, MySQL)") == true)
        #expect(workload.diagnostics.isEmpty)
        let group = try #require(workload.groups.first)
        #expect(workload.groups.count == 1)
        #expect(group.calls == 2)
        #expect(group.fingerprint.normalized == "select * from t where id = ?")
        #expect(group.sampleText == "select * from t where id = 1")
        #expect(abs(group.totalTimeMs - 2.244) < 1e-9)
        #expect(group.database == "db")
        #expect(group.rows == 5)
        let counters = try #require(group.counters)
        #expect(counters.calls == 2)
        #expect(counters.rowsExamined == 500)
        #expect(counters.readRndNext == 502)
        #expect(counters.readKey == 1)
        #expect(counters.filesorts == 1)
        #expect(counters.tmpDiskTables == 1)
        #expect(counters.lockTimeMs.map { abs($0 - 0.006) < 1e-9 } == true)
        #expect(workload.sessions.map(\.session) == ["12"])
        // ISO time with Z, then with a +08:00 offset (log_timestamps=SYSTEM).
        #expect(workload.sessions.first?.events.map(\.time) == [1_715_363_109.474988, 1_715_334_310.0])
    }

    @Test func oldMySQLTimeLineAndUserHostOnTheTimeLineAreRead() throws {
        let workload = try readSlowLog(
            """
            # Time: 090727 11:19:28 # User@Host: [SQL_SLAVE] @  []
            # Query_time: 2  Lock_time: 0  Rows_sent: 1  Rows_examined: 0
            SELECT 1 FROM a;
            # Time: 131128  1:05:31
            # User@Host: user1[user1] @ localhost [127.0.0.1]  Id: 69194
            # Query_time: 0.5  Lock_time: 0  Rows_sent: 1  Rows_examined: 0
            SELECT 2 FROM b;

            """)
        #expect(workload.calls == 2)
        let times = workload.sessions.flatMap(\.events).map(\.time)
        #expect(times == [1_385_600_731])  // 2013-11-28 01:05:31, read as UTC
        #expect(workload.groups.first { $0.sampleText == "SELECT 1 FROM a" }?.totalTimeMs == 2000)
    }

    @Test func perconaEntriesReadSchemaFlagsAndRateLimitLines() throws {
        let workload = try WorkloadReader.readLog(path: try Corpus.percona("t/lib/samples/slowlogs/slow059.txt"))
        #expect(workload.sources.first?.hasSuffix("(MySQL slow log, Percona Server)") == true)
        #expect(workload.calls == 3)
        let select = try #require(workload.group("select foo from bar"))
        #expect(select.calls == 2)
        #expect(select.database == "maindb")
        #expect(select.counters?.fullScans == 0)
        let insert = try #require(workload.group("insert into foo"))
        #expect(insert.counters?.filesorts == 1)
        #expect(workload.sessions.map(\.session).sorted() == ["69194", "69195"])
    }

    static let mariaDB = """
        mariadbd, Version: 10.11.19-MariaDB-0+deb12u1-log (Debian 12). started with:
        Tcp port: 33306  Unix socket: /tmp/mysqld.sock
        Time		    Id Command	Argument
        # Time: 261122 14:30:33
        # User@Host: root[root] @ localhost []
        # Thread_id: 4  Schema: shop  QC_hit: No
        # Query_time: 0.036778  Lock_time: 0.000098  Rows_sent: 10  Rows_examined: 100010
        # Rows_affected: 0  Bytes_sent: 787
        # Pages_accessed: 286  Pages_read: 0  Pages_prefetched: 0  Pages_updated: 0  Old_rows_read: 0
        # Pages_read_time: 0.0000  Engine_time: 24.6973
        # Tmp_tables: 1  Tmp_disk_tables: 0  Tmp_table_sizes: 1310656
        # Full_scan: Yes  Full_join: No  Tmp_table: No  Tmp_table_on_disk: No
        # Filesort: Yes  Filesort_on_disk: No  Merge_passes: 0  Priority_queue: Yes
        #
        # explain: id	select_type	table	type	possible_keys	key	key_len	ref	rows	r_rows	filtered	r_filtered	Extra
        # explain: 1	SIMPLE	orders	ALL	NULL	NULL	NULL	NULL	100000	100000.00	10.00	6.56	Using where; Using filesort
        #
        SET timestamp=1795357833;
        SELECT * FROM orders WHERE status='paid' AND total>400 ORDER BY created_at LIMIT 10;
        # User@Host: root[root] @ localhost []
        # Thread_id: 4  Schema: shop  QC_hit: No
        # Query_time: 0.001000  Lock_time: 0.000098  Rows_sent: 0  Rows_examined: 0
        # Rows_affected: 1  Bytes_sent: 52
        # Full_scan: No  Full_join: No  Tmp_table: No  Tmp_table_on_disk: No
        # Filesort: No  Filesort_on_disk: No  Merge_passes: 0  Priority_queue: No
        SET timestamp=1795357833;
        UPDATE orders SET status = 'shipped' WHERE id = 7;

        """

    @Test func mariaDBEntriesCarryFlagsCountersAndTheExplainAsLoggedPlan() throws {
        let workload = try readSlowLog(Self.mariaDB)
        #expect(workload.sources.first?.hasSuffix("(MySQL slow log, MariaDB)") == true)
        #expect(workload.diagnostics.isEmpty)
        let select = try #require(workload.group("from orders where"))
        #expect(select.database == "shop")
        #expect(select.counters?.fullScans == 1)
        #expect(select.counters?.filesorts == 1)
        #expect(select.counters?.tmpDiskTables == 0)
        #expect(select.counters?.rowsAffected == 0)
        let plan = try #require(select.loggedPlan)
        #expect(plan.engine == .mariadb)
        #expect(plan.root.operation == .sort)
        #expect(plan.fullScans.map(\.relation) == ["orders"])
        #expect(plan.fullScans.first?.actualRows == 100_000)
        let update = try #require(workload.group("update orders"))
        #expect(update.rows == 1)
        #expect(update.loggedPlan == nil)
        // No `# Time:` on the second entry: it inherits nothing it has itself (SET timestamp).
        #expect(workload.sessions.map(\.session) == ["4"])
        #expect(workload.sessions.first?.events.map(\.time) == [1_795_357_833, 1_795_357_833])
    }

    @Test func hashLinesInsideAStatementDoNotSplitIt() throws {
        let workload = try readSlowLog(
            """
            # Time: 2024-05-10T17:45:09Z
            # User@Host: app[app] @ localhost []  Id: 3
            # Query_time: 0.1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            SELECT a,
            # Owner: the reporting team
            # a comment line
              b FROM t;
            # User@Host: app[app] @ localhost []  Id: 3
            # Query_time: 0.1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            SELECT 2;

            """)
        #expect(workload.calls == 2)
        #expect(
            workload.groups.contains {
                $0.sampleText == "SELECT a,\n# Owner: the reporting team\n# a comment line\n  b FROM t"
            })
    }

    @Test func serverRestartMidFileStartsNewSessionsAndAdminCommandsCount() throws {
        let workload = try readSlowLog(
            """
            # Time: 2024-05-10T17:45:09Z
            # User@Host: app[app] @ localhost []  Id: 7
            # Query_time: 0.1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            use shop;
            SELECT 1;
            /usr/sbin/mysqld, Version: 8.4.0 (MySQL Community Server - GPL). started with:
            Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock
            Time                 Id Command    Argument
            # User@Host: app[app] @ localhost []  Id: 7
            # Query_time: 0.1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            SELECT 1;
            # User@Host: app[app] @ localhost []  Id: 7
            # Query_time: 0.000002  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            # administrator command: Quit;

            """)
        #expect(workload.calls == 3)
        #expect(workload.diagnostics.isEmpty)
        #expect(workload.sessions.map(\.session) == ["7", "7#1"])
        #expect(workload.groups.contains { $0.fingerprint.normalized == "administrator command: Quit" })
        // Entries without `use` or `# Time:` inherit both from the entry before them.
        #expect(workload.groups.allSatisfy { $0.database == "shop" })
        #expect(workload.sessions.flatMap(\.events).allSatisfy { $0.time == 1_715_363_109 })
    }

    @Test func truncatedAndHeaderlessInputIsCountedWithFileAndLine() throws {
        let workload = try readSlowLog(
            """
            # Time: 2024-05-10T17:45:09Z
            # User@Host: app[app] @ localhost []  Id: 7
            # Query_time: 0.1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            # User@Host: app[app] @ localhost []  Id: 8
            # Query_time: 0.1  Lock_time: 0 Rows_sent: 0  Rows_examined: 0
            SELECT 1;
            /usr/sbin/mysqld, Version: 8.4.0 (MySQL Community Server - GPL). started with:
            garbage line
            """)
        #expect(workload.calls == 1)
        #expect(
            workload.diagnostics.map(\.description) == [
                "slow.log:8: line not understood as slow-log entries, e.g. line 8: garbage line",
                "slow.log:1: slow-log entry without a statement (cut short or followed directly by the next entry)",
            ])
    }

    @Test func binaryGarbageAfterASlowLogHeaderNeverCrashes() throws {
        var state: UInt64 = 7
        var bytes = Array("# Time: 2024-05-10T17:45:09Z\n# Query_time: 1\n".utf8)
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let workload = try WorkloadReader.readLog(path: try dir.write("slow.log", Data(bytes)))
        #expect(workload.sources.first?.contains("MySQL slow log") == true)
        #expect(workload.calls <= 1)
    }

    @Test func readLogStillReadsPostgreSQLLogs() throws {
        let workload = try WorkloadReader.readLog(path: try Corpus.pgbadger("light.postgres.log"))
        #expect(workload.calls == 629)
        #expect(workload.sources.first?.contains("PostgreSQL stderr log") == true)
    }
}

/// The byte-level attribute lookup knows every name the servers write, and nothing else.
struct SlowLogAttributeNameTests {
    @Test func everyAttributeIsFoundByItsNameOnly() {
        for attribute in SlowLogAttribute.allCases {
            for (text, expected) in [
                (attribute.name, attribute), (attribute.name.lowercased(), nil), (attribute.name + "x", nil),
                ("X" + attribute.name.dropFirst(), nil),
            ] {
                let bytes = Array(text.utf8)
                let found = bytes.withUnsafeBufferPointer { SlowLogAttribute.named($0, 0..<$0.count) }
                #expect(found == expected, "\(text)")
            }
        }
    }
}

/// An attribute line is read pair by pair in the order the servers write it while it keeps that
/// order; whatever it holds, it must read as the key-by-key loop reads it.
struct SlowLogAttributeLineTests {
    static let extra =
        "# Query_time: 0.002000  Lock_time: 0.000003 Rows_sent: 5  Rows_examined: 500 Thread_id: 12 Errno: 0"
        + " Killed: 0 Bytes_received: 22 Bytes_sent: 56 Read_first: 1 Read_last: 0 Read_key: 3 Read_next: 0"
        + " Read_prev: 0 Read_rnd: 0 Read_rnd_next: 501 Sort_merge_passes: 0 Sort_range_count: 2 Sort_rows: 5"
        + " Sort_scan_count: 1 Created_tmp_disk_tables: 1 Created_tmp_tables: 1"
        + " Start: 2024-05-10T17:45:09.998000+08:00 End: 2024-05-10T17:45:10.000000+08:00"
    /// MariaDB 10.11 and Percona Server lines (facts.md, the corpus).
    static let others = [
        "# Thread_id: 4  Schema: shop  QC_hit: No",
        "# Query_time: 0.036778  Lock_time: 0.000098  Rows_sent: 10  Rows_examined: 100010",
        "# Rows_affected: 3  Bytes_sent: 787",
        "# Pages_accessed: 286  Pages_read: 0  Pages_prefetched: 0  Pages_updated: 0  Old_rows_read: 0",
        "# Pages_read_time: 0.0000  Engine_time: 24.6973",
        "# Tmp_tables: 1  Tmp_disk_tables: 2  Tmp_table_sizes: 1310656",
        "# Full_scan: Yes  Full_join: No  Tmp_table: No  Tmp_table_on_disk: Yes",
        "# Filesort: Yes  Filesort_on_disk: No  Merge_passes: 0  Priority_queue: Yes",
        "# Query_time: 1.5  Lock_time: 0.1  Rows_sent: 1  Rows_examined: 2  Rows_affected: 0",
        "# Schema: shop  Last_errno: 0  Killed: 0",
        "# Bytes_sent: 56  Tmp_tables: 1  Tmp_disk_tables: 1  Tmp_table_sizes: 4096",
        "# QC_Hit: No  Full_scan: Yes  Full_join: No  Tmp_table: Yes  Tmp_table_on_disk: No",
    ]

    private func headers(_ line: String) -> (inOrder: SlowLogEntry.Header, keyByKey: SlowLogEntry.Header) {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { b in
            var names = NameCache()
            var inOrder = SlowLogEntry(line: 1)
            inOrder.readAttributes(b, names: &names)
            var keyByKey = SlowLogEntry(line: 1)
            keyByKey.readKeyByKey(b, from: SlowLogHeader.textStart(b), names: &names)
            #expect(inOrder.schema == keyByKey.schema, "\(line)")
            return (inOrder.header, keyByKey.header)
        }
    }

    @Test func logSlowExtraCountersAreReadInServerOrder() {
        let header = headers(Self.extra).inOrder
        #expect(header.queryTimeSeconds == 0.002 && header.rowsExamined == 500 && header.threadID == 12)
        #expect(header.readKey == 3 && header.readRndNext == 501 && header.sortRangeCount == 2)
        #expect(header.sortScanCount == 1 && header.createdTmpDiskTables == 1)
    }

    @Test func mariaDBAndPerconaLinesAreReadInServerOrder() {
        #expect(headers(Self.others[0]).inOrder.threadID == 4)
        #expect(headers(Self.others[2]).inOrder.rowsAffected == 3)
        #expect(headers(Self.others[5]).inOrder.tmpDiskTables == 2)
        let fullScan = headers(Self.others[6]).inOrder
        #expect(fullScan.fullScan == true && fullScan.fullJoin == false && fullScan.tmpTableOnDisk == true)
        #expect(headers(Self.others[7]).inOrder.filesort == true)
    }

    @Test func linesOutOfServerOrderReadAsTheKeyByKeyLoopReadsThem() {
        var lines = [
            // A counter a later server adds, a value not a number, a key twice, tabs.
            Self.extra.replacingOccurrences(of: "Read_next:", with: "Count_hit_tmp_table_size: 0 Read_next:"),
            Self.extra.replacingOccurrences(of: "Read_key: 3", with: "Read_key: x"),
            Self.extra.replacingOccurrences(of: "Sort_rows: 5", with: "Sort_rows: 5 Read_key: 9"),
            Self.extra.replacingOccurrences(of: " ", with: "\t"),
            Self.extra + " Read_rnd_next: 7",
            "# Thread_id: 4  Schema:  QC_hit: No", "# Thread_id: 4  Schema: Shop: QC_hit: No",
        ]
        for line in [Self.extra] + Self.others {
            let pairs = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: true)
            for k in stride(from: 0, to: pairs.count - 1, by: 2) {
                // Each pair left out in turn (`key:` and `value` are two words), and each value.
                lines.append("# " + (pairs[..<k] + pairs[(k + 2)...]).joined(separator: " "))
                lines.append("# " + (pairs[...k] + pairs[(k + 2)...]).joined(separator: " "))
            }
            // And the line cut at every byte.
            for n in 0...line.utf8.count { lines.append(String(line.utf8.prefix(n))!) }
        }
        for line in lines {
            let read = headers(line)
            #expect(read.inOrder == read.keyByKey, "\(line)")
        }
    }
}
