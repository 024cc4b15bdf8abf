-- TPC-H-like schema for the index advisor benchmark (scripts/bench-tpch), PostgreSQL 15.
--
-- The eight tables of the TPC-H specification (TPC Benchmark H, clause 1.4) with its column names,
-- types and primary keys. Like the index-selection studies we compare with (Kossmann et al.,
-- "Magic mirror in my hand, which is the best in the land? An Experimental Evaluation of Index
-- Selection Algorithms", PVLDB 13(11), 2020; github.com/hyrise/index_selection_evaluation), the
-- database starts with primary keys only: no secondary index and no foreign-key constraint (a
-- foreign key would add nothing to the plans and slow the load), so every secondary index is the
-- advisor's to find.
--
-- Loaded into a database of its own (`tpch`), after which gen.sql fills it and adds the primary
-- keys (marked below; building them after the load is faster than maintaining them during it).

CREATE EXTENSION IF NOT EXISTS hypopg;

CREATE TABLE region (
    r_regionkey integer     NOT NULL,
    r_name      char(25)    NOT NULL,
    r_comment   varchar(152)
    -- PRIMARY KEY (r_regionkey): added by gen.sql after the load
);

CREATE TABLE nation (
    n_nationkey integer     NOT NULL,
    n_name      char(25)    NOT NULL,
    n_regionkey integer     NOT NULL,  -- references region
    n_comment   varchar(152)
    -- PRIMARY KEY (n_nationkey): added by gen.sql after the load
);

CREATE TABLE part (
    p_partkey     integer       NOT NULL,
    p_name        varchar(55)   NOT NULL,
    p_mfgr        char(25)      NOT NULL,
    p_brand       char(10)      NOT NULL,
    p_type        varchar(25)   NOT NULL,
    p_size        integer       NOT NULL,
    p_container   char(10)      NOT NULL,
    p_retailprice numeric(15,2) NOT NULL,
    p_comment     varchar(23)   NOT NULL
    -- PRIMARY KEY (p_partkey): added by gen.sql after the load
);

CREATE TABLE supplier (
    s_suppkey   integer       NOT NULL,
    s_name      char(25)      NOT NULL,
    s_address   varchar(40)   NOT NULL,
    s_nationkey integer       NOT NULL,  -- references nation
    s_phone     char(15)      NOT NULL,
    s_acctbal   numeric(15,2) NOT NULL,
    s_comment   varchar(101)  NOT NULL
    -- PRIMARY KEY (s_suppkey): added by gen.sql after the load
);

CREATE TABLE partsupp (
    ps_partkey    integer       NOT NULL,  -- references part
    ps_suppkey    integer       NOT NULL,  -- references supplier
    ps_availqty   integer       NOT NULL,
    ps_supplycost numeric(15,2) NOT NULL,
    ps_comment    varchar(199)  NOT NULL
    -- PRIMARY KEY (ps_partkey, ps_suppkey): added by gen.sql after the load
);

CREATE TABLE customer (
    c_custkey    integer       NOT NULL,
    c_name       varchar(25)   NOT NULL,
    c_address    varchar(40)   NOT NULL,
    c_nationkey  integer       NOT NULL,  -- references nation
    c_phone      char(15)      NOT NULL,
    c_acctbal    numeric(15,2) NOT NULL,
    c_mktsegment char(10)      NOT NULL,
    c_comment    varchar(117)  NOT NULL
    -- PRIMARY KEY (c_custkey): added by gen.sql after the load
);

CREATE TABLE orders (
    o_orderkey      integer       NOT NULL,
    o_custkey       integer       NOT NULL,  -- references customer
    o_orderstatus   char(1)       NOT NULL,
    o_totalprice    numeric(15,2) NOT NULL,
    o_orderdate     date          NOT NULL,
    o_orderpriority char(15)      NOT NULL,
    o_clerk         char(15)      NOT NULL,
    o_shippriority  integer       NOT NULL,
    o_comment       varchar(79)   NOT NULL
    -- PRIMARY KEY (o_orderkey): added by gen.sql after the load
);

CREATE TABLE lineitem (
    l_orderkey      integer       NOT NULL,  -- references orders
    l_partkey       integer       NOT NULL,  -- with l_suppkey references partsupp
    l_suppkey       integer       NOT NULL,
    l_linenumber    integer       NOT NULL,
    l_quantity      numeric(15,2) NOT NULL,
    l_extendedprice numeric(15,2) NOT NULL,
    l_discount      numeric(15,2) NOT NULL,
    l_tax           numeric(15,2) NOT NULL,
    l_returnflag    char(1)       NOT NULL,
    l_linestatus    char(1)       NOT NULL,
    l_shipdate      date          NOT NULL,
    l_commitdate    date          NOT NULL,
    l_receiptdate   date          NOT NULL,
    l_shipinstruct  char(25)      NOT NULL,
    l_shipmode      char(10)      NOT NULL,
    l_comment       varchar(44)   NOT NULL
    -- PRIMARY KEY (l_orderkey, l_linenumber): added by gen.sql after the load
);
