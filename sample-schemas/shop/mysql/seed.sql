-- shop seed data (MariaDB 10.11): deterministic, about 2.1 M rows.
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

INSERT INTO customers (id, email, first_name, last_name, phone, country_code, marketing_opt_in,
                       is_active, last_login_at, created_at, updated_at)
SELECT i,
       CASE WHEN i <= 20 THEN CONCAT('purchasing', i, '@', LOWER(ln), '-trading.example')
            ELSE CONCAT(LOWER(fn), '.', LOWER(ln), i, '@',
                        ELT(1 + h3 % 8, 'gmail.com','gmail.com','gmail.com','web.de','gmx.de','outlook.com','yahoo.com','icloud.com'))
       END,
       fn, ln,
       CONCAT('+49', LPAD(h2, 10, '0')),
       ELT(1 + (h3 DIV 8) % 10, 'DE','DE','DE','DE','FR','FR','NL','AT','US','GB'),
       h2 % 3 = 0,
       h2 % 50 <> 0,
       GREATEST(ts, TIMESTAMP'2025-12-01 00:00:00' - INTERVAL (h1 % 8000000) SECOND),
       ts, ts
FROM (SELECT seq AS i,
             (seq * 2654435761) % 4294967291 AS h1,
             (seq * 2246822519) % 4294967291 AS h2,
             (seq * 3266489917) % 4294967291 AS h3,
             ELT(1 + ((seq * 2654435761) % 4294967291) % 20,
                 'Anna','Ben','Clara','David','Emma','Felix','Greta','Hannah','Jonas','Lena',
                 'Lukas','Marie','Noah','Paul','Sophie','Tim','Julia','Max','Laura','Elias') AS fn,
             ELT(1 + ((seq * 2246822519) % 4294967291) % 25,
                 'Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann',
                 'Koch','Richter','Klein','Wolf','Neumann','Schwarz','Braun','Zimmermann','Krüger','Hartmann',
                 'Lange','Werner','Krause','Lehmann','Köhler') AS ln,
             TIMESTAMP'2023-12-01 00:00:00' + INTERVAL (seq * 630) SECOND AS ts
      FROM seq_1_to_100000) s;

INSERT INTO addresses (id, customer_id, kind, recipient, line1, line2, postal_code, city, country_code,
                       is_default, created_at, updated_at)
SELECT a.id, a.customer_id, a.kind,
       CONCAT(a.first_name, ' ', a.last_name),
       CONCAT(ELT(1 + a.h1 % 10, 'Hauptstraße','Bahnhofstraße','Gartenweg','Schillerstraße','Goethestraße',
                  'Lindenallee','Bergstraße','Kirchplatz','Am Markt','Rosenweg'), ' ', 1 + a.h2 % 180),
       CASE WHEN a.h1 % 7 = 0 THEN CONCAT('c/o ', a.last_name) END,
       LPAD(1000 + a.h2 % 98000, 5, '0'),
       ELT(1 + a.h2 % 10, 'Berlin','Hamburg','München','Köln','Frankfurt','Stuttgart','Leipzig','Dresden','Bremen','Hannover'),
       a.country_code,
       a.kind = 'shipping',
       a.created_at, a.created_at
FROM (SELECT b.*, (b.id * 2654435761) % 4294967291 AS h1, (b.id * 2246822519) % 4294967291 AS h2
      FROM (-- every customer's default address has the customer's id; even customers also have
            -- a billing address 100000 + id/2 that no order references
            SELECT c.id AS id, c.id AS customer_id, 'shipping' AS kind, c.first_name, c.last_name, c.country_code, c.created_at
            FROM customers c
            UNION ALL
            SELECT 100000 + c.id DIV 2, c.id, 'billing', c.first_name, c.last_name, c.country_code, c.created_at
            FROM customers c WHERE c.id % 2 = 0) b) a;

-- 10 top-level categories, 50 subcategories.
INSERT INTO categories (id, parent_id, name, slug, position, created_at, updated_at)
SELECT seq, NULL, name, LOWER(REPLACE(REPLACE(name, ' & ', '-'), ' ', '-')), seq,
       TIMESTAMP'2023-11-15 09:00:00', TIMESTAMP'2023-11-15 09:00:00'
FROM (SELECT seq, ELT(seq, 'Electronics','Home & Kitchen','Fashion','Sports','Toys','Books','Beauty','Garden',
                           'Automotive','Office') AS name
      FROM seq_1_to_10) t;
INSERT INTO categories (id, parent_id, name, slug, position, created_at, updated_at)
SELECT s.i, p.id, s.sub, CONCAT(p.slug, '-', LOWER(REPLACE(s.sub, ' ', '-'))), (s.i - 11) DIV 10,
       TIMESTAMP'2023-11-15 09:00:00', TIMESTAMP'2023-11-15 09:00:00'
FROM (SELECT seq AS i, 1 + (seq - 11) % 10 AS parent_id,
             ELT(1 + (seq - 11) DIV 10, 'Accessories','Bestsellers','Deals','New Arrivals','Premium') AS sub
      FROM seq_11_to_60) s
JOIN categories p ON p.id = s.parent_id;

INSERT INTO products (id, category_id, sku, name, description, price, status, stock, created_at, updated_at)
SELECT i, 11 + h1 % 50,
       CONCAT('SKU-', LPAD(i, 6, '0')),
       name,
       CONCAT('The ', name, ' comes with a two-year warranty and free returns within 30 days.'),
       (199 + h2 % 49800) / 100,
       CASE WHEN h3 % 20 = 0 THEN 'archived' ELSE 'active' END,
       h3 % 500,
       ts, ts + INTERVAL (h3 % 5000000) SECOND
FROM (SELECT seq AS i,
             (seq * 2654435761) % 4294967291 AS h1,
             (seq * 2246822519) % 4294967291 AS h2,
             (seq * 3266489917) % 4294967291 AS h3,
             CONCAT(ELT(1 + ((seq * 668265263) % 4294967291) % 10,
                        'Wireless','Compact','Pro','Classic','Smart','Ultra','Eco','Deluxe','Mini','Portable'),
                    ' ',
                    ELT(1 + ((seq * 374761393) % 4294967291) % 20,
                        'Headphones','Speaker','Kettle','Backpack','Lamp','Keyboard','Mouse','Blender','Jacket','Watch',
                        'Camera','Charger','Tent','Bottle','Chair','Desk','Drill','Toaster','Monitor','Router'),
                    ' ', 100 + seq % 900) AS name,
             TIMESTAMP'2023-11-20 00:00:00' + INTERVAL (seq * 3000) SECOND AS ts
      FROM seq_1_to_20000) s;

INSERT INTO orders (id, customer_id, shipping_address_id, status, currency, subtotal, shipping_fee, total,
                    tracking_number, notes, created_at, updated_at)
SELECT i, customer_id, customer_id, status,
       CASE WHEN h4 % 10 = 0 THEN 'USD' ELSE 'EUR' END,
       subtotal,
       CASE WHEN subtotal >= 50 THEN 0 ELSE 4.95 END,
       subtotal + CASE WHEN subtotal >= 50 THEN 0 ELSE 4.95 END,
       CASE WHEN status IN ('shipped', 'delivered', 'refunded') THEN CONCAT('JJD', LPAD(h4, 10, '0')) END,
       CASE WHEN h1 % 50 = 0 THEN 'Please leave the parcel with a neighbour.' END,
       created_at,
       created_at + INTERVAL (h4 % 864000) SECOND
FROM (SELECT i, h1, h4,
             CASE WHEN i % 10 = 0 THEN 1 + h1 % 20                  -- 10 %: 20 B2B accounts
                  WHEN i % 10 IN (1, 2) THEN 21 + h1 % 1980          -- 20 %: regulars
                  ELSE 1 + h1 % 100000 END AS customer_id,           -- 70 %: everybody
             CASE WHEN h2 % 100 < 84 THEN CASE WHEN i > 398000 THEN 'shipped' ELSE 'delivered' END
                  WHEN h2 % 100 < 88 THEN 'shipped'
                  WHEN h2 % 100 < 92 THEN 'cancelled'
                  WHEN h2 % 100 < 93 THEN 'refunded'
                  WHEN h2 % 100 < 97 THEN 'paid'
                  ELSE 'pending' END AS status,
             (500 + h3 % 40000) / 100 AS subtotal,
             TIMESTAMP'2023-12-01 00:00:00' + INTERVAL (i * 157 + h3 % 120) SECOND AS created_at
      FROM (SELECT seq AS i,
                   (seq * 2654435761) % 4294967291 AS h1,
                   (seq * 2246822519) % 4294967291 AS h2,
                   (seq * 3266489917) % 4294967291 AS h3,
                   (seq * 668265263) % 4294967291 AS h4
            FROM seq_1_to_400000) h) s;

INSERT INTO order_items (id, order_id, product_id, quantity, unit_price, created_at, updated_at)
SELECT j, order_id,
       CASE WHEN h1 % 100 < 20 THEN 1 + (h1 DIV 100) % 50 ELSE 1 + (h1 DIV 100) % 20000 END,
       CASE WHEN h2 % 10 < 7 THEN 1 WHEN h2 % 10 < 9 THEN 2 ELSE 3 + (h2 DIV 10) % 3 END,
       (199 + h2 % 20000) / 100,
       created_at, created_at
FROM (SELECT (o.id - 1) * 5 + n.seq AS j, o.id AS order_id, o.created_at,
             (((o.id - 1) * 5 + n.seq) * 2654435761) % 4294967291 AS h1,
             (((o.id - 1) * 5 + n.seq) * 2246822519) % 4294967291 AS h2
      FROM orders o
      JOIN seq_1_to_5 n ON n.seq <= 1 + ((o.id * 374761393) % 4294967291) % 5) s;

INSERT INTO reviews (id, product_id, customer_id, rating, title, body, status, created_at, updated_at)
SELECT i,
       CASE WHEN h1 % 100 < 40 THEN 1 + (h1 DIV 100) % 20 ELSE 1 + (h1 DIV 100) % 20000 END,
       1 + h2 % 100000,
       rating,
       ELT(rating, 'Terrible','Disappointing','It is okay','Very good','Excellent, would buy again'),
       CONCAT(ELT(rating,
                  'Arrived two days late and the box was damaged.',
                  'Does what the description says, nothing more.',
                  'Good build quality for the price, setup took five minutes.',
                  'I have been using it daily for three months now without any issues.',
                  'Bought a second one as a gift, the whole family loves it.'),
              ' ',
              ELT(1 + h3 % 6, 'Delivery was quick.', 'Customer service answered within a day.',
                  'The manual could be clearer.', 'Packaging was mostly recyclable.',
                  'Colour is slightly different from the photos.', 'Would recommend to friends.'),
              ' Order reference ', LPAD(h2, 10, '0'), '.'),
       CASE WHEN h3 % 100 < 97 THEN 'published' WHEN h3 % 100 < 99 THEN 'pending' ELSE 'rejected' END,
       ts, ts
FROM (SELECT i, h1, h2, h3,
             CASE WHEN h3 % 100 < 55 THEN 5 WHEN h3 % 100 < 80 THEN 4 WHEN h3 % 100 < 90 THEN 3
                  WHEN h3 % 100 < 95 THEN 2 ELSE 1 END AS rating,
             TIMESTAMP'2023-12-01 00:00:00' + INTERVAL (i * 315) SECOND AS ts
      FROM (SELECT seq AS i,
                   (seq * 2654435761) % 4294967291 AS h1,
                   (seq * 2246822519) % 4294967291 AS h2,
                   (seq * 3266489917) % 4294967291 AS h3
            FROM seq_1_to_200000) h) s;

SET SESSION foreign_key_checks = 1;
SET SESSION unique_checks = 1;

-- Engine-independent statistics (histograms in mysql.column_stats) for every column and index.
ANALYZE TABLE customers, addresses, categories, products, orders, order_items, reviews PERSISTENT FOR ALL;
