-- batch seed data (PostgreSQL): deterministic, about 2 M rows.
--
-- No random(): every "random" value comes from a multiplicative hash of the row number,
--   h(i) = (i * M) % 4294967291        (4294967291 is prime, so h is a bijection on 1..N)
-- with a different odd multiplier M per column. The MariaDB seed uses the same formulas, so
-- both engines hold identical rows (workload.sql's literals rely on that).
--
-- Distributions (dataset "now" is 2025-12-01, history starts 2023-12-01):
--   jobs 40               1..5 hourly syncs, 6..40 nightly jobs; 36..40 disabled
--   job_runs 100 000      one every ~10 min; half of them belong to the hourly jobs 1..5;
--                         93 % succeeded, the 3 newest still running
--   records 1 200 000     45 % belong to the big sync jobs 1..3 (~180 000 each), the rest
--                         ~17 800 per job; 98 % of the old ones 'done'; the newest 15 000
--                         (the last nine days: the backlog the nightly runs no longer get
--                         through) 80 % 'pending', some 'processing' and 'failed'
--   account_balances 200 000   one per 6th record (so an upsert batch both inserts and updates)
--   audit_log 500 000     one row every ~2 min, 5 per job run; no secondary index at all

SET client_min_messages = warning;
-- Bulk load: skip the per-row foreign-key triggers (the generated data is consistent by
-- construction). Needs superuser, which the loader is; ordinary sessions are unaffected.
SET session_replication_role = replica;

INSERT INTO jobs (id, name, handler, schedule, source, is_enabled, max_attempts, created_at, updated_at)
SELECT i, name,
       'Jobs::' || replace(initcap(replace(name, '-', ' ')), ' ', '') || 'Job',
       CASE WHEN i <= 5 THEN (i * 7 % 60) || ' * * * *' ELSE (i % 60) || ' ' || (1 + i % 5) || ' * * *' END,
       (ARRAY['crm','erp','billing','shop'])[1 + (i - 1) % 4],
       i <= 35,
       5,
       timestamptz '2023-11-20 08:00:00+00' + i * interval '1 hour',
       timestamptz '2023-11-20 08:00:00+00' + i * interval '1 hour'
FROM (SELECT i,
             CASE WHEN i <= 5 THEN (ARRAY['sync-crm-accounts','sync-erp-balances','sync-billing-invoices',
                                          'import-shop-orders','refresh-exchange-rates'])[i]
                  ELSE (ARRAY['export','reconcile','cleanup','import','rebuild','notify','archive'])[1 + (i - 6) % 7]
                       || '-' || (ARRAY['ledger','customers','invoices','payments','reports'])[1 + (i - 6) / 7]
             END AS name
      FROM generate_series(1::bigint, 40) AS i) s;

INSERT INTO job_runs (id, job_id, status, worker, started_at, finished_at, rows_processed, rows_failed, error, created_at)
SELECT i, job_id, status,
       'worker-' || (h2 % 8),
       started_at,
       CASE WHEN status <> 'running' THEN started_at + (30 + h3 % 3000) * interval '1 second' END,
       h3 % 5000,
       CASE WHEN status = 'failed' THEN 1 + h3 % 50 ELSE 0 END,
       CASE WHEN status = 'failed' THEN 'job exceeded max runtime of 3600s' END,
       started_at
FROM (SELECT i, h2, h3,
             CASE WHEN h1 % 100 < 50 THEN 1 + (h1 / 100) % 5 ELSE 6 + (h1 / 100) % 35 END AS job_id,
             CASE WHEN i > 99997 THEN 'running'
                  WHEN h2 % 100 < 93 THEN 'succeeded' WHEN h2 % 100 < 98 THEN 'failed' ELSE 'cancelled' END AS status,
             timestamptz '2023-12-01 00:00:00+00' + (i * 628) * interval '1 second' AS started_at
      FROM (SELECT i,
                   (i * 2654435761) % 4294967291 AS h1,
                   (i * 2246822519) % 4294967291 AS h2,
                   (i * 3266489917) % 4294967291 AS h3
            FROM generate_series(1::bigint, 100000) AS i) h) s;

INSERT INTO records (id, job_id, source, external_id, payload, status, attempts, last_error, locked_by,
                     locked_at, created_at, updated_at)
SELECT i, job_id, source, external_id,
       ('{"account": "' || external_id || '", "balance": ' || ((h4 % 10000000) / 100.0 - 20000)::numeric(12,2)
        || ', "currency": "' || CASE WHEN h4 % 10 = 0 THEN 'USD' ELSE 'EUR' END
        || '", "attrs": {"tier": "' || (ARRAY['bronze','silver','gold','platinum'])[1 + h3 % 4]
        || '", "region": "' || (ARRAY['eu-central','eu-west','us-east'])[1 + h4 % 3] || '"}}')::jsonb,
       status,
       CASE status WHEN 'pending' THEN 0 WHEN 'processing' THEN 1
                   WHEN 'failed' THEN CASE WHEN i > 1185000 THEN 1 + h3 % 4 ELSE 5 END
                   ELSE CASE WHEN h3 % 20 = 0 THEN 2 ELSE 1 END END,
       CASE WHEN status = 'failed' THEN
            (ARRAY['timeout after 30s calling https://api.crm.example/v2/accounts',
                   'HTTP 429 Too Many Requests', 'deadlock detected while updating account_balances',
                   'validation failed: currency must be ISO 4217'])[1 + h3 % 4] END,
       CASE WHEN status = 'processing' THEN 'worker-' || (h3 % 8) END,
       CASE WHEN status = 'processing' THEN created_at + interval '1 minute' END,
       created_at,
       CASE WHEN status IN ('pending', 'processing') THEN created_at
            ELSE created_at + (60 + h3 % 7200) * interval '1 second' END
FROM (SELECT i, h3, h4, job_id,
             (ARRAY['crm','erp','billing','shop'])[1 + (job_id - 1) % 4] AS source,
             upper((ARRAY['crm','erp','billing','shop'])[1 + (job_id - 1) % 4]) || '-' || lpad(h5::text, 10, '0') AS external_id,
             CASE WHEN i > 1185000 THEN                       -- the backlog
                       CASE WHEN h2 % 10 < 8 THEN 'pending' WHEN h2 % 10 = 8 THEN 'processing' ELSE 'failed' END
                  WHEN h2 % 1000 < 980 THEN 'done'
                  WHEN h2 % 1000 < 995 THEN 'failed'
                  ELSE 'skipped' END AS status,
             timestamptz '2023-12-01 00:00:00+00' + (i * 52) * interval '1 second' AS created_at
      FROM (SELECT i,
                   (i * 2246822519) % 4294967291 AS h2,
                   (i * 3266489917) % 4294967291 AS h3,
                   (i * 668265263) % 4294967291 AS h4,
                   (i * 374761393) % 4294967291 AS h5,
                   CASE WHEN ((i * 2654435761) % 4294967291) % 100 < 45
                        THEN 1 + (((i * 2654435761) % 4294967291) / 100) % 3
                        ELSE 4 + (((i * 2654435761) % 4294967291) / 100) % 37 END AS job_id
            FROM generate_series(1::bigint, 1200000) AS i) h) s;

-- One balance per 6th record, as last synced by that record.
INSERT INTO account_balances (id, source, external_id, account_name, balance, currency, version, synced_at,
                              created_at, updated_at)
SELECT r.id / 6, r.source, r.external_id,
       (ARRAY['Acme','Globex','Initech','Umbrella','Stark','Wayne','Hooli','Vandelay'])[1 + h % 8]
       || ' ' || (ARRAY['GmbH','AG','Ltd','Inc','SARL'])[1 + (h / 8) % 5] || ' ' || (r.id / 6),
       (h % 10000000) / 100.0 - 20000,
       CASE WHEN h % 10 = 0 THEN 'USD' ELSE 'EUR' END,
       1 + h % 5,
       r.updated_at, r.created_at, r.updated_at
FROM (SELECT r.*, (r.id * 668265263) % 4294967291 AS h FROM records r WHERE r.id % 6 = 0) r;

INSERT INTO audit_log (id, entity_type, entity_id, action, actor, job_run_id, details, created_at)
SELECT i, entity_type,
       CASE entity_type WHEN 'record' THEN 1 + h2 % 1200000
                        WHEN 'account_balance' THEN 1 + h2 % 200000
                        ELSE job_run_id END,
       action, actor, job_run_id,
       action || ' ' || entity_type || ' by ' || actor || ' in ' || (5 + h3 % 900) || ' ms'
       || CASE WHEN action = 'failed' THEN ': ' || (ARRAY['timeout after 30s calling https://api.crm.example/v2/accounts',
               'HTTP 429 Too Many Requests', 'deadlock detected while updating account_balances',
               'validation failed: currency must be ISO 4217'])[1 + (h3 / 4) % 4] ELSE '' END,
       timestamptz '2023-12-01 00:00:00+00' + (i * 125) * interval '1 second'
FROM (SELECT i, h2, h3, entity_type, job_run_id,
             CASE entity_type WHEN 'record' THEN (ARRAY['processed','processed','retried','failed'])[1 + h3 % 4]
                              WHEN 'account_balance' THEN 'upserted'
                              ELSE CASE WHEN h3 % 2 = 0 THEN 'started' ELSE 'finished' END END AS action,
             CASE WHEN entity_type = 'job_run' THEN 'scheduler' ELSE 'worker-' || (h3 % 8) END AS actor
      FROM (SELECT i,
                   (i * 2246822519) % 4294967291 AS h2,
                   (i * 3266489917) % 4294967291 AS h3,
                   1 + (i - 1) / 5 AS job_run_id,
                   CASE WHEN ((i * 2654435761) % 4294967291) % 10 < 7 THEN 'record'
                        WHEN ((i * 2654435761) % 4294967291) % 10 < 9 THEN 'account_balance'
                        ELSE 'job_run' END AS entity_type
            FROM generate_series(1::bigint, 500000) AS i) h) s;

-- Explicit ids were inserted: move the sequences past them, as a real database would be.
SELECT setval(pg_get_serial_sequence('jobs', 'id'), max(id)) FROM jobs;
SELECT setval(pg_get_serial_sequence('job_runs', 'id'), max(id)) FROM job_runs;
SELECT setval(pg_get_serial_sequence('records', 'id'), max(id)) FROM records;
SELECT setval(pg_get_serial_sequence('account_balances', 'id'), max(id)) FROM account_balances;
SELECT setval(pg_get_serial_sequence('audit_log', 'id'), max(id)) FROM audit_log;

-- VACUUM as well as ANALYZE: it sets the visibility map, without which no index-only scan
-- (the fix of the planted missing-covering-index) avoids the heap on a freshly loaded table.
VACUUM (ANALYZE);
-- A second pass: pages still not all-visible after the first one (a concurrent snapshot, such
-- as an autovacuum ANALYZE started during the load, held the xmin horizon back) get it now.
VACUUM;
