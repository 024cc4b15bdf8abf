-- batch seed data (MariaDB 10.11): deterministic, about 2 M rows.
--
-- MariaDB-specific on purpose: rows come from the SEQUENCE engine's virtual tables
-- (seq_1_to_N), the fast way to generate rows on MariaDB, and statistics are collected with
-- ANALYZE TABLE ... PERSISTENT FOR ALL (engine-independent statistics in mysql.column_stats).
-- On MySQL 8, generate the numbers with a recursive CTE instead and use
-- ANALYZE TABLE ... UPDATE HISTOGRAM; schema.sql and workload.sql run on both unchanged.
--
-- The formulas are exactly those of ../postgres/seed.sql (see its header for the
-- distributions), so both engines hold identical rows:
--   h(i) = (i * M) % 4294967291   (prime modulus: a bijection on 1..N), one multiplier M per column
-- PostgreSQL's ARRAY[...][k] is ELT(k, ...) here, integer "/" is DIV.

SET SESSION foreign_key_checks = 0;   -- bulk load: rows are consistent by construction
SET SESSION unique_checks = 0;

INSERT INTO jobs (id, name, handler, schedule, source, is_enabled, max_attempts, created_at, updated_at)
SELECT i, name,
       CONCAT('Jobs::', handler_stem, 'Job'),
       CASE WHEN i <= 5 THEN CONCAT(i * 7 % 60, ' * * * *') ELSE CONCAT(i % 60, ' ', 1 + i % 5, ' * * *') END,
       ELT(1 + (i - 1) % 4, 'crm','erp','billing','shop'),
       i <= 35,
       5,
       TIMESTAMP'2023-11-20 08:00:00' + INTERVAL i HOUR,
       TIMESTAMP'2023-11-20 08:00:00' + INTERVAL i HOUR
FROM (SELECT i, name,
             -- initcap() has no MySQL equivalent: build "SyncCrmAccounts" word by word
             CONCAT(UPPER(LEFT(w1, 1)), SUBSTRING(w1, 2), UPPER(LEFT(w2, 1)), SUBSTRING(w2, 2),
                    IF(w3 = '', '', CONCAT(UPPER(LEFT(w3, 1)), SUBSTRING(w3, 2)))) AS handler_stem
      FROM (SELECT i, name,
                   SUBSTRING_INDEX(name, '-', 1) AS w1,
                   SUBSTRING_INDEX(SUBSTRING_INDEX(name, '-', 2), '-', -1) AS w2,
                   IF(name LIKE '%-%-%', SUBSTRING_INDEX(name, '-', -1), '') AS w3
            FROM (SELECT seq AS i,
                         CASE WHEN seq <= 5 THEN ELT(seq, 'sync-crm-accounts','sync-erp-balances','sync-billing-invoices',
                                                     'import-shop-orders','refresh-exchange-rates')
                              ELSE CONCAT(ELT(1 + (seq - 6) % 7, 'export','reconcile','cleanup','import','rebuild','notify','archive'),
                                          '-', ELT(1 + (seq - 6) DIV 7, 'ledger','customers','invoices','payments','reports'))
                         END AS name
                  FROM seq_1_to_40) n) w) s;

INSERT INTO job_runs (id, job_id, status, worker, started_at, finished_at, rows_processed, rows_failed, error, created_at)
SELECT i, job_id, status,
       CONCAT('worker-', h2 % 8),
       started_at,
       CASE WHEN status <> 'running' THEN started_at + INTERVAL (30 + h3 % 3000) SECOND END,
       h3 % 5000,
       CASE WHEN status = 'failed' THEN 1 + h3 % 50 ELSE 0 END,
       CASE WHEN status = 'failed' THEN 'job exceeded max runtime of 3600s' END,
       started_at
FROM (SELECT i, h2, h3,
             CASE WHEN h1 % 100 < 50 THEN 1 + (h1 DIV 100) % 5 ELSE 6 + (h1 DIV 100) % 35 END AS job_id,
             CASE WHEN i > 99997 THEN 'running'
                  WHEN h2 % 100 < 93 THEN 'succeeded' WHEN h2 % 100 < 98 THEN 'failed' ELSE 'cancelled' END AS status,
             TIMESTAMP'2023-12-01 00:00:00' + INTERVAL (i * 628) SECOND AS started_at
      FROM (SELECT seq AS i,
                   (seq * 2654435761) % 4294967291 AS h1,
                   (seq * 2246822519) % 4294967291 AS h2,
                   (seq * 3266489917) % 4294967291 AS h3
            FROM seq_1_to_100000) h) s;

INSERT INTO records (id, job_id, source, external_id, payload, status, attempts, last_error, locked_by,
                     locked_at, created_at, updated_at)
SELECT i, job_id, source, external_id,
       CONCAT('{"account": "', external_id, '", "balance": ', CAST((h4 % 10000000) / 100 - 20000 AS DECIMAL(12,2)),
              ', "currency": "', CASE WHEN h4 % 10 = 0 THEN 'USD' ELSE 'EUR' END,
              '", "attrs": {"tier": "', ELT(1 + h3 % 4, 'bronze','silver','gold','platinum'),
              '", "region": "', ELT(1 + h4 % 3, 'eu-central','eu-west','us-east'), '"}}'),
       status,
       CASE status WHEN 'pending' THEN 0 WHEN 'processing' THEN 1
                   WHEN 'failed' THEN CASE WHEN i > 1185000 THEN 1 + h3 % 4 ELSE 5 END
                   ELSE CASE WHEN h3 % 20 = 0 THEN 2 ELSE 1 END END,
       CASE WHEN status = 'failed' THEN
            ELT(1 + h3 % 4, 'timeout after 30s calling https://api.crm.example/v2/accounts',
                'HTTP 429 Too Many Requests', 'deadlock detected while updating account_balances',
                'validation failed: currency must be ISO 4217') END,
       CASE WHEN status = 'processing' THEN CONCAT('worker-', h3 % 8) END,
       CASE WHEN status = 'processing' THEN created_at + INTERVAL 1 MINUTE END,
       created_at,
       CASE WHEN status IN ('pending', 'processing') THEN created_at
            ELSE created_at + INTERVAL (60 + h3 % 7200) SECOND END
FROM (SELECT i, h3, h4, job_id,
             ELT(1 + (job_id - 1) % 4, 'crm','erp','billing','shop') AS source,
             CONCAT(UPPER(ELT(1 + (job_id - 1) % 4, 'crm','erp','billing','shop')), '-', LPAD(h5, 10, '0')) AS external_id,
             CASE WHEN i > 1185000 THEN                       -- the backlog
                       CASE WHEN h2 % 10 < 8 THEN 'pending' WHEN h2 % 10 = 8 THEN 'processing' ELSE 'failed' END
                  WHEN h2 % 1000 < 980 THEN 'done'
                  WHEN h2 % 1000 < 995 THEN 'failed'
                  ELSE 'skipped' END AS status,
             TIMESTAMP'2023-12-01 00:00:00' + INTERVAL (i * 52) SECOND AS created_at
      FROM (SELECT seq AS i,
                   (seq * 2246822519) % 4294967291 AS h2,
                   (seq * 3266489917) % 4294967291 AS h3,
                   (seq * 668265263) % 4294967291 AS h4,
                   (seq * 374761393) % 4294967291 AS h5,
                   CASE WHEN ((seq * 2654435761) % 4294967291) % 100 < 45
                        THEN 1 + (((seq * 2654435761) % 4294967291) DIV 100) % 3
                        ELSE 4 + (((seq * 2654435761) % 4294967291) DIV 100) % 37 END AS job_id
            FROM seq_1_to_1200000) h) s;

-- One balance per 6th record, as last synced by that record.
INSERT INTO account_balances (id, source, external_id, account_name, balance, currency, version, synced_at,
                              created_at, updated_at)
SELECT r.id DIV 6, r.source, r.external_id,
       CONCAT(ELT(1 + h % 8, 'Acme','Globex','Initech','Umbrella','Stark','Wayne','Hooli','Vandelay'),
              ' ', ELT(1 + (h DIV 8) % 5, 'GmbH','AG','Ltd','Inc','SARL'), ' ', r.id DIV 6),
       (h % 10000000) / 100 - 20000,
       CASE WHEN h % 10 = 0 THEN 'USD' ELSE 'EUR' END,
       1 + h % 5,
       r.updated_at, r.created_at, r.updated_at
FROM (SELECT r.id, r.source, r.external_id, r.created_at, r.updated_at, (r.id * 668265263) % 4294967291 AS h
      FROM records r WHERE r.id % 6 = 0) r;

INSERT INTO audit_log (id, entity_type, entity_id, action, actor, job_run_id, details, created_at)
SELECT i, entity_type,
       CASE entity_type WHEN 'record' THEN 1 + h2 % 1200000
                        WHEN 'account_balance' THEN 1 + h2 % 200000
                        ELSE job_run_id END,
       action, actor, job_run_id,
       CONCAT(action, ' ', entity_type, ' by ', actor, ' in ', 5 + h3 % 900, ' ms',
              CASE WHEN action = 'failed' THEN CONCAT(': ', ELT(1 + (h3 DIV 4) % 4,
                   'timeout after 30s calling https://api.crm.example/v2/accounts',
                   'HTTP 429 Too Many Requests', 'deadlock detected while updating account_balances',
                   'validation failed: currency must be ISO 4217')) ELSE '' END),
       TIMESTAMP'2023-12-01 00:00:00' + INTERVAL (i * 125) SECOND
FROM (SELECT i, h2, h3, entity_type, job_run_id,
             CASE entity_type WHEN 'record' THEN ELT(1 + h3 % 4, 'processed','processed','retried','failed')
                              WHEN 'account_balance' THEN 'upserted'
                              ELSE CASE WHEN h3 % 2 = 0 THEN 'started' ELSE 'finished' END END AS action,
             CASE WHEN entity_type = 'job_run' THEN 'scheduler' ELSE CONCAT('worker-', h3 % 8) END AS actor
      FROM (SELECT seq AS i,
                   (seq * 2246822519) % 4294967291 AS h2,
                   (seq * 3266489917) % 4294967291 AS h3,
                   1 + (seq - 1) DIV 5 AS job_run_id,
                   CASE WHEN ((seq * 2654435761) % 4294967291) % 10 < 7 THEN 'record'
                        WHEN ((seq * 2654435761) % 4294967291) % 10 < 9 THEN 'account_balance'
                        ELSE 'job_run' END AS entity_type
            FROM seq_1_to_500000) h) s;

SET SESSION foreign_key_checks = 1;
SET SESSION unique_checks = 1;

-- Engine-independent statistics (histograms in mysql.column_stats) for every column and index.
ANALYZE TABLE jobs, job_runs, records, account_balances, audit_log PERSISTENT FOR ALL;
