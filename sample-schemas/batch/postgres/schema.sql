-- batch: the database of a nightly batch/ETL system (PostgreSQL 15).
--
-- Jobs run on a schedule (job_runs); each job imports rows into `records`, a work queue that
-- workers claim in batches, process, and upsert into `account_balances`; everything that
-- happens is appended to `audit_log`. This is the kind of system whose nightly run starts to
-- time out as the tables grow. Indexes are the ones the ORM migrations created; the planted
-- problems (see ../expected.yml) are deliberate omissions, marked "PLANTED".

CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
CREATE EXTENSION IF NOT EXISTS hypopg;

CREATE TABLE jobs (
    id           bigserial    PRIMARY KEY,
    name         varchar(100) NOT NULL,
    handler      varchar(200) NOT NULL,
    schedule     varchar(50)  NOT NULL,             -- cron expression
    source       varchar(20)  NOT NULL,             -- crm | erp | billing | shop
    is_enabled   boolean      NOT NULL DEFAULT true,
    max_attempts smallint     NOT NULL DEFAULT 5,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX jobs_name_key ON jobs (name);

CREATE TABLE job_runs (
    id             bigserial   PRIMARY KEY,
    job_id         bigint      NOT NULL REFERENCES jobs (id),
    status         varchar(20) NOT NULL DEFAULT 'running',   -- running | succeeded | failed | cancelled
    worker         varchar(64),
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    rows_processed integer     NOT NULL DEFAULT 0,
    rows_failed    integer     NOT NULL DEFAULT 0,
    error          text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_runs_job_id_started_at_idx ON job_runs (job_id, started_at);

CREATE TABLE records (
    id          bigserial   PRIMARY KEY,
    job_id      bigint      NOT NULL REFERENCES jobs (id),
    source      varchar(20) NOT NULL,
    external_id varchar(64) NOT NULL,   -- PLANTED full-table-scan: retries look records up by it, no index
    payload     jsonb       NOT NULL,
    status      varchar(20) NOT NULL DEFAULT 'pending',    -- pending | processing | done | failed | skipped
    attempts    smallint    NOT NULL DEFAULT 0,
    last_error  text,
    locked_by   varchar(64),
    locked_at   timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
-- PLANTED missing-composite-index: the workers claim (job_id, status = 'pending') ORDER BY id,
-- but only job_id is indexed -- each claim wades through a job's 180 000 finished records.
-- PLANTED missing-covering-index: the progress poller counts statuses per job through this
-- index, one heap fetch per record.
CREATE INDEX records_job_id_idx ON records (job_id);
CREATE INDEX records_updated_at_idx ON records (updated_at);   -- incremental export "changed since"

CREATE TABLE account_balances (
    id           bigserial     PRIMARY KEY,
    source       varchar(20)   NOT NULL,
    external_id  varchar(64)   NOT NULL,
    account_name varchar(200)  NOT NULL,
    balance      numeric(14,2) NOT NULL,
    currency     char(3)       NOT NULL DEFAULT 'EUR',
    version      integer       NOT NULL DEFAULT 1,
    synced_at    timestamptz   NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now()
);
-- The upsert target: INSERT ... ON CONFLICT (source, external_id) DO UPDATE.
CREATE UNIQUE INDEX account_balances_source_external_id_key ON account_balances (source, external_id);

CREATE TABLE audit_log (
    id          bigserial   PRIMARY KEY,
    entity_type varchar(40) NOT NULL,   -- record | account_balance | job_run
    entity_id   bigint      NOT NULL,
    action      varchar(40) NOT NULL,
    actor       varchar(100) NOT NULL,
    -- PLANTED foreign-key-without-index: declared, never indexed; the retention job's
    -- DELETE FROM job_runs makes PostgreSQL scan audit_log once per deleted run.
    job_run_id  bigint      REFERENCES job_runs (id),
    details     text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- PLANTED: append-only and write-heavy, so nobody indexed it: lookups by entity are full scans,
-- and "latest entries" sorts the whole table (no index on created_at).
