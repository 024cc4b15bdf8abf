import AdvisorCore
import SQLParsing
import Testing

/// The DDL readers of both dialects: what a migration script creates, drops and where.
@Suite struct DDLReaderTests {
    @Test func postgresIndexStatementsWithTheirLinesAndClauses() throws {
        let script = """
            -- orders lookups
            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_ref_idx
              ON public.orders USING btree (ref, lower(email) DESC) INCLUDE (total) WHERE status <> 'done';

            DROP INDEX CONCURRENTLY IF EXISTS app.old_idx, other_idx;
            """
        let statements = try SQLDialect.postgres.ddlStatements(of: script)
        #expect(statements.map(\.line) == [2, 5])
        #expect(statements.map(\.column) == [1, 1])
        guard case .createIndex(let index)? = statements.first?.actions.first else {
            Issue.record("expected a createIndex action, got \(statements)")
            return
        }
        #expect(index.name == "orders_ref_idx")
        #expect(index.table == DDLTableName(schema: "public", name: "orders"))
        #expect(index.keys.map(\.name) == ["ref", "lower(email)"])
        #expect(index.keys.map(\.isExpression) == [false, true])
        #expect(index.keys.map(\.descending) == [false, true])
        #expect(index.includedColumns == ["total"])
        #expect(index.isUnique && index.concurrently && index.ifNotExists)
        #expect(index.predicate != nil)
        #expect(
            statements[1].actions == [
                .dropIndex(DDLIndexDrop(name: "old_idx", schema: "app", concurrently: true, ifExists: true)),
                .dropIndex(DDLIndexDrop(name: "other_idx", concurrently: true, ifExists: true)),
            ])
    }

    @Test func postgresTablesConstraintsForeignKeysAndTransactions() throws {
        let script = """
            BEGIN;
            CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), UNIQUE (order_id));
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
              ADD CONSTRAINT orders_ref_key UNIQUE (ref);
            COMMIT;
            """
        let statements = try SQLDialect.postgres.ddlStatements(of: script)
        #expect(statements.map(\.line) == [1, 2, 3, 5])
        #expect(statements[0].actions == [.beginTransaction])
        #expect(statements[3].actions == [.endTransaction])
        let refunds = DDLTableName(name: "refunds")
        #expect(statements[1].actions.first == .createTable(refunds))
        #expect(
            statements[1].actions.contains(
                .addForeignKey(
                    DDLForeignKey(
                        name: nil, table: refunds, columns: ["order_id"], referencedTable: DDLTableName(name: "orders"),
                        referencedColumns: ["id"]))))
        let created = statements[1].actions.compactMap { action -> DDLIndex? in
            if case .createIndex(let index) = action { return index }
            return nil
        }
        #expect(created.map(\.name) == ["refunds_pkey", "refunds_order_id_key"])
        #expect(created.allSatisfy { $0.origin == .createTable && $0.isUnique })
        let altered = statements[2].actions
        #expect(altered.count == 2)
        if case .createIndex(let unique) = altered[1] {
            #expect(unique.origin == .constraint && unique.name == "orders_ref_key" && !unique.concurrently)
        } else {
            Issue.record("expected the unique constraint's index, got \(altered)")
        }
    }

    @Test func postgresSyntaxErrorCarriesTheScriptLine() {
        #expect {
            try SQLDialect.postgres.ddlStatements(of: "CREATE INDEX a ON t (x);\n\nCREATE INDX b ON t (y);")
        } throws: { error in
            (error as? SQLParseError)?.line == 3
        }
    }

    @Test func mysqlAlterTableAddsIndexesWithTheStatementsAlgorithmAndLock() throws {
        let script = """
            # customer lookups
            ALTER TABLE `shop`.`orders`
              ADD INDEX `orders_customer_idx` (`customer_id`, created_at DESC),
              ADD UNIQUE KEY ref_uq (ref(12)),
              ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
              DROP INDEX old_idx,
              ALGORITHM=INPLACE, LOCK=NONE;
            CREATE INDEX status_idx ON orders (status) ALGORITHM = COPY LOCK = SHARED;
            DROP INDEX IF EXISTS status_idx ON orders;
            ALTER ONLINE TABLE orders ADD KEY (total);
            """
        let statements = try SQLDialect.mysql.ddlStatements(of: script)
        #expect(statements.map(\.line) == [2, 8, 9, 10])
        let orders = DDLTableName(schema: "shop", name: "orders")
        let first = statements[0].actions
        #expect(first.count == 4)
        guard case .createIndex(let customer) = first[0], case .createIndex(let ref) = first[1],
            case .addForeignKey(let key) = first[2], case .dropIndex(let drop) = first[3]
        else {
            Issue.record("unexpected actions \(first)")
            return
        }
        #expect(customer.name == "orders_customer_idx" && customer.table == orders)
        #expect(customer.keys.map(\.name) == ["customer_id", "created_at"])
        #expect(customer.keys.map(\.descending) == [false, true])
        #expect(customer.algorithm == "INPLACE" && customer.lock == "NONE" && customer.origin == .alterTable)
        #expect(ref.isUnique && ref.keys.first?.prefixLength == 12)
        #expect(key.columns == ["customer_id"] && key.referencedTable.name == "customers")
        #expect(drop.name == "old_idx" && drop.algorithm == "INPLACE")
        guard case .createIndex(let status) = statements[1].actions.first else {
            Issue.record("expected CREATE INDEX")
            return
        }
        #expect(status.algorithm == "COPY" && status.lock == "SHARED" && status.origin == .createIndex)
        #expect(
            statements[2].actions == [
                .dropIndex(DDLIndexDrop(name: "status_idx", table: DDLTableName(name: "orders"), ifExists: true))
            ])
        guard case .createIndex(let total) = statements[3].actions.first else {
            Issue.record("expected ADD KEY")
            return
        }
        // ALTER ONLINE TABLE is LOCK=NONE; an unnamed key is named after its first column.
        #expect(total.lock == "NONE" && total.algorithm == nil && total.name == nil)
    }

    @Test func mysqlCreateTableKeysAndTransactions() throws {
        let script = """
            START TRANSACTION;
            CREATE TABLE IF NOT EXISTS invoices (
              id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
              order_id bigint NOT NULL,
              code varchar(20) UNIQUE,
              KEY invoices_order_idx (order_id),
              CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
            ) ENGINE=InnoDB;
            COMMIT;
            """
        let statements = try SQLDialect.mysql.ddlStatements(of: script)
        #expect(statements.first?.actions == [.beginTransaction])
        #expect(statements.last?.actions == [.endTransaction])
        let actions = statements[1].actions
        #expect(actions.first == .createTable(DDLTableName(name: "invoices")))
        let names = actions.compactMap { action -> String? in
            if case .createIndex(let index) = action { return index.name }
            return nil
        }
        #expect(names == ["PRIMARY", "code", "invoices_order_idx"])
        #expect(
            actions.contains { if case .addForeignKey(let key) = $0 { key.name == "invoices_order_fk" } else { false } }
        )
    }

    @Test func mysqlErrorsNameTheLine() {
        #expect {
            try SQLDialect.mysql.ddlStatements(of: "SELECT 1;\nCRATE INDEX a ON t (x);")
        } throws: { error in
            let parse = error as? SQLParseError
            return parse?.line == 2 && parse?.message.contains("CRATE") == true
        }
        #expect {
            try SQLDialect.mysql.ddlStatements(of: "ALTER TABLE t\n  ADD INDEX a;")
        } throws: { error in
            let parse = error as? SQLParseError
            return parse?.line == 2 && parse?.message.contains("key columns") == true
        }
        #expect {
            try SQLDialect.mysql.ddlStatements(of: "CREATE INDEX a ON t (x);\nINSERT INTO t VALUES ('open")
        } throws: { error in
            (error as? SQLParseError)?.line == 2
        }
    }

    @Test func statementsTheLintDoesNotReadHaveNoActions() throws {
        #expect(
            try SQLDialect.postgres.ddlStatements(of: "UPDATE t SET a = 1; SET lock_timeout = '1s';").allSatisfy {
                $0.actions.isEmpty
            })
        #expect(
            try SQLDialect.mysql.ddlStatements(of: "UPDATE t SET a = 1; SET lock_wait_timeout = 5;").allSatisfy {
                $0.actions.isEmpty
            })
        #expect(try SQLDialect.postgres.ddlStatements(of: "-- nothing\n").isEmpty)
    }
}
