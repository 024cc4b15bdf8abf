-- Deterministic TPC-H-like data for scripts/bench-tpch, in SQL only (PostgreSQL 15).
--
--   psql -v sf=1 -d tpch -f schema.sql -f gen.sql
--
-- :sf is the scale factor (1 = about 1 GB of data: 10k suppliers, 200k parts, 800k partsupp,
-- 150k customers, 1.5M orders, about 6M lineitems; 0.1 = a tenth). Every value is a hash of the
-- row's key and a per-column salt (hashint8extended), never random(): the same scale factor gives
-- the same database on every run and machine. The value domains and distributions follow the
-- TPC-H specification (clause 4.2.3) closely enough for the optimizer to see the same shape
-- (uniform keys and quantities, dates 1992-01-01..1998-12-31, 25 nations in 5 regions, the
-- specification's name/type/container/segment/priority/shipmode vocabularies, sparse order keys,
-- order status and total price derived from the order's lines, return flag and line status
-- from the dates against 1995-06-17); the comment texts are cut from a fixed word pool rather
-- than produced by the specification's grammar. It is not dbgen output and not a TPC-H result.
--
-- The primary keys are added at the end, after the data (faster than maintaining them while
-- loading); gen.sql leaves no helper objects behind (the gen schema is dropped).
\set ON_ERROR_STOP 1
\if :{?sf}
\else
  \set sf 1
\endif

SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SET synchronous_commit = off;

SELECT greatest(1, round(10000 * :sf))::bigint AS n_supp,
       greatest(1, round(200000 * :sf))::bigint AS n_part,
       greatest(1, round(150000 * :sf))::bigint AS n_cust,
       greatest(1, round(1500000 * :sf))::bigint AS n_orders,
       greatest(1, round(1000 * :sf))::bigint AS n_clerk
\gset

DROP SCHEMA IF EXISTS gen CASCADE;
CREATE SCHEMA gen;

-- A non-negative 63-bit hash of (x, salt): the generator's only source of "randomness".
CREATE FUNCTION gen.h(x bigint, salt bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN hashint8extended(x, salt) & 9223372036854775807;

-- A uniform integer in [lo, hi].
CREATE FUNCTION gen.u(x bigint, salt bigint, lo bigint, hi bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lo + (hashint8extended(x, salt) & 9223372036854775807) % (hi - lo + 1);

-- TPC-H's sparse order keys: only the first 8 of every 32 keys are used (clause 4.2.3).
CREATE FUNCTION gen.orderkey(i bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((i - 1) / 8) * 32 + (i - 1) % 8 + 1;

-- O_ORDERDATE uniform in [STARTDATE, ENDDATE - 151 days] = [1992-01-01, 1998-08-02].
CREATE FUNCTION gen.orderdate(okey bigint) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date '1992-01-01' + gen.u(okey, 101, 0, date '1998-08-02' - date '1992-01-01')::integer;

-- P_RETAILPRICE (clause 4.2.3): (90000 + ((key / 10) mod 20001) + 100 * (key mod 1000)) / 100.
CREATE FUNCTION gen.retailprice(partkey bigint) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000)) / 100.0;

-- The i-th (0..3) supplier of a part (clause 4.2.3, PS_SUPPKEY).
CREATE FUNCTION gen.partsupp(partkey bigint, i bigint, n_supp bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (partkey + i * (n_supp / 4 + (partkey - 1) / n_supp)) % n_supp + 1;

-- Phone numbers: country code (nation key + 10) and three random groups.
CREATE FUNCTION gen.phone(k bigint, salt bigint, nationkey bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (nationkey + 10) || '-' || gen.u(k, salt, 100, 999) || '-' || gen.u(k, salt + 1, 100, 999)
           || '-' || gen.u(k, salt + 2, 1000, 9999);

-- The comment pool: 512 phrases of 100 characters, each a run of words drawn (by hash) from the
-- specification's vocabularies. A comment is a prefix of two phrases joined; '%special%requests%'
-- (Q13) and similar patterns match a few percent. An IMMUTABLE PL/pgSQL function, so the planner
-- folds it into a constant once per statement (a pool read from a table per row, or one long text
-- cut by substr, makes the load many times slower).
CREATE FUNCTION gen.phrases() RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    words CONSTANT text[] := ARRAY[
        'foxes', 'ideas', 'theodolites', 'pinto beans', 'instructions', 'dependencies', 'excuses',
        'platelets', 'asymptotes', 'courts', 'dolphins', 'multipliers', 'sauternes', 'warthogs',
        'frets', 'dinos', 'attainments', 'somas', 'Tiresias', 'patterns', 'forges', 'braids',
        'hockey players', 'frays', 'warhorses', 'dugouts', 'notornis', 'epitaphs', 'pearls', 'tithes',
        'waters', 'orbits', 'gifts', 'sheaves', 'depths', 'sentiments', 'decoys', 'realms', 'pains',
        'grouches', 'escapades', 'packages', 'requests', 'accounts', 'deposits', 'sleep', 'wake',
        'are', 'cajole', 'haggle', 'nag', 'use', 'boost', 'affix', 'detect', 'integrate', 'maintain',
        'nod', 'was', 'lose', 'sublate', 'solve', 'thrash', 'promise', 'engage', 'hinder', 'print',
        'x-ray', 'breach', 'eat', 'grow', 'impress', 'mold', 'poach', 'serve', 'run', 'dazzle',
        'snooze', 'doze', 'unwind', 'kindle', 'play', 'hang', 'believe', 'doubt', 'furious', 'sly',
        'careful', 'blithe', 'quick', 'fluffy', 'slow', 'quiet', 'ruthless', 'thin', 'close',
        'dogged', 'daring', 'brave', 'stealthy', 'permanent', 'enticing', 'idle', 'busy', 'regular',
        'final', 'ironic', 'even', 'bold', 'silent', 'special', 'special requests', 'pending', 'unusual', 'express',
        'sometimes', 'always', 'never', 'furiously', 'slyly', 'carefully', 'blithely', 'quickly',
        'fluffily', 'slowly', 'quietly', 'ruthlessly', 'thinly', 'closely', 'doggedly', 'daringly',
        'bravely', 'stealthily', 'permanently', 'enticingly', 'idly', 'busily', 'regularly',
        'finally', 'ironically', 'evenly', 'boldly', 'silently', 'about', 'above', 'according to',
        'across', 'after', 'against', 'along', 'alongside of', 'among', 'around', 'at', 'atop',
        'before', 'behind', 'beneath', 'beside', 'besides', 'between', 'beyond', 'by', 'despite',
        'during', 'except', 'for', 'from', 'in place of', 'inside', 'instead of', 'into', 'near',
        'of', 'on', 'outside', 'over', 'past', 'since', 'through', 'throughout', 'to', 'toward',
        'under', 'until', 'up', 'upon', 'without', 'with', 'within', 'the', 'the', 'the', 'the'];
    result text[] := '{}';
    phrase text;
    n bigint := 0;
BEGIN
    FOR p IN 1..512 LOOP
        phrase := '';
        WHILE length(phrase) < 100 LOOP
            n := n + 1;
            phrase := phrase || words[1 + (hashint8extended(n, 7) & 9223372036854775807) % cardinality(words)] || ' ';
        END LOOP;
        result := result || left(phrase, 100);
    END LOOP;
    RETURN result;
END
$$;

-- Comment of length lo..hi (hi <= 200) for key k.
CREATE FUNCTION gen.comment(k bigint, salt bigint, lo bigint, hi bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN left((gen.phrases())[1 + gen.h(k, salt) % 512] || (gen.phrases())[1 + gen.h(k, salt + 1) % 512],
                gen.u(k, salt + 2, lo, hi)::integer);

-- region and nation: the specification's fixed 5 and 25 rows (clause 4.2.3).
INSERT INTO region (r_regionkey, r_name, r_comment)
SELECT k - 1, name, gen.comment(k, 11, 31, 115)
FROM unnest(ARRAY['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST']) WITH ORDINALITY AS r(name, k);

INSERT INTO nation (n_nationkey, n_name, n_regionkey, n_comment)
SELECT k - 1, name, regionkey, gen.comment(k, 12, 31, 114)
FROM unnest(ARRAY['ALGERIA', 'ARGENTINA', 'BRAZIL', 'CANADA', 'EGYPT', 'ETHIOPIA', 'FRANCE', 'GERMANY',
                  'INDIA', 'INDONESIA', 'IRAN', 'IRAQ', 'JAPAN', 'JORDAN', 'KENYA', 'MOROCCO',
                  'MOZAMBIQUE', 'PERU', 'CHINA', 'ROMANIA', 'SAUDI ARABIA', 'VIETNAM', 'RUSSIA',
                  'UNITED KINGDOM', 'UNITED STATES'],
            ARRAY[0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1])
     WITH ORDINALITY AS n(name, regionkey, k);

-- part: P_NAME is five of the 92 colour words; brand, type, container from the specification.
INSERT INTO part
SELECT k,
       c.colors[1 + gen.h(k * 8 + 1, 21) % 92] || ' ' || c.colors[1 + gen.h(k * 8 + 2, 21) % 92] || ' ' ||
       c.colors[1 + gen.h(k * 8 + 3, 21) % 92] || ' ' || c.colors[1 + gen.h(k * 8 + 4, 21) % 92] || ' ' ||
       c.colors[1 + gen.h(k * 8 + 5, 21) % 92],
       'Manufacturer#' || m,
       'Brand#' || m || gen.u(k, 22, 1, 5),
       (ARRAY['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'])[gen.u(k, 23, 1, 6)] || ' ' ||
       (ARRAY['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'])[gen.u(k, 24, 1, 5)] || ' ' ||
       (ARRAY['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'])[gen.u(k, 25, 1, 5)],
       gen.u(k, 26, 1, 50),
       (ARRAY['SM', 'LG', 'MED', 'JUMBO', 'WRAP'])[gen.u(k, 27, 1, 5)] || ' ' ||
       (ARRAY['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'])[gen.u(k, 28, 1, 8)],
       gen.retailprice(k),
       gen.comment(k, 29, 5, 22)
FROM generate_series(1, :n_part) AS k,
     LATERAL (SELECT gen.u(k, 20, 1, 5) AS m) AS mf,
     (SELECT ARRAY[
        'almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched', 'blue',
        'blush', 'brown', 'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral',
        'cornflower', 'cornsilk', 'cream', 'cyan', 'dark', 'deep', 'dim', 'dodger', 'drab',
        'firebrick', 'floral', 'forest', 'frosted', 'gainsboro', 'ghost', 'goldenrod', 'green',
        'grey', 'honeydew', 'hot', 'indian', 'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon',
        'light', 'lime', 'linen', 'magenta', 'maroon', 'medium', 'metallic', 'midnight', 'mint',
        'misty', 'moccasin', 'navajo', 'navy', 'olive', 'orange', 'orchid', 'pale', 'papaya',
        'peach', 'peru', 'pink', 'plum', 'powder', 'puff', 'purple', 'red', 'rose', 'rosy', 'royal',
        'saddle', 'salmon', 'sandy', 'seashell', 'sienna', 'sky', 'slate', 'smoke', 'snow', 'spring',
        'steel', 'tan', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat', 'white', 'yellow'
      ] AS colors) AS c;

-- supplier: 5 in 10,000 comments carry "Customer ... Complaints" and 5 "Customer ... Recommends"
-- (clause 4.2.3; Q16 filters the first).
INSERT INTO supplier
SELECT k,
       'Supplier#' || lpad(k::text, 9, '0'),
       substr(md5(k::text || 'sa'), 1, gen.u(k, 31, 10, 32)::integer),
       nk,
       gen.phone(k, 33, nk),
       gen.u(k, 36, -99999, 999999) / 100.0,
       CASE
           WHEN gen.h(k, 37) % 10000 < 5 THEN gen.comment(k, 38, 5, 20) || ' Customer ' || gen.comment(k, 45, 5, 20) || ' Complaints'
           WHEN gen.h(k, 37) % 10000 < 10 THEN gen.comment(k, 38, 5, 20) || ' Customer ' || gen.comment(k, 45, 5, 20) || ' Recommends'
           ELSE gen.comment(k, 38, 25, 100)
       END
FROM generate_series(1, :n_supp) AS k,
     LATERAL (SELECT gen.u(k, 32, 0, 24) AS nk) AS n;

-- partsupp: four suppliers per part.
INSERT INTO partsupp
SELECT p, gen.partsupp(p, i, :n_supp),
       gen.u(p * 4 + i, 41, 1, 9999),
       gen.u(p * 4 + i, 42, 100, 100000) / 100.0,
       gen.comment(p * 4 + i, 43, 49, 198)
FROM generate_series(1, :n_part) AS p, generate_series(0, 3) AS i;

-- customer
INSERT INTO customer
SELECT k,
       'Customer#' || lpad(k::text, 9, '0'),
       substr(md5(k::text || 'ca'), 1, gen.u(k, 51, 10, 32)::integer),
       nk,
       gen.phone(k, 53, nk),
       gen.u(k, 56, -99999, 999999) / 100.0,
       (ARRAY['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'])[gen.u(k, 57, 1, 5)],
       gen.comment(k, 58, 29, 116)
FROM generate_series(1, :n_cust) AS k,
     LATERAL (SELECT gen.u(k, 52, 0, 24) AS nk) AS n;

-- lineitem before orders: an order's status and total price are derived from its lines. Lines
-- per order 1..7; L_SUPPKEY is one of the part's four partsupp suppliers; dates from the order
-- date; CURRENTDATE = 1995-06-17 decides the return flag and line status (clause 4.2.3).
INSERT INTO lineitem
SELECT okey, partkey, gen.partsupp(partkey, gen.u(k, 62, 0, 3), :n_supp), ln,
       qty, qty * gen.retailprice(partkey),
       gen.u(k, 64, 0, 10) / 100.0,
       gen.u(k, 65, 0, 8) / 100.0,
       CASE WHEN receiptdate <= date '1995-06-17' THEN (ARRAY['R', 'A'])[gen.u(k, 66, 1, 2)] ELSE 'N' END,
       CASE WHEN shipdate > date '1995-06-17' THEN 'O' ELSE 'F' END,
       shipdate,
       odate + gen.u(k, 67, 30, 90)::integer,
       receiptdate,
       (ARRAY['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'])[gen.u(k, 68, 1, 4)],
       (ARRAY['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'])[gen.u(k, 69, 1, 7)],
       gen.comment(k, 73, 10, 43)
FROM generate_series(1, :n_orders) AS i,
     LATERAL (SELECT gen.orderkey(i) AS okey) AS o,
     LATERAL (SELECT gen.orderdate(okey) AS odate) AS d,
     LATERAL generate_series(1, gen.u(okey, 60, 1, 7)::integer) AS ln,
     LATERAL (SELECT okey * 8 + ln AS k) AS lk,
     LATERAL (SELECT gen.u(k, 61, 1, :n_part) AS partkey, gen.u(k, 63, 1, 50) AS qty,
                     odate + gen.u(k, 71, 1, 121)::integer AS shipdate) AS l,
     LATERAL (SELECT shipdate + gen.u(k, 72, 1, 30)::integer AS receiptdate) AS r;

-- orders: customers with a key divisible by 3 place no order (clause 4.2.3); status F/O when
-- all lines are F/O, else P; total price = sum(extendedprice * (1 + tax) * (1 - discount)).
INSERT INTO orders
SELECT a.l_orderkey,
       CASE WHEN c % 3 <> 0 THEN c WHEN c < :n_cust THEN c + 1 ELSE c - 1 END,
       CASE WHEN a.all_f THEN 'F' WHEN a.all_o THEN 'O' ELSE 'P' END,
       a.total,
       gen.orderdate(a.l_orderkey),
       (ARRAY['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'])[gen.u(a.l_orderkey, 82, 1, 5)],
       'Clerk#' || lpad(gen.u(a.l_orderkey, 83, 1, :n_clerk)::text, 9, '0'),
       0,
       gen.comment(a.l_orderkey, 84, 19, 78)
FROM (SELECT l_orderkey,
             sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)) AS total,
             bool_and(l_linestatus = 'F') AS all_f,
             bool_and(l_linestatus = 'O') AS all_o
      FROM lineitem GROUP BY l_orderkey) AS a,
     LATERAL (SELECT gen.u(a.l_orderkey, 81, 1, :n_cust) AS c) AS oc
ORDER BY a.l_orderkey;

-- Primary keys only (no secondary index, no foreign key): the starting point of the
-- index-selection studies.
ALTER TABLE region   ADD PRIMARY KEY (r_regionkey);
ALTER TABLE nation   ADD PRIMARY KEY (n_nationkey);
ALTER TABLE part     ADD PRIMARY KEY (p_partkey);
ALTER TABLE supplier ADD PRIMARY KEY (s_suppkey);
ALTER TABLE partsupp ADD PRIMARY KEY (ps_partkey, ps_suppkey);
ALTER TABLE customer ADD PRIMARY KEY (c_custkey);
ALTER TABLE orders   ADD PRIMARY KEY (o_orderkey);
ALTER TABLE lineitem ADD PRIMARY KEY (l_orderkey, l_linenumber);

DROP SCHEMA gen CASCADE;
