-- shop seed data (PostgreSQL): deterministic, about 2.1 M rows.
--
-- No random(): every "random" value comes from a multiplicative hash of the row number,
--   h(i) = (i * M) % 4294967291        (4294967291 is prime, so h is a bijection on 1..N)
-- with a different odd multiplier M per column. The MariaDB seed uses the same formulas,
-- so both engines hold identical rows (the N+1 loop ids in workload.sql rely on that).
--
-- Distributions (dataset "now" is 2025-12-01, history starts 2023-12-01):
--   customers 100 000   ids 1..20 are B2B accounts with ~2 000 orders each (hot customers),
--                       ids 21..2000 regulars with ~40 orders, the rest the long tail
--   addresses 150 000   address id = customer id is the default one; 100001.. are second
--                       (billing) addresses that no order references
--   categories 60, products 20 000 (products 1..50 are bestsellers)
--   orders 400 000      one every ~157 s, ids and created_at increase together; status
--                       mostly 'delivered', 3 % 'pending'
--   order_items ~1.2 M  1..5 per order (id = (order_id-1)*5 + line, so ids have gaps)
--   reviews 200 000     40 % of them on products 1..20

SET client_min_messages = warning;
-- Bulk load: skip the per-row foreign-key triggers (the generated data is consistent by
-- construction). Needs superuser, which the loader is; ordinary sessions are unaffected.
SET session_replication_role = replica;

INSERT INTO customers (id, email, first_name, last_name, phone, country_code, marketing_opt_in,
                       is_active, last_login_at, created_at, updated_at)
SELECT i,
       CASE WHEN i <= 20 THEN 'purchasing' || i || '@' || lower(ln) || '-trading.example'
            ELSE lower(fn) || '.' || lower(ln) || i || '@' ||
                 (ARRAY['gmail.com','gmail.com','gmail.com','web.de','gmx.de','outlook.com','yahoo.com','icloud.com'])[1 + h3 % 8]
       END,
       fn, ln,
       '+49' || lpad(h2::text, 10, '0'),
       (ARRAY['DE','DE','DE','DE','FR','FR','NL','AT','US','GB'])[1 + (h3 / 8) % 10],
       h2 % 3 = 0,
       h2 % 50 <> 0,
       greatest(ts, timestamptz '2025-12-01 00:00:00+00' - (h1 % 8000000) * interval '1 second'),
       ts, ts
FROM (SELECT i,
             (i * 2654435761) % 4294967291 AS h1,
             (i * 2246822519) % 4294967291 AS h2,
             (i * 3266489917) % 4294967291 AS h3,
             (ARRAY['Anna','Ben','Clara','David','Emma','Felix','Greta','Hannah','Jonas','Lena',
                    'Lukas','Marie','Noah','Paul','Sophie','Tim','Julia','Max','Laura','Elias'])[1 + ((i * 2654435761) % 4294967291) % 20] AS fn,
             (ARRAY['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz','Hoffmann',
                    'Koch','Richter','Klein','Wolf','Neumann','Schwarz','Braun','Zimmermann','Krüger','Hartmann',
                    'Lange','Werner','Krause','Lehmann','Köhler'])[1 + ((i * 2246822519) % 4294967291) % 25] AS ln,
             timestamptz '2023-12-01 00:00:00+00' + (i * 630) * interval '1 second' AS ts
      FROM generate_series(1::bigint, 100000) AS i) s;

INSERT INTO addresses (id, customer_id, kind, recipient, line1, line2, postal_code, city, country_code,
                       is_default, created_at, updated_at)
SELECT a.id, a.customer_id, a.kind,
       a.first_name || ' ' || a.last_name,
       (ARRAY['Hauptstraße','Bahnhofstraße','Gartenweg','Schillerstraße','Goethestraße','Lindenallee',
              'Bergstraße','Kirchplatz','Am Markt','Rosenweg'])[1 + a.h1 % 10] || ' ' || (1 + a.h2 % 180),
       CASE WHEN a.h1 % 7 = 0 THEN 'c/o ' || a.last_name END,
       lpad((1000 + a.h2 % 98000)::text, 5, '0'),
       (ARRAY['Berlin','Hamburg','München','Köln','Frankfurt','Stuttgart','Leipzig','Dresden','Bremen','Hannover'])[1 + a.h2 % 10],
       a.country_code,
       a.kind = 'shipping',
       a.created_at, a.created_at
FROM (SELECT b.*, (b.id * 2654435761) % 4294967291 AS h1, (b.id * 2246822519) % 4294967291 AS h2
      FROM (-- every customer's default address has the customer's id; even customers also have
            -- a billing address 100000 + id/2 that no order references
            SELECT c.id AS id, c.id AS customer_id, 'shipping' AS kind, c.first_name, c.last_name, c.country_code, c.created_at
            FROM customers c
            UNION ALL
            SELECT 100000 + c.id / 2, c.id, 'billing', c.first_name, c.last_name, c.country_code, c.created_at
            FROM customers c WHERE c.id % 2 = 0) b) a;

-- 10 top-level categories, 50 subcategories.
INSERT INTO categories (id, parent_id, name, slug, position, created_at, updated_at)
SELECT i, NULL, t.name, lower(replace(replace(t.name, ' & ', '-'), ' ', '-')), i,
       timestamptz '2023-11-15 09:00:00+00', timestamptz '2023-11-15 09:00:00+00'
FROM unnest(ARRAY['Electronics','Home & Kitchen','Fashion','Sports','Toys','Books','Beauty','Garden',
                  'Automotive','Office']) WITH ORDINALITY AS t(name, i);
INSERT INTO categories (id, parent_id, name, slug, position, created_at, updated_at)
SELECT i, p.id, sub, p.slug || '-' || lower(replace(sub, ' ', '-')), (i - 11) / 10,
       timestamptz '2023-11-15 09:00:00+00', timestamptz '2023-11-15 09:00:00+00'
FROM (SELECT i, 1 + (i - 11) % 10 AS parent_id,
             (ARRAY['Accessories','Bestsellers','Deals','New Arrivals','Premium'])[1 + (i - 11) / 10] AS sub
      FROM generate_series(11::bigint, 60) AS i) s
JOIN categories p ON p.id = s.parent_id;

INSERT INTO products (id, category_id, sku, name, description, price, status, stock, created_at, updated_at)
SELECT i, 11 + h1 % 50,
       'SKU-' || lpad(i::text, 6, '0'),
       name,
       'The ' || name || ' comes with a two-year warranty and free returns within 30 days.',
       (199 + h2 % 49800) / 100.0,
       CASE WHEN h3 % 20 = 0 THEN 'archived' ELSE 'active' END,
       h3 % 500,
       ts, ts + (h3 % 5000000) * interval '1 second'
FROM (SELECT i,
             (i * 2654435761) % 4294967291 AS h1,
             (i * 2246822519) % 4294967291 AS h2,
             (i * 3266489917) % 4294967291 AS h3,
             (ARRAY['Wireless','Compact','Pro','Classic','Smart','Ultra','Eco','Deluxe','Mini','Portable'])[1 + ((i * 668265263) % 4294967291) % 10]
             || ' ' ||
             (ARRAY['Headphones','Speaker','Kettle','Backpack','Lamp','Keyboard','Mouse','Blender','Jacket','Watch',
                    'Camera','Charger','Tent','Bottle','Chair','Desk','Drill','Toaster','Monitor','Router'])[1 + ((i * 374761393) % 4294967291) % 20]
             || ' ' || (100 + i % 900) AS name,
             timestamptz '2023-11-20 00:00:00+00' + (i * 3000) * interval '1 second' AS ts
      FROM generate_series(1::bigint, 20000) AS i) s;

INSERT INTO orders (id, customer_id, shipping_address_id, status, currency, subtotal, shipping_fee, total,
                    tracking_number, notes, created_at, updated_at)
SELECT i, customer_id, customer_id, status,
       CASE WHEN h4 % 10 = 0 THEN 'USD' ELSE 'EUR' END,
       subtotal,
       CASE WHEN subtotal >= 50 THEN 0 ELSE 4.95 END,
       subtotal + CASE WHEN subtotal >= 50 THEN 0 ELSE 4.95 END,
       CASE WHEN status IN ('shipped', 'delivered', 'refunded') THEN 'JJD' || lpad(h4::text, 10, '0') END,
       CASE WHEN h1 % 50 = 0 THEN 'Please leave the parcel with a neighbour.' END,
       created_at,
       created_at + (h4 % 864000) * interval '1 second'
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
             (500 + h3 % 40000) / 100.0 AS subtotal,
             timestamptz '2023-12-01 00:00:00+00' + (i * 157 + h3 % 120) * interval '1 second' AS created_at
      FROM (SELECT i,
                   (i * 2654435761) % 4294967291 AS h1,
                   (i * 2246822519) % 4294967291 AS h2,
                   (i * 3266489917) % 4294967291 AS h3,
                   (i * 668265263) % 4294967291 AS h4
            FROM generate_series(1::bigint, 400000) AS i) h) s;

INSERT INTO order_items (id, order_id, product_id, quantity, unit_price, created_at, updated_at)
SELECT j, order_id,
       CASE WHEN h1 % 100 < 20 THEN 1 + (h1 / 100) % 50 ELSE 1 + (h1 / 100) % 20000 END,
       CASE WHEN h2 % 10 < 7 THEN 1 WHEN h2 % 10 < 9 THEN 2 ELSE 3 + (h2 / 10) % 3 END,
       (199 + h2 % 20000) / 100.0,
       created_at, created_at
FROM (SELECT (o.id - 1) * 5 + n AS j, o.id AS order_id, o.created_at,
             (((o.id - 1) * 5 + n) * 2654435761) % 4294967291 AS h1,
             (((o.id - 1) * 5 + n) * 2246822519) % 4294967291 AS h2
      FROM orders o
      CROSS JOIN LATERAL generate_series(1, 1 + ((o.id * 374761393) % 4294967291) % 5) AS n) s;

INSERT INTO reviews (id, product_id, customer_id, rating, title, body, status, created_at, updated_at)
SELECT i,
       CASE WHEN h1 % 100 < 40 THEN 1 + (h1 / 100) % 20 ELSE 1 + (h1 / 100) % 20000 END,
       1 + h2 % 100000,
       rating,
       (ARRAY['Terrible','Disappointing','It is okay','Very good','Excellent, would buy again'])[rating],
       (ARRAY['Arrived two days late and the box was damaged.',
              'Does what the description says, nothing more.',
              'Good build quality for the price, setup took five minutes.',
              'I have been using it daily for three months now without any issues.',
              'Bought a second one as a gift, the whole family loves it.'])[rating]
       || ' ' ||
       (ARRAY['Delivery was quick.', 'Customer service answered within a day.',
              'The manual could be clearer.', 'Packaging was mostly recyclable.',
              'Colour is slightly different from the photos.', 'Would recommend to friends.'])[1 + h3 % 6]
       || ' Order reference ' || lpad(h2::text, 10, '0') || '.',
       CASE WHEN h3 % 100 < 97 THEN 'published' WHEN h3 % 100 < 99 THEN 'pending' ELSE 'rejected' END,
       ts, ts
FROM (SELECT i, h1, h2, h3,
             CASE WHEN h3 % 100 < 55 THEN 5 WHEN h3 % 100 < 80 THEN 4 WHEN h3 % 100 < 90 THEN 3
                  WHEN h3 % 100 < 95 THEN 2 ELSE 1 END AS rating,
             timestamptz '2023-12-01 00:00:00+00' + (i * 315) * interval '1 second' AS ts
      FROM (SELECT i,
                   (i * 2654435761) % 4294967291 AS h1,
                   (i * 2246822519) % 4294967291 AS h2,
                   (i * 3266489917) % 4294967291 AS h3
            FROM generate_series(1::bigint, 200000) AS i) h) s;

-- Explicit ids were inserted: move the sequences past them, as a real database would be.
SELECT setval(pg_get_serial_sequence('customers', 'id'), max(id)) FROM customers;
SELECT setval(pg_get_serial_sequence('addresses', 'id'), max(id)) FROM addresses;
SELECT setval(pg_get_serial_sequence('categories', 'id'), max(id)) FROM categories;
SELECT setval(pg_get_serial_sequence('products', 'id'), max(id)) FROM products;
SELECT setval(pg_get_serial_sequence('orders', 'id'), max(id)) FROM orders;
SELECT setval(pg_get_serial_sequence('order_items', 'id'), max(id)) FROM order_items;
SELECT setval(pg_get_serial_sequence('reviews', 'id'), max(id)) FROM reviews;

-- VACUUM as well as ANALYZE: it sets the visibility map, without which no index-only scan
-- (the fix of the planted missing-covering-index) avoids the heap on a freshly loaded table.
VACUUM (ANALYZE);
-- A second pass: pages still not all-visible after the first one (a concurrent snapshot, such
-- as an autovacuum ANALYZE started during the load, held the xmin horizon back) get it now.
VACUUM;
