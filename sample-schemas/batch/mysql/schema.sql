-- batch: the database of a nightly batch/ETL system (MySQL 8 / MariaDB 10.11, InnoDB).
--
-- The same tables, columns and indexes as ../postgres/schema.sql, in MySQL types. Jobs run on
-- a schedule (job_runs); each job imports rows into `records`, a work queue that workers claim
-- in batches, process, and upsert into `account_balances` (INSERT ... ON DUPLICATE KEY
-- UPDATE); everything is appended to `audit_log`. The planted problems (see ../expected.yml)
-- are deliberate omissions, marked "PLANTED".
--
-- One difference: InnoDB creates an index for every declared FOREIGN KEY that lacks one, so
-- audit_log.job_run_id is a logical foreign key without a constraint (as in many MySQL apps
-- that skip constraints on log tables), and therefore without an index.

CREATE TABLE jobs (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    name         VARCHAR(100) NOT NULL,
    handler      VARCHAR(200) NOT NULL,
    schedule     VARCHAR(50)  NOT NULL,             -- cron expression
    source       VARCHAR(20)  NOT NULL,             -- crm | erp | billing | shop
    is_enabled   BOOLEAN      NOT NULL DEFAULT TRUE,
    max_attempts SMALLINT     NOT NULL DEFAULT 5,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY jobs_name_key (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE job_runs (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    job_id         BIGINT      NOT NULL,
    status         VARCHAR(20) NOT NULL DEFAULT 'running',   -- running | succeeded | failed | cancelled
    worker         VARCHAR(64),
    started_at     DATETIME(6) NOT NULL,
    finished_at    DATETIME(6),
    rows_processed INT         NOT NULL DEFAULT 0,
    rows_failed    INT         NOT NULL DEFAULT 0,
    error          TEXT,
    created_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY job_runs_job_id_started_at_idx (job_id, started_at),
    CONSTRAINT job_runs_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE records (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    job_id      BIGINT      NOT NULL,
    source      VARCHAR(20) NOT NULL,
    external_id VARCHAR(64) NOT NULL,   -- PLANTED full-table-scan: retries look records up by it, no index
    payload     JSON        NOT NULL,
    status      VARCHAR(20) NOT NULL DEFAULT 'pending',    -- pending | processing | done | failed | skipped
    attempts    SMALLINT    NOT NULL DEFAULT 0,
    last_error  TEXT,
    locked_by   VARCHAR(64),
    locked_at   DATETIME(6),
    created_at  DATETIME(6) NOT NULL,
    updated_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- PLANTED missing-composite-index: the workers claim (job_id, status = 'pending') ORDER BY
    -- id, but only job_id is indexed -- each claim wades through a job's finished records.
    -- PLANTED missing-covering-index: the progress poller counts statuses per job through
    -- this index, one clustered-index lookup per record.
    KEY records_job_id_idx (job_id),
    KEY records_updated_at_idx (updated_at),   -- incremental export "changed since"
    CONSTRAINT records_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE account_balances (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    source       VARCHAR(20)   NOT NULL,
    external_id  VARCHAR(64)   NOT NULL,
    account_name VARCHAR(200)  NOT NULL,
    balance      DECIMAL(14,2) NOT NULL,
    currency     CHAR(3)       NOT NULL DEFAULT 'EUR',
    version      INT           NOT NULL DEFAULT 1,
    synced_at    DATETIME(6)   NOT NULL,
    created_at   DATETIME(6)   NOT NULL,
    updated_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    -- The upsert target: INSERT ... ON DUPLICATE KEY UPDATE.
    UNIQUE KEY account_balances_source_external_id_key (source, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    entity_type VARCHAR(40)  NOT NULL,   -- record | account_balance | job_run
    entity_id   BIGINT       NOT NULL,
    action      VARCHAR(40)  NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    -- PLANTED foreign-key-without-index: logical FK to job_runs(id), no constraint (see the
    -- header) and no index; the retention job's lookups by run scan the table.
    job_run_id  BIGINT,
    details     TEXT,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
    -- PLANTED: append-only and write-heavy, so nobody indexed it: lookups by entity are full
    -- scans, and "latest entries" sorts the whole table (no index on created_at).
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
