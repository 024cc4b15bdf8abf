import AdvisorCore
import SQLParsing
import Testing

/// `MySQLParser.fingerprint` reproduces pt-query-digest's `QueryRewriter::fingerprint` byte for byte.
///
/// The pairs come from percona-toolkit's `t/lib/QueryRewriter.t` (default options), from the quirks
/// measured in facts.md, and from the expected reports under `t/pt-query-digest/samples`.
@Suite struct MySQLFingerprintTests {
    struct Pair: Sendable, CustomTestStringConvertible {
        let sql: String
        let fingerprint: String
        var testDescription: String { sql }
    }

    static let queryRewriterPairs: [Pair] = [
        Pair(
            sql:
                "UPDATE groups_search SET  charter = '   -------3\\'\\' XXXXXXXXX.\n    \n    -----', show_in_list = 'Y' WHERE group_id='aaaaaaaa'",
            fingerprint: "update groups_search set charter = ?, show_in_list = ? where group_id=?"),
        Pair(sql: "SELECT /*!40001 SQL_NO_CACHE */ * FROM `film`", fingerprint: "mysqldump"),
        Pair(sql: "CALL foo(1, 2, 3)", fingerprint: "call foo"),
        Pair(sql: "administrator command: Init DB", fingerprint: "administrator command: Init DB"),
        Pair(
            sql: "REPLACE /*foo.bar:3/3*/ INTO checksum.checksum (db, tbl) SELECT 'foo', 'bar'",
            fingerprint: "percona-toolkit"),
        Pair(sql: "use `foo`", fingerprint: "use ?"),
        Pair(sql: "select \n--bar\n foo", fingerprint: "select foo"),
        Pair(sql: "select foo--bar\nfoo", fingerprint: "select foo foo"),
        Pair(sql: "select foo -- bar\n", fingerprint: "select foo "),
        Pair(sql: "select null, 5.001, 5001. from foo", fingerprint: "select ?, ?, ? from foo"),
        Pair(sql: "select 'hello', '\nhello\n', \"hello\", '\\'' from foo", fingerprint: "select ?, ?, ?, ? from foo"),
        Pair(sql: "select 'hello'\n", fingerprint: "select ?"),
        Pair(sql: "select   foo", fingerprint: "select foo"),
        Pair(sql: "SELECT * from foo where a = 5", fingerprint: "select * from foo where a = ?"),
        Pair(
            sql: "select 0e0, +6e-30, -6.00 from foo where a = 5.5 or b=0.5 or c=.5",
            fingerprint: "select ?, ?, ? from foo where a = ? or b=? or c=?"),
        Pair(sql: "select 0x0, x'123', 0b1010, b'10101' from foo", fingerprint: "select ?, ?, ?, ? from foo"),
        Pair(sql: " select  * from\nfoo where a = 5", fingerprint: "select * from foo where a = ?"),
        Pair(
            sql: "select * from foo where a in (5) and b in (5, 8,9 ,9 , 10)",
            fingerprint: "select * from foo where a in(?+) and b in(?+)"),
        Pair(sql: "select foo_1 from foo_2_3", fingerprint: "select foo_? from foo_?_?"),
        Pair(sql: "select 123foo from 123foo", fingerprint: "select ?oo from ?oo"),
        Pair(sql: "select 123_foo from 123_foo", fingerprint: "select ?_foo from ?_foo"),
        Pair(
            sql: "insert into abtemp.coxed select foo.bar from foo",
            fingerprint: "insert into abtemp.coxed select foo.bar from foo"),
        Pair(sql: "insert into foo(a, b, c) values(2, 4, 5)", fingerprint: "insert into foo(a, b, c) values(?+)"),
        Pair(
            sql: "insert into foo(a, b, c) values(2, 4, 5) , (2,4,5)",
            fingerprint: "insert into foo(a, b, c) values(?+)"),
        Pair(sql: "insert into foo(a, b, c) value(2, 4, 5)", fingerprint: "insert into foo(a, b, c) value(?+)"),
        Pair(sql: "select * from foo limit 5", fingerprint: "select * from foo limit ?"),
        Pair(sql: "select * from foo limit 5, 10", fingerprint: "select * from foo limit ?"),
        Pair(sql: "select * from foo limit 5 offset 10", fingerprint: "select * from foo limit ?"),
        Pair(sql: "select 1 union select 2 union select 4", fingerprint: "select ? /*repeat union*/"),
        Pair(sql: "select 1 union all select 2 union all select 4", fingerprint: "select ? /*repeat union all*/"),
        Pair(
            sql:
                "select * from (select 1 union all select 2 union all select 4) as x join (select 2 union select 2 union select 3) as y",
            fingerprint: "select * from (select ? /*repeat union all*/) as x join (select ? /*repeat union*/) as y"),
        Pair(sql: "select c from t where i=1 order by c asc", fingerprint: "select c from t where i=? order by c"),
        Pair(
            sql: "select * from t where i=1 order by a, b ASC, d DESC, e asc",
            fingerprint: "select * from t where i=? order by a, b, d desc, e"),
        Pair(
            sql:
                "select * from t where i=1      order            by \n      a,  b          ASC, d    DESC,    \n\n e asc",
            fingerprint: "select * from t where i=? order by a, b, d desc, e"),
        Pair(sql: "LOAD DATA INFILE '/tmp/foo.txt' INTO db.tbl", fingerprint: "load data infile ? into db.tbl"),
        Pair(
            sql:
                "/* -- S++ SU ABORTABLE -- spd_user: rspadim */SELECT SQL_SMALL_RESULT SQL_CACHE DISTINCT centro_atividade FROM est_dia WHERE unidade_id=1001 AND item_id=67 AND item_id_red=573",
            fingerprint:
                "select sql_small_result sql_cache distinct centro_atividade from est_dia where unidade_id=? and item_id=? and item_id_red=?"
        ),
        Pair(
            sql: "SELECT * FROM tbl WHERE id=1 AND flag=true AND trueflag=FALSE",
            fingerprint: "select * from tbl where id=? and flag=? and trueflag=?"),
    ]

    /// Behaviour of the regexes that surprises, checked against pt-query-digest's own code.
    static let quirks: [Pair] = [
        // facts.md, measured: upper-case hex digits are not in the number class.
        Pair(
            sql: "select * from t where a = 0xFF and b is null", fingerprint: "select * from t where a = ?ff and b is ?"
        ),
        // MariaDB's /*M! */ is an ordinary comment to the regex, /*! */ stays (and its version becomes ?).
        Pair(
            sql: "SELECT /*M!100100 STRAIGHT_JOIN */ /*!40001 SQL_NO_CACHE */ * FROM users_2009 ORDER BY ascii_col",
            fingerprint: "select /*!? sql_no_cache */ * from users_? order by ascii_col"),
        // ASC is removed without a word boundary after it.
        Pair(sql: "SELECT a FROM t ORDER BY a, ascii_col", fingerprint: "select a from t order by a,ii_col"),
        // The leftover pass eats the `b` before a number: tab2 becomes ta?.
        Pair(sql: "SELECT * FROM tab2 WHERE c = 1", fingerprint: "select * from ta? where c = ?"),
        Pair(sql: "SELECT * FROM prices.rt_5min where id=1", fingerprint: "select * from prices.rt_?min where id=?"),
        // A multi-row INSERT is cut after its first tuple, ON DUPLICATE KEY UPDATE with it.
        Pair(
            sql: "INSERT INTO t (a) VALUES (1),(2) ON DUPLICATE KEY UPDATE a = VALUES(a)",
            fingerprint: "insert into t (a) values(?+)"),
        Pair(sql: "CALL shop.refresh_totals(1, 'x')", fingerprint: "call shop.refresh_totals"),
        // Only the first LIMIT is rewritten; a trailing `--` comment leaves its space.
        Pair(
            sql: "SELECT * FROM t WHERE id = 1 LIMIT 5 OFFSET 10 -- tail",
            fingerprint: "select * from t where id = ? limit ? "),
        // `\Z` matches before a final newline, which stays after `use ?`.
        Pair(sql: "USE shop\n", fingerprint: "use ?\n"),
        Pair(sql: "", fingerprint: ""),
    ]

    @Test("fingerprint equals pt-query-digest's QueryRewriter test expectations", arguments: queryRewriterPairs)
    func matchesQueryRewriterTests(_ pair: Pair) {
        #expect(MySQLParser.fingerprint(of: pair.sql).normalized == pair.fingerprint)
    }

    @Test("fingerprint reproduces pt-query-digest's regex quirks", arguments: quirks)
    func reproducesQuirks(_ pair: Pair) {
        #expect(MySQLParser.fingerprint(of: pair.sql).normalized == pair.fingerprint)
    }

    /// Sample queries and the `ID 0x…` printed for them in percona-toolkit's expected reports.
    @Test(
        "id equals the query ID in pt-query-digest's expected reports",
        arguments: [
            ("select sleep(2) from test.n", "A853B50CDEB4866B3A99CC42AEDCCFCD"),  // slow001_report.txt
            ("select sleep(2) from n", "AE9D6BB6AF470B997F7D57ACDD8A346E"),  // slow001_report.txt
            ("INSERT INTO db1.conch (word3, vid83)\nVALUES ('211', '18')", "C38B763B233A1E63C22D235B07D1D774"),
            ("BEGIN", "8D589AFA4DFAEEED85FFF5AA78E5FF6A"),  // slow002-orderbynonexistent.txt
            ("select 12_13_foo from (select 12foo from 123_bar) as 123baz", "2D7E0EC35F765942B16C9E5B3D9C484F"),
            ("SET NAMES utf8", "36C2C875DF9317B4CC47B42511EA22DD"),  // slow008_report.txt
            ("administrator command: Quit", "EDBC971AEC392917AA353644DE4C4CB4"),  // slow008_report.txt
            ("/* SELECT count(*) FROM X instance */ select count(*) as A from X\n", "4B8B4F6A70608C388E38374648788E52"),
            ("SELECT * FROM blah WHERE id IS NOT NULL", "C99AD0397C9C8DCAA4EAD36B5CEB1C13"),  // slow053.txt
            ("SELECT * FROM blah WHERE something = 'important'", "01C11894F289821F9E892D4B16D7BFC2"),  // slow035.txt
            ("replace `foo` values(\"bar\")", "C6846BD8C9A8209BF33473286088142B"),  // slow058.txt
            ("/* No query */", "D41D8CD98F00B204E9800998ECF8427E"),  // slow056.txt: the empty fingerprint
        ])
    func idMatchesReports(_ sql: String, _ id: String) {
        #expect(MySQLParser.fingerprint(of: sql).id == id)
    }

    @Test func statementsDifferingInLiteralsCommentsAndCaseShareAFingerprint() {
        let a = MySQLParser.fingerprint(of: "SELECT /* web */ * FROM orders WHERE id IN (1, 2, 3)")
        let b = MySQLParser.fingerprint(of: "select *\n  from orders where id in (42)")
        #expect(a == b)
        #expect(a != MySQLParser.fingerprint(of: "SELECT * FROM customers WHERE id IN (1)"))
    }

    @Test func textThatIsNotSQLStillHasAFingerprint() {
        let inputs = ["\u{0}\u{1}'\"`", "/*", "'", "call ", "INSERT INTO t VALUES (", "select ' union select", "日本語 ✓"]
        for input in inputs {
            #expect(MySQLParser.fingerprint(of: input).id.count == 32)
        }
    }

    /// The regex `(?:INSERT|REPLACE)(?: IGNORE)?\s+INTO.+?VALUES\s*\(.*?\))\s*,\s*\(` tried at every
    /// place, byte by byte: what the word-at-a-time and `memchr` search must find.
    static func firstTupleEndByBytes(_ t: [UInt8]) -> Int? {
        // A prefix, ASCII letters in any case (no word boundary after it, as the regex has none).
        func word(_ at: Int, _ w: String) -> Bool {
            let w = Array(w.utf8)
            guard at + w.count <= t.count else { return false }
            for k in w.indices where (t[at + k] &- 0x41 < 26 ? t[at + k] | 0x20 : t[at + k]) != w[k] { return false }
            return true
        }
        func space(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        var cursor: Int
        if word(0, "insert") { cursor = 6 } else if word(0, "replace") { cursor = 7 } else { return nil }
        if word(cursor, " ignore") { cursor += 7 }
        let spaces = cursor
        while cursor < t.count, space(t[cursor]) { cursor += 1 }
        guard cursor > spaces, word(cursor, "into") else { return nil }
        var search = cursor + 5
        var start: Int?
        while search + 6 <= t.count {
            if word(search, "values") {
                var paren = search + 6
                while paren < t.count, space(t[paren]) { paren += 1 }
                if paren < t.count, t[paren] == 0x28 {
                    start = paren
                    break
                }
            }
            search += 1
        }
        guard let start else { return nil }
        for close in (start + 1)..<max(start + 1, t.count) where t[close] == 0x29 {
            var next = close + 1
            while next < t.count, space(t[next]) { next += 1 }
            guard next < t.count, t[next] == 0x2C else { continue }
            next += 1
            while next < t.count, space(t[next]) { next += 1 }
            if next < t.count, t[next] == 0x28 { return close }
        }
        return nil
    }

    @Test func multiRowInsertsAreCutAfterTheTupleAByteScanFinds() {
        var texts = [
            "INSERT INTO t VALUES (1),(2)", "insert into t values(1)", "INSERT INTO t (a) VALUES (1) , (2), (3)",
            "REPLACE IGNORE INTO t VALUES (now()), (1)", "INSERT INTO v (vv) VALUES (1)", "INSERT INTO t VALUES",
            "INSERT INTO tvalues (x) values (1),(2)", "insert into t select 1", "INSERT INTO t VALUES (')'), (1)",
        ]
        var state: UInt64 = 11
        let pieces = [
            "v", "V", "values", "VALUES", "(", ")", ",", " ", "\t", "a", "1", "'x'", "valuesx", "Vv", "ü", "\n",
        ]
        for _ in 0..<4_000 {
            var text = ["INSERT INTO t ", "insert ignore into x", "REPLACE INTO ", "INSERT INTO"][Int(state % 4)]
            for _ in 0..<(state >> 8) % 40 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            texts.append(text)
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { MySQLParser.multiRowInsertFirstTupleEnd($0) }
            #expect(found == Self.firstTupleEndByBytes(bytes), "\(text.debugDescription)")
        }
    }
}
