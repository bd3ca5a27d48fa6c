# Differential corpus: every query runs on keyspaces single (one MariaDB),
# two (2 shards) and four (4 shards) with {k} replaced by the keyspace name.
# Format (see corpus.h): one query per line; `-- ordered` before a query
# compares rows in order (its ORDER BY must fix the order fully); `-- error N`
# before a query requires both sharded keyspaces to refuse it with errno N:
# together these form the list of what vtgate does not support.
#
# Tables: customer and corder are sharded by customer_id (co-located),
# product by product_id, payment by order_id, refund (empty) by refund_id;
# region is a reference table.

# Point selects on the vindex column
SELECT * FROM {k}.customer WHERE customer_id = 1
SELECT * FROM {k}.customer WHERE customer_id = 40
SELECT name, balance FROM {k}.customer WHERE customer_id = 13
SELECT * FROM {k}.customer WHERE customer_id = 1000
SELECT * FROM {k}.customer WHERE customer_id = -1
SELECT * FROM {k}.corder WHERE customer_id = 2
SELECT order_id, price FROM {k}.corder WHERE customer_id = 3 AND price > 10
SELECT * FROM {k}.corder WHERE customer_id = 43
SELECT * FROM {k}.corder WHERE customer_id = 7
SELECT * FROM {k}.product WHERE product_id = 5
SELECT * FROM {k}.payment WHERE order_id = 5
SELECT * FROM {k}.payment WHERE order_id = 151
SELECT * FROM {k}.customer WHERE customer_id = '12'
SELECT * FROM {k}.customer WHERE 21 = customer_id
SELECT customer_id + 1, UPPER(name) FROM {k}.customer WHERE customer_id = 9
SELECT COUNT(*), SUM(price), MAX(qty) FROM {k}.corder WHERE customer_id = 2
-- ordered
SELECT order_id, price FROM {k}.corder WHERE customer_id = 6 ORDER BY price DESC, order_id
-- ordered
SELECT order_id FROM {k}.corder WHERE customer_id = 3 ORDER BY order_id LIMIT 2
SELECT status, COUNT(*) FROM {k}.corder WHERE customer_id = 3 GROUP BY status
SELECT DISTINCT method FROM {k}.payment WHERE order_id = 9
SELECT * FROM {k}.customer WHERE customer_id = 5 AND name = 'carl'
SELECT * FROM {k}.customer WHERE customer_id = 5 AND name = 'nobody'
SELECT * FROM {k}.customer WHERE customer_id = NULL
SELECT * FROM {k}.customer WHERE customer_id <=> 3
SELECT * FROM {k}.customer WHERE customer_id = 12.0
SELECT * FROM {k}.customer WHERE customer_id = 1.2e1
SELECT * FROM {k}.customer WHERE customer_id = '12.0'
SELECT customer_id FROM {k}.customer WHERE customer_id = ' 12'
SELECT customer_id FROM {k}.customer WHERE customer_id = '1e1'
SELECT customer_id FROM {k}.customer WHERE customer_id = 12.5
SELECT customer_id FROM {k}.customer WHERE customer_id = 0x0c
SELECT * FROM {k}.customer WHERE customer_id = 5 OR customer_id IS NULL
SELECT * FROM {k}.customer WHERE customer_id = (SELECT MAX(region_id) FROM {k}.region)

# IN lists and OR on the vindex column
SELECT * FROM {k}.customer WHERE customer_id IN (1, 2, 3)
SELECT customer_id, name FROM {k}.customer WHERE customer_id IN (4, 8, 15, 16, 23, 42)
SELECT * FROM {k}.customer WHERE customer_id IN (1000, 2000)
SELECT * FROM {k}.customer WHERE customer_id IN (5)
SELECT * FROM {k}.customer WHERE customer_id IN (5, 5, 5)
SELECT * FROM {k}.customer WHERE customer_id IN (1, NULL, 3)
SELECT * FROM {k}.customer WHERE customer_id NOT IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
SELECT * FROM {k}.customer WHERE customer_id = 2 OR customer_id = 30
SELECT order_id, customer_id FROM {k}.corder WHERE customer_id IN (2, 3, 6) AND qty > 2
SELECT COUNT(*), SUM(qty) FROM {k}.corder WHERE customer_id IN (2, 3, 6, 41, 42)
-- ordered
SELECT order_id, price FROM {k}.corder WHERE customer_id IN (2, 3, 6) ORDER BY price, order_id
-- ordered
SELECT order_id FROM {k}.corder WHERE customer_id IN (2, 3, 6, 11) ORDER BY order_id DESC LIMIT 4
SELECT customer_id, COUNT(*) FROM {k}.corder WHERE customer_id IN (2, 3, 6, 11, 12) GROUP BY customer_id
SELECT * FROM {k}.payment WHERE order_id IN (1, 2, 3, 4, 5, 151, 152, 999)
SELECT * FROM {k}.product WHERE product_id IN (1, 3, 5, 7, 9, 11, 13, 15, 17)
SELECT DISTINCT UPPER(status) FROM {k}.corder WHERE customer_id IN (1, 2, 3, 4, 5, 6)
SELECT * FROM {k}.customer WHERE customer_id IN (SELECT 3)
SELECT customer_id FROM {k}.customer WHERE customer_id IN (1, '2', 3.0)
SELECT customer_id FROM {k}.customer WHERE customer_id IN ('3.0', '13', 23)

# Scatter selects
SELECT * FROM {k}.customer
SELECT * FROM {k}.corder
SELECT * FROM {k}.product
SELECT * FROM {k}.payment
SELECT * FROM {k}.refund
SELECT customer_id, name FROM {k}.customer WHERE balance > 10
SELECT customer_id FROM {k}.customer WHERE balance BETWEEN -5 AND 5
SELECT customer_id, tier FROM {k}.customer WHERE region_id = 3
SELECT order_id FROM {k}.corder WHERE qty >= 5 AND price < 20
SELECT order_id FROM {k}.corder WHERE qty = 1 OR price > 38
SELECT order_id, product_id FROM {k}.corder WHERE product_id > 15
SELECT payment_id, amount FROM {k}.payment WHERE paid_on = '2023-02-02'
SELECT payment_id FROM {k}.payment WHERE paid_on BETWEEN '2023-01-10' AND '2023-01-20'
SELECT * FROM {k}.product WHERE weight < 20
SELECT sku, title FROM {k}.product WHERE title LIKE 'Item %e'
SELECT order_id FROM {k}.corder WHERE NOT (qty > 2)
SELECT order_id, note FROM {k}.corder WHERE note = ''
SELECT customer_id, joined FROM {k}.customer WHERE joined > '2023-03-01'
SELECT customer_id FROM {k}.customer WHERE customer_id > 35
SELECT customer_id FROM {k}.customer WHERE customer_id BETWEEN 10 AND 14
SELECT 1 FROM {k}.customer
SELECT 'x', customer_id * 2 FROM {k}.customer WHERE customer_id < 5
SELECT * FROM {k}.customer WHERE 1 = 0
SELECT order_id FROM {k}.corder WHERE price = 27.00

# ORDER BY
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY customer_id
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY customer_id DESC
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name, customer_id
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name DESC, customer_id DESC
-- ordered
SELECT customer_id, balance FROM {k}.customer ORDER BY balance, customer_id
-- ordered
SELECT customer_id, balance FROM {k}.customer ORDER BY balance DESC, customer_id
-- ordered
SELECT customer_id, tier, region_id FROM {k}.customer ORDER BY tier, region_id DESC, customer_id
-- ordered
SELECT customer_id, joined FROM {k}.customer ORDER BY joined, customer_id DESC
-- ordered
SELECT order_id, price FROM {k}.corder ORDER BY price, order_id
-- ordered
SELECT order_id, qty, price FROM {k}.corder ORDER BY qty DESC, price DESC, order_id
-- ordered
SELECT order_id, status FROM {k}.corder ORDER BY status, order_id
-- ordered
SELECT order_id, note FROM {k}.corder ORDER BY note DESC, order_id
-- ordered
SELECT order_id AS id, price AS p FROM {k}.corder ORDER BY p, id
-- ordered
SELECT order_id, price FROM {k}.corder ORDER BY 2 DESC, 1 DESC
-- ordered
SELECT * FROM {k}.product ORDER BY category, weight, product_id
-- ordered
SELECT sku FROM {k}.product ORDER BY sku, product_id
-- ordered
SELECT payment_id, method, amount FROM {k}.payment ORDER BY method, amount, payment_id
-- ordered
SELECT order_id, qty * price AS total FROM {k}.corder ORDER BY total DESC, order_id
-- ordered
SELECT order_id FROM {k}.corder ORDER BY qty * price, order_id
-- ordered
SELECT customer_id FROM {k}.customer ORDER BY customer_id % 7, customer_id
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY LOWER(name), customer_id
-- ordered
SELECT customer_id, name FROM {k}.customer WHERE region_id IN (1, 2) ORDER BY name, customer_id
-- ordered
SELECT order_id, price FROM {k}.corder WHERE price IS NOT NULL ORDER BY price DESC, order_id DESC
-- ordered
SELECT customer_id, region_id FROM {k}.customer ORDER BY region_id IS NULL, region_id, customer_id
-- ordered
SELECT order_id, product_id FROM {k}.corder ORDER BY product_id DESC, order_id
-- ordered
SELECT payment_id, paid_on FROM {k}.payment ORDER BY paid_on DESC, payment_id
-- ordered
SELECT customer_id, name, tier FROM {k}.customer ORDER BY tier DESC, name, customer_id
-- ordered
SELECT order_id, CONCAT(status, '/', note) AS sn FROM {k}.corder ORDER BY sn, order_id
-- ordered
SELECT * FROM {k}.customer ORDER BY customer_id
-- ordered
SELECT order_id, customer_id FROM {k}.corder ORDER BY customer_id, order_id
-- ordered
SELECT customer_id FROM {k}.customer ORDER BY name, customer_id
-- ordered
SELECT * FROM {k}.customer ORDER BY name DESC, customer_id LIMIT 7
-- ordered
SELECT customer_id, balance FROM {k}.customer ORDER BY balance DESC, customer_id LIMIT 6 OFFSET 30
-- ordered
SELECT order_id FROM {k}.corder ORDER BY status DESC, note, order_id
-- ordered
SELECT order_id, CONCAT(qty, '') AS s FROM {k}.corder ORDER BY s, order_id
-- ordered
SELECT order_id, price FROM {k}.corder ORDER BY price * -1, order_id
-- ordered
SELECT payment_id FROM {k}.payment ORDER BY paid_on, amount DESC, payment_id
-- ordered
SELECT customer_id, CAST(balance AS CHAR) AS b FROM {k}.customer ORDER BY b, customer_id
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name COLLATE latin1_bin, customer_id
-- ordered
SELECT order_id AS qty, qty AS oid FROM {k}.corder ORDER BY qty DESC LIMIT 5
-- ordered
SELECT order_id, price * 1e0 AS d FROM {k}.corder ORDER BY d, order_id
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name IS NULL, name DESC, customer_id
-- ordered
SELECT order_id FROM {k}.corder ORDER BY CASE WHEN status = 'new' THEN 0 WHEN status IS NULL THEN 2 ELSE 1 END, order_id
# A column that decides nothing among the selected values: any tie order is fine
SELECT customer_id, tier FROM {k}.customer ORDER BY tier
SELECT order_id, qty FROM {k}.corder ORDER BY qty

# LIMIT and OFFSET
-- ordered
SELECT customer_id FROM {k}.customer ORDER BY customer_id LIMIT 5
-- ordered
SELECT customer_id FROM {k}.customer ORDER BY customer_id DESC LIMIT 3
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name, customer_id LIMIT 10
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name, customer_id LIMIT 5, 5
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY name DESC, customer_id LIMIT 4 OFFSET 12
-- ordered
SELECT order_id, price FROM {k}.corder ORDER BY price DESC, order_id LIMIT 7
-- ordered
SELECT order_id, price FROM {k}.corder ORDER BY price, order_id LIMIT 10 OFFSET 140
-- ordered
SELECT order_id FROM {k}.corder ORDER BY order_id LIMIT 0
-- ordered
SELECT order_id FROM {k}.corder ORDER BY order_id LIMIT 5 OFFSET 1000
-- ordered
SELECT order_id, qty FROM {k}.corder ORDER BY qty, order_id DESC LIMIT 1
-- ordered
SELECT payment_id, amount FROM {k}.payment ORDER BY amount DESC, payment_id LIMIT 3, 2
-- ordered
SELECT sku FROM {k}.product ORDER BY sku DESC, product_id LIMIT 6
-- ordered
SELECT customer_id, balance FROM {k}.customer WHERE balance < 0 ORDER BY balance, customer_id LIMIT 3
SELECT customer_id FROM {k}.customer ORDER BY customer_id LIMIT 8
SELECT order_id FROM {k}.corder ORDER BY price DESC, order_id LIMIT 12
SELECT COUNT(*) FROM {k}.customer LIMIT 1
-- ordered
SELECT order_id, price FROM {k}.corder WHERE customer_id IN (2, 3) ORDER BY price DESC, order_id LIMIT 2 OFFSET 1
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY customer_id LIMIT 39, 10

# DISTINCT
SELECT DISTINCT region_id FROM {k}.customer
SELECT DISTINCT qty FROM {k}.corder
SELECT DISTINCT qty, product_id > 10 FROM {k}.corder
SELECT DISTINCT UPPER(name) FROM {k}.customer
SELECT DISTINCT LOWER(status) FROM {k}.corder
SELECT DISTINCT UPPER(tier), region_id FROM {k}.customer
SELECT DISTINCT customer_id FROM {k}.corder
SELECT DISTINCT price FROM {k}.corder WHERE price > 30
SELECT DISTINCT paid_on FROM {k}.payment
-- ordered
SELECT DISTINCT qty FROM {k}.corder ORDER BY qty
-- ordered
SELECT DISTINCT region_id FROM {k}.customer ORDER BY region_id DESC
-- ordered
SELECT DISTINCT UPPER(name) AS n FROM {k}.customer ORDER BY n
-- ordered
SELECT DISTINCT customer_id FROM {k}.corder ORDER BY customer_id LIMIT 5
-- ordered
SELECT DISTINCT price FROM {k}.corder ORDER BY price DESC LIMIT 3 OFFSET 2
SELECT DISTINCT note IS NULL, qty IS NULL FROM {k}.corder
SELECT DISTINCT * FROM {k}.region
SELECT DISTINCT 1 FROM {k}.customer

# Aggregates without GROUP BY
SELECT COUNT(*) FROM {k}.customer
SELECT COUNT(*) FROM {k}.corder
SELECT COUNT(name), COUNT(region_id), COUNT(balance) FROM {k}.customer
SELECT COUNT(1), COUNT(price), COUNT(qty), COUNT(note) FROM {k}.corder
SELECT SUM(price), SUM(qty) FROM {k}.corder
SELECT MIN(price), MAX(price) FROM {k}.corder
SELECT MIN(balance), MAX(balance), SUM(balance) FROM {k}.customer
SELECT AVG(price) FROM {k}.corder
SELECT AVG(qty), AVG(balance) FROM {k}.corder, {k}.customer WHERE corder.customer_id = customer.customer_id
SELECT AVG(balance) FROM {k}.customer
SELECT COUNT(DISTINCT customer_id) FROM {k}.corder
SELECT COUNT(DISTINCT region_id) FROM {k}.customer
SELECT COUNT(DISTINCT status) FROM {k}.corder
SELECT COUNT(DISTINCT name) FROM {k}.customer
SELECT COUNT(DISTINCT method) FROM {k}.payment
SELECT SUM(DISTINCT qty), AVG(DISTINCT qty) FROM {k}.corder
SELECT MAX(sku), MIN(LOWER(sku)) FROM {k}.product
SELECT MIN(sku) FROM {k}.product WHERE product_id > 7
SELECT MAX(sku) FROM {k}.product WHERE product_id BETWEEN 6 AND 9
SELECT MIN(note), MAX(note) FROM {k}.corder WHERE note <> ''
SELECT AVG(qty) FROM {k}.corder
SELECT SUM(qty * price), MAX(qty * price), MIN(price - qty) FROM {k}.corder
SELECT AVG(payment_id), COUNT(DISTINCT paid_on) FROM {k}.payment
SELECT AVG(order_id), SUM(customer_id) FROM {k}.corder
SELECT COUNT(*) FROM {k}.customer WHERE name IN ('ANN', 'bob', 'o''hara')
SELECT AVG(DISTINCT price), SUM(DISTINCT price), COUNT(DISTINCT price) FROM {k}.corder
SELECT MIN(joined), MAX(joined) FROM {k}.customer
SELECT MIN(paid_on), MAX(paid_on), COUNT(*) FROM {k}.payment
SELECT COUNT(*), SUM(amount) FROM {k}.payment WHERE method = 'card'
SELECT SUM(qty * price), SUM(price) / SUM(qty) FROM {k}.corder
SELECT COUNT(*), MIN(price) FROM {k}.corder WHERE price > 1000
SELECT SUM(price), AVG(price), MAX(price) FROM {k}.corder WHERE price > 1000
SELECT COUNT(*) FROM {k}.refund
SELECT SUM(amount), MIN(amount), AVG(amount), COUNT(DISTINCT order_id) FROM {k}.refund
SELECT MAX(customer_id) FROM {k}.customer
SELECT COUNT(*) AS n, SUM(qty) AS q FROM {k}.corder WHERE status = 'shipped'
SELECT MIN(UPPER(name)), MAX(UPPER(name)) FROM {k}.customer
SELECT COUNT(*) + 1 FROM {k}.customer
SELECT SUM(price) * 2 FROM {k}.corder
SELECT GROUP_CONCAT(order_id ORDER BY order_id) FROM {k}.corder
SELECT STDDEV_POP(qty) FROM {k}.corder
SELECT BIT_OR(qty), BIT_AND(qty), BIT_XOR(qty) FROM {k}.corder
SELECT BIT_AND(qty), bit_or(customer_id), BIT_XOR(order_id) FROM {k}.corder WHERE qty > 2
SELECT BIT_AND(amount), BIT_OR(amount), BIT_XOR(amount), COUNT(*) FROM {k}.refund
SELECT BIT_AND(qty) AS a, BIT_OR(price) AS o FROM {k}.corder WHERE price IS NULL
-- ordered
SELECT customer_id, BIT_OR(qty), BIT_XOR(order_id), BIT_AND(qty) FROM {k}.corder GROUP BY customer_id ORDER BY customer_id
-- ordered
SELECT status, BIT_XOR(qty) AS x, COUNT(*) FROM {k}.corder GROUP BY status HAVING COUNT(*) > 1 ORDER BY status
SELECT COUNT(DISTINCT customer_id, product_id) FROM {k}.corder
SELECT MAX(price), SUM(price), AVG(price), COUNT(price) FROM {k}.corder WHERE price IS NULL
SELECT COUNT(*) FROM {k}.corder HAVING COUNT(*) > 1000
SELECT MIN(price) FROM {k}.corder HAVING MIN(price) > 0

# GROUP BY and HAVING
SELECT region_id, COUNT(*) FROM {k}.customer GROUP BY region_id
SELECT region_id, COUNT(*), SUM(balance), MIN(balance), MAX(balance) FROM {k}.customer GROUP BY region_id
SELECT region_id, AVG(balance) FROM {k}.customer GROUP BY region_id
SELECT customer_id, COUNT(*), SUM(price) FROM {k}.corder GROUP BY customer_id
SELECT product_id, COUNT(*), SUM(qty) FROM {k}.corder GROUP BY product_id
SELECT qty, COUNT(*), AVG(price) FROM {k}.corder GROUP BY qty
SELECT COUNT(*) FROM {k}.corder GROUP BY status
SELECT LOWER(status), COUNT(*) FROM {k}.corder GROUP BY LOWER(status)
SELECT UPPER(status) AS s, COUNT(*), SUM(price) FROM {k}.corder GROUP BY s
SELECT COUNT(*), SUM(qty) FROM {k}.corder GROUP BY note
SELECT UPPER(tier), COUNT(*) FROM {k}.customer GROUP BY UPPER(tier)
SELECT UPPER(name), COUNT(*), MIN(customer_id) FROM {k}.customer GROUP BY UPPER(name)
SELECT COUNT(*), MIN(customer_id), MAX(customer_id) FROM {k}.customer GROUP BY name
SELECT region_id, UPPER(tier), COUNT(*) FROM {k}.customer GROUP BY region_id, UPPER(tier)
SELECT customer_id % 3, COUNT(*) FROM {k}.corder GROUP BY customer_id % 3
SELECT customer_id % 5 AS m, SUM(qty) FROM {k}.corder GROUP BY m
SELECT qty, product_id, COUNT(*) FROM {k}.corder GROUP BY 1, 2
SELECT order_id, COUNT(*), SUM(amount) FROM {k}.payment GROUP BY order_id
SELECT LOWER(method), COUNT(*), SUM(amount), AVG(amount) FROM {k}.payment GROUP BY LOWER(method)
SELECT paid_on, COUNT(*) FROM {k}.payment GROUP BY paid_on
SELECT MONTH(paid_on), COUNT(*), SUM(amount) FROM {k}.payment GROUP BY MONTH(paid_on)
SELECT LOWER(category), COUNT(*), AVG(weight) FROM {k}.product GROUP BY LOWER(category)
SELECT COUNT(DISTINCT customer_id), COUNT(*) FROM {k}.corder GROUP BY qty
SELECT qty, COUNT(DISTINCT LOWER(status)) FROM {k}.corder GROUP BY qty
SELECT qty, COUNT(DISTINCT status) FROM {k}.corder GROUP BY qty
SELECT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id HAVING COUNT(*) > 4
SELECT customer_id, SUM(price) FROM {k}.corder GROUP BY customer_id HAVING SUM(price) > 100
SELECT qty, COUNT(*) FROM {k}.corder GROUP BY qty HAVING qty > 3
SELECT region_id, COUNT(*) AS c FROM {k}.customer GROUP BY region_id HAVING c >= 8
SELECT customer_id, MAX(price) FROM {k}.corder GROUP BY customer_id HAVING MAX(price) < 10
SELECT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id HAVING COUNT(*) > 1000
SELECT qty, AVG(price) FROM {k}.corder GROUP BY qty HAVING AVG(price) > 20
SELECT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id HAVING COUNT(*) = 1 OR SUM(qty) > 20
SELECT customer_id FROM {k}.corder GROUP BY customer_id HAVING MIN(qty) > 2
SELECT customer_id, COUNT(*) FROM {k}.corder WHERE price > 20 GROUP BY customer_id
SELECT customer_id, COUNT(*) FROM {k}.corder WHERE price > 1000 GROUP BY customer_id
SELECT region_id, SUM(balance) FROM {k}.customer WHERE balance IS NULL GROUP BY region_id
-- ordered
SELECT customer_id, COUNT(*) AS c FROM {k}.corder GROUP BY customer_id ORDER BY c DESC, customer_id
-- ordered
SELECT qty, SUM(price) FROM {k}.corder GROUP BY qty ORDER BY qty
-- ordered
SELECT qty, SUM(price) AS s FROM {k}.corder GROUP BY qty ORDER BY s DESC, qty
-- ordered
SELECT region_id, COUNT(*) FROM {k}.customer GROUP BY region_id ORDER BY COUNT(*), region_id
-- ordered
SELECT customer_id, SUM(qty) FROM {k}.corder GROUP BY customer_id ORDER BY SUM(qty) DESC, customer_id LIMIT 5
-- ordered
SELECT product_id, COUNT(*) FROM {k}.corder GROUP BY product_id ORDER BY product_id LIMIT 4 OFFSET 2
-- ordered
SELECT UPPER(status) AS s, COUNT(*) FROM {k}.corder GROUP BY s ORDER BY s
-- ordered
SELECT customer_id, AVG(price) FROM {k}.corder GROUP BY customer_id ORDER BY AVG(price), customer_id LIMIT 6
-- ordered
SELECT order_id, SUM(amount) AS s FROM {k}.payment GROUP BY order_id HAVING s > 40 ORDER BY s DESC, order_id
-- ordered
SELECT region_id, MIN(balance) FROM {k}.customer GROUP BY region_id ORDER BY MIN(balance), region_id
-- ordered
SELECT customer_id, COUNT(DISTINCT product_id) AS d FROM {k}.corder GROUP BY customer_id ORDER BY d DESC, customer_id LIMIT 8
SELECT region_id, GROUP_CONCAT(customer_id ORDER BY customer_id) FROM {k}.customer GROUP BY region_id
SELECT region_id, COUNT(*) FROM {k}.customer GROUP BY region_id WITH ROLLUP
SELECT customer_id, SUM(price) + 1 FROM {k}.corder GROUP BY customer_id
# Expressions over aggregates and group keys: merged in vtgate, evaluated by MariaDB
SELECT region_id, ROUND(AVG(balance), 1), MAX(balance) - MIN(balance) FROM {k}.customer GROUP BY region_id
SELECT IFNULL(SUM(price), 0), COUNT(*) * 10 FROM {k}.corder WHERE qty > 1000
SELECT customer_id, COUNT(*) > 2, SUM(qty) / COUNT(*) FROM {k}.corder GROUP BY customer_id
SELECT CONCAT(region_id, ':', COUNT(*)) FROM {k}.customer GROUP BY region_id
SELECT status, SUM(price) / NULLIF(SUM(qty), 0) FROM {k}.corder GROUP BY status HAVING COUNT(*) > 1
-- ordered
SELECT customer_id, SUM(price) * 2 FROM {k}.corder GROUP BY customer_id ORDER BY customer_id LIMIT 7
SELECT customer_id, SUM(price) * 2 AS d FROM {k}.corder GROUP BY customer_id ORDER BY d
SELECT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id HAVING SUM(qty) / COUNT(*) > 4
SELECT DISTINCT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id
SELECT qty, COUNT(DISTINCT customer_id, product_id) FROM {k}.corder GROUP BY qty
SELECT COUNT(*) FROM {k}.corder GROUP BY status HAVING status = 'new'
SELECT LOWER(method), MIN(amount), MAX(amount) FROM {k}.payment GROUP BY LOWER(method) HAVING MAX(amount) > 29
SELECT MIN(sku), COUNT(*) FROM {k}.product GROUP BY product_id > 7
SELECT customer_id % 2, AVG(price), SUM(price) FROM {k}.corder WHERE price IS NULL GROUP BY customer_id % 2
SELECT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id LIMIT 5
SELECT COUNT(*) FROM {k}.customer GROUP BY name COLLATE latin1_bin
SELECT region_id, COUNT(DISTINCT name) FROM {k}.customer GROUP BY region_id
SELECT region_id, COUNT(DISTINCT name), COUNT(DISTINCT UPPER(tier)) FROM {k}.customer GROUP BY region_id
-- ordered
SELECT LOWER(name), COUNT(*) FROM {k}.customer GROUP BY LOWER(name) ORDER BY LOWER(name) DESC
-- ordered
SELECT joined, COUNT(*), SUM(balance) FROM {k}.customer GROUP BY joined ORDER BY joined DESC LIMIT 4
-- ordered
SELECT qty, COUNT(*), MIN(price), MAX(price) FROM {k}.corder GROUP BY qty ORDER BY qty DESC LIMIT 3

# NULL handling
SELECT customer_id FROM {k}.customer WHERE name IS NULL
SELECT customer_id FROM {k}.customer WHERE region_id IS NULL
SELECT customer_id FROM {k}.customer WHERE balance IS NOT NULL AND tier IS NULL
SELECT order_id FROM {k}.corder WHERE price IS NULL
SELECT order_id FROM {k}.corder WHERE qty IS NULL OR product_id IS NULL
SELECT order_id FROM {k}.corder WHERE note <=> NULL
SELECT customer_id FROM {k}.customer WHERE name = NULL
SELECT customer_id FROM {k}.customer WHERE name <> 'Ann'
SELECT customer_id, IFNULL(name, '?'), COALESCE(balance, 0) FROM {k}.customer
SELECT order_id, NULLIF(qty, 3) FROM {k}.corder
SELECT payment_id FROM {k}.payment WHERE method IS NULL
SELECT COUNT(*) FROM {k}.customer WHERE region_id NOT IN (1, 2)
SELECT customer_id FROM {k}.customer WHERE region_id NOT IN (1, NULL)
-- ordered
SELECT order_id, price FROM {k}.corder WHERE order_id < 40 ORDER BY price, order_id
-- ordered
SELECT order_id, note FROM {k}.corder ORDER BY note, order_id LIMIT 30
SELECT order_id, price + NULL FROM {k}.corder WHERE customer_id = 2
SELECT ISNULL(name), COUNT(*) FROM {k}.customer GROUP BY ISNULL(name)
SELECT region_id, COUNT(name), COUNT(*) FROM {k}.customer GROUP BY region_id

# Mixed-case strings and the case-insensitive collation
SELECT customer_id FROM {k}.customer WHERE name = 'ann'
SELECT customer_id FROM {k}.customer WHERE name = 'BOB'
SELECT customer_id FROM {k}.customer WHERE name IN ('zed', 'MIA')
SELECT customer_id FROM {k}.customer WHERE name LIKE 'c%'
SELECT customer_id FROM {k}.customer WHERE name LIKE '%E%'
SELECT customer_id FROM {k}.customer WHERE name > 'carl'
SELECT customer_id FROM {k}.customer WHERE name BETWEEN 'B' AND 'D'
SELECT customer_id FROM {k}.customer WHERE BINARY name = 'ann'
SELECT customer_id, name FROM {k}.customer WHERE name = BINARY 'Mia'
SELECT order_id FROM {k}.corder WHERE status = 'SHIPPED'
SELECT order_id FROM {k}.corder WHERE note = 'GIFT'
SELECT product_id FROM {k}.product WHERE sku = 'Apple'
SELECT COUNT(*) FROM {k}.corder WHERE status = 'new'
SELECT COUNT(*) FROM {k}.customer WHERE tier = 'Silver'
SELECT COUNT(DISTINCT BINARY name) FROM {k}.customer
SELECT COUNT(DISTINCT LOWER(tier)) FROM {k}.customer
SELECT BINARY status, COUNT(*) FROM {k}.corder GROUP BY BINARY status
SELECT COUNT(*) FROM {k}.product GROUP BY category
SELECT UPPER(category), COUNT(*) FROM {k}.product GROUP BY category
-- ordered
SELECT product_id, sku FROM {k}.product ORDER BY sku DESC, product_id DESC
-- ordered
SELECT product_id, sku FROM {k}.product ORDER BY BINARY sku
-- ordered
SELECT customer_id, name FROM {k}.customer ORDER BY BINARY name, customer_id
-- ordered
SELECT DISTINCT LOWER(note) AS n FROM {k}.corder ORDER BY n
SELECT customer_id FROM {k}.customer WHERE name = 'ann '
SELECT customer_id, name FROM {k}.customer WHERE name = 'o''hara'
SELECT customer_id, name FROM {k}.customer WHERE name LIKE '%\\\\%'
SELECT customer_id FROM {k}.customer WHERE STRCMP(name, 'dee') = 0

# Expressions and functions
SELECT customer_id, CONCAT(name, '-', tier) FROM {k}.customer
SELECT customer_id, LENGTH(name), CHAR_LENGTH(tier) FROM {k}.customer
SELECT customer_id, SUBSTRING(name, 2, 2), LEFT(tier, 1), REVERSE(name) FROM {k}.customer
SELECT customer_id, REPLACE(LOWER(name), 'a', '@') FROM {k}.customer
SELECT order_id, qty * price, ROUND(price / 3, 2), FLOOR(price), CEIL(price) FROM {k}.corder
SELECT order_id, price DIV 7, MOD(qty, 4), ABS(price - 20) FROM {k}.corder
SELECT customer_id, balance * -1, SIGN(balance) FROM {k}.customer
SELECT customer_id, CASE WHEN balance > 20 THEN 'rich' WHEN balance < 0 THEN 'debt' ELSE 'ok' END FROM {k}.customer
SELECT order_id, IF(qty > 3, 'big', 'small') FROM {k}.corder
SELECT customer_id, YEAR(joined), MONTH(joined), DAY(joined), DAYOFWEEK(joined) FROM {k}.customer
SELECT customer_id, DATE_ADD(joined, INTERVAL 10 DAY), DATEDIFF('2023-12-31', joined) FROM {k}.customer
SELECT customer_id, DATE_FORMAT(joined, '%Y/%m') FROM {k}.customer
SELECT payment_id, CAST(amount AS SIGNED), CAST(order_id AS CHAR) FROM {k}.payment
SELECT order_id, GREATEST(qty, 3), LEAST(price, 10) FROM {k}.corder
SELECT customer_id, LPAD(customer_id, 4, '0'), HEX(customer_id) FROM {k}.customer
SELECT product_id, INSTR(title, 'e'), LOCATE('a', sku), TRIM(title) FROM {k}.product
SELECT customer_id, name RLIKE '^[A-Z]' FROM {k}.customer
SELECT customer_id, region_id IN (1, 3, 5), balance BETWEEN 0 AND 10 FROM {k}.customer
SELECT order_id, qty / 3, price * 1.5 FROM {k}.corder WHERE qty IS NOT NULL
SELECT order_id, CRC32(status), MD5(note) FROM {k}.corder
SELECT customer_id, customer_id << 2, customer_id & 6, customer_id ^ 5 FROM {k}.customer
SELECT SUM(CASE WHEN qty > 3 THEN 1 ELSE 0 END), SUM(IF(price > 20, price, 0)) FROM {k}.corder
SELECT COUNT(CASE WHEN status = 'new' THEN 1 END) FROM {k}.corder
SELECT YEAR(joined) * 100 + MONTH(joined) AS ym, COUNT(*) FROM {k}.customer GROUP BY ym
-- ordered
SELECT order_id, ROUND(qty * price, 1) AS v FROM {k}.corder ORDER BY v DESC, order_id LIMIT 10
SELECT customer_id, ELT(1 + customer_id % 3, 'a', 'b', 'c'), FIELD(tier, 'gold', 'silver') FROM {k}.customer
SELECT 1 + 1, 'const', NULL FROM {k}.region

# Reference table
SELECT * FROM {k}.region
SELECT name FROM {k}.region WHERE region_id = 3
-- ordered
SELECT region_id, name FROM {k}.region ORDER BY name
SELECT COUNT(*), MAX(name) FROM {k}.region
SELECT country, COUNT(*) FROM {k}.region GROUP BY country
SELECT * FROM {k}.region WHERE country = 'se'
SELECT r.name, c.customer_id FROM {k}.customer c JOIN {k}.region r ON r.region_id = c.region_id
SELECT c.customer_id, r.name FROM {k}.customer c LEFT JOIN {k}.region r ON r.region_id = c.region_id
SELECT r.name, c.customer_id FROM {k}.region r LEFT JOIN {k}.customer c ON c.region_id = r.region_id
SELECT customer_id FROM {k}.customer WHERE region_id IN (SELECT region_id FROM {k}.region WHERE country = 'se')
SELECT customer_id FROM {k}.customer c WHERE EXISTS (SELECT 1 FROM {k}.region r WHERE r.region_id = c.region_id AND r.name LIKE '%t%')
SELECT r.name, COUNT(*) FROM {k}.customer c JOIN {k}.region r ON r.region_id = c.region_id GROUP BY r.name
SELECT r.region_id, COUNT(c.customer_id), SUM(c.balance) FROM {k}.region r LEFT JOIN {k}.customer c ON c.region_id = r.region_id GROUP BY r.region_id
SELECT r.region_id, COUNT(*) FROM {k}.region r LEFT JOIN {k}.customer c ON c.region_id = r.region_id GROUP BY r.region_id
SELECT r.region_id, c.customer_id FROM {k}.region r JOIN {k}.customer c ON c.region_id = r.region_id WHERE r.country = 'no'
-- ordered
SELECT c.customer_id, r.name FROM {k}.customer c JOIN {k}.region r ON r.region_id = c.region_id ORDER BY r.name, c.customer_id LIMIT 12
SELECT o.order_id, r.country FROM {k}.corder o JOIN {k}.customer c ON c.customer_id = o.customer_id JOIN {k}.region r ON r.region_id = c.region_id
SELECT a.region_id, b.region_id FROM {k}.region a JOIN {k}.region b ON a.country = b.country AND a.region_id < b.region_id
SELECT name FROM {k}.region UNION SELECT country FROM {k}.region
SELECT region_id FROM {k}.region UNION ALL SELECT region_id FROM {k}.region
SELECT (SELECT COUNT(*) FROM {k}.region) FROM {k}.customer WHERE customer_id = 1
SELECT customer_id, (SELECT name FROM {k}.region r WHERE r.region_id = c.region_id) FROM {k}.customer c

# Co-located joins (customer and corder on customer_id)
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id
SELECT c.name, o.order_id, o.price FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE o.price > 30
SELECT c.customer_id, o.order_id FROM {k}.customer c LEFT JOIN {k}.corder o ON o.customer_id = c.customer_id
SELECT c.customer_id FROM {k}.customer c LEFT JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE o.order_id IS NULL
SELECT o.order_id FROM {k}.corder o LEFT JOIN {k}.customer c ON c.customer_id = o.customer_id WHERE c.customer_id IS NULL
SELECT c.customer_id, o.order_id FROM {k}.customer c, {k}.corder o WHERE c.customer_id = o.customer_id AND c.region_id = 2
SELECT c.customer_id, COUNT(o.order_id), SUM(o.price) FROM {k}.customer c LEFT JOIN {k}.corder o ON o.customer_id = c.customer_id GROUP BY c.customer_id
SELECT c.region_id, COUNT(*), AVG(o.qty) FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id GROUP BY c.region_id
SELECT COUNT(*), SUM(o.qty) FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id
SELECT UPPER(c.name), COUNT(*) FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id GROUP BY UPPER(c.name)
-- ordered
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id ORDER BY o.price DESC, o.order_id LIMIT 5
-- ordered
SELECT c.name, o.order_id FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id ORDER BY c.name, o.order_id
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE c.customer_id = 3
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE c.customer_id IN (2, 6, 11)
SELECT DISTINCT c.region_id FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE o.qty = 6
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o USING (customer_id)
SELECT * FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE c.customer_id < 5
SELECT c.customer_id, MAX(o.price) FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id GROUP BY c.customer_id HAVING MAX(o.price) > 35
SELECT a.order_id, b.order_id FROM {k}.corder a JOIN {k}.corder b ON a.customer_id = b.customer_id AND a.order_id < b.order_id
SELECT c.customer_id, o.order_id FROM {k}.customer c RIGHT JOIN {k}.corder o ON o.customer_id = c.customer_id
SELECT o.order_id, c.name, r.name FROM {k}.corder o JOIN {k}.customer c ON c.customer_id = o.customer_id LEFT JOIN {k}.region r ON r.region_id = c.region_id
-- ordered
SELECT c.region_id, COUNT(*) FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE o.price > 20 GROUP BY c.region_id HAVING COUNT(*) > 5 ORDER BY COUNT(*) DESC, c.region_id
SELECT COUNT(DISTINCT c.customer_id), COUNT(DISTINCT o.product_id) FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id

# Joins across shards (tables not co-located): joined in vtgate
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT o.order_id, p.sku, p.title FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE o.qty > 4
SELECT p.product_id, o.order_id FROM {k}.product p JOIN {k}.corder o ON o.product_id = p.product_id
SELECT o.order_id, p.sku FROM {k}.corder o LEFT JOIN {k}.product p ON p.product_id = o.product_id
SELECT p.product_id, o.order_id FROM {k}.product p LEFT JOIN {k}.corder o ON o.product_id = p.product_id
SELECT o.order_id, pay.payment_id, pay.amount FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id
SELECT pay.payment_id, o.customer_id FROM {k}.payment pay JOIN {k}.corder o ON o.order_id = pay.order_id
SELECT o.order_id, pay.amount FROM {k}.corder o LEFT JOIN {k}.payment pay ON pay.order_id = o.order_id
SELECT pay.payment_id, o.order_id FROM {k}.payment pay LEFT JOIN {k}.corder o ON o.order_id = pay.order_id
SELECT o.order_id, pay.payment_id FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id AND pay.amount > o.price
SELECT o.order_id, pay.payment_id FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id WHERE o.status = 'shipped' AND pay.method = 'card'
SELECT o.order_id, pay.payment_id FROM {k}.corder o LEFT JOIN {k}.payment pay ON pay.order_id = o.order_id AND pay.method = 'CASH'
SELECT c.name, o.order_id, p.sku FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id JOIN {k}.product p ON p.product_id = o.product_id
SELECT c.customer_id, p.sku, pay.amount FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id JOIN {k}.product p ON p.product_id = o.product_id JOIN {k}.payment pay ON pay.order_id = o.order_id
SELECT o.order_id, p.sku, pay.payment_id FROM {k}.corder o LEFT JOIN {k}.product p ON p.product_id = o.product_id LEFT JOIN {k}.payment pay ON pay.order_id = o.order_id
SELECT o.order_id, p.product_id FROM {k}.corder o JOIN {k}.product p ON p.sku = o.note
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.sku = c.name
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.weight = c.customer_id
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.weight < c.customer_id AND p.category = 'nut'
SELECT o.order_id, p.sku FROM {k}.corder o, {k}.product p WHERE p.product_id = o.product_id AND p.category = 'fruit'
SELECT a.payment_id, b.payment_id FROM {k}.payment a JOIN {k}.payment b ON a.amount = b.amount AND a.payment_id < b.payment_id
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE o.customer_id = 2
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE p.product_id = 9
SELECT p.sku, o.order_id, o.qty FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT o.*, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT * FROM {k}.product p JOIN {k}.corder o ON o.product_id = p.product_id
SELECT o.order_id, o.qty * p.weight FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE p.product_id > 1000
SELECT o.order_id, pay.payment_id FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id JOIN {k}.region r ON r.region_id = o.qty
SELECT o.order_id, c.name FROM {k}.payment pay JOIN {k}.corder o ON o.order_id = pay.order_id JOIN {k}.customer c ON c.customer_id = o.customer_id WHERE pay.amount > 25
-- ordered
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY p.sku, o.order_id
-- ordered
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY o.price DESC, o.order_id LIMIT 6
-- ordered
SELECT p.product_id, o.order_id FROM {k}.product p LEFT JOIN {k}.corder o ON o.product_id = p.product_id ORDER BY p.product_id DESC, o.order_id LIMIT 10
-- ordered
SELECT o.order_id, pay.amount FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id ORDER BY pay.amount DESC, pay.payment_id LIMIT 5 OFFSET 5
-- ordered
SELECT c.customer_id, p.sku FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id JOIN {k}.product p ON p.product_id = o.product_id ORDER BY c.customer_id, p.sku, o.order_id
-- ordered
SELECT o.order_id, pay.payment_id FROM {k}.corder o LEFT JOIN {k}.payment pay ON pay.order_id = o.order_id ORDER BY o.order_id, pay.payment_id LIMIT 20
-- ordered
SELECT o.order_id AS id, p.weight AS w FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY w, id LIMIT 8
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY o.order_id LIMIT 10
SELECT COUNT(*) FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT p.sku, COUNT(*) FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id GROUP BY p.sku
SELECT DISTINCT LOWER(p.category) FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT SUM(pay.amount) FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id WHERE o.customer_id = 2
-- error 1052
SELECT o.order_id FROM {k}.corder o JOIN {k}.product p ON p.product_id = product_id
SELECT p.product_id FROM {k}.product p LEFT JOIN {k}.corder o ON o.product_id = p.product_id WHERE o.order_id IS NULL
SELECT o.order_id, p.sku FROM {k}.corder o RIGHT JOIN {k}.product p ON p.product_id = o.product_id
-- ordered
SELECT p.product_id, COUNT(o.order_id), SUM(o.qty) FROM {k}.corder o RIGHT JOIN {k}.product p ON p.product_id = o.product_id GROUP BY p.product_id ORDER BY p.product_id
-- ordered
SELECT p.sku, o.order_id FROM {k}.corder o RIGHT JOIN {k}.product p ON p.product_id = o.product_id AND o.qty > 3 ORDER BY p.sku, o.order_id LIMIT 12
SELECT p.product_id FROM {k}.corder o RIGHT JOIN {k}.product p ON p.product_id = o.product_id WHERE o.order_id IS NULL
SELECT * FROM {k}.corder o RIGHT JOIN {k}.product p ON p.product_id = o.product_id
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p USING (product_id)
SELECT CONCAT(o.order_id, p.sku) FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE p.weight > o.qty * 5
SELECT o.order_id, pay.payment_id FROM {k}.corder o JOIN {k}.payment pay ON pay.amount = o.price
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON o.qty = c.region_id WHERE c.customer_id < 6
SELECT c.customer_id, p.sku FROM {k}.customer c LEFT JOIN {k}.product p ON p.sku = c.name AND p.weight > 10
SELECT c.customer_id, pay.payment_id FROM {k}.customer c JOIN {k}.payment pay ON pay.paid_on = c.joined
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.category <=> c.tier
SELECT c.customer_id, pay.payment_id FROM {k}.customer c JOIN {k}.payment pay ON pay.amount = -c.balance
SELECT c.customer_id, pay.payment_id FROM {k}.customer c JOIN {k}.payment pay ON pay.order_id = c.customer_id
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.product_id = c.region_id + 10
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.title LIKE CONCAT('%', c.name, '%')
SELECT c.customer_id, pay.payment_id FROM {k}.customer c LEFT JOIN {k}.payment pay ON pay.order_id = c.customer_id AND pay.method IS NULL
SELECT c.customer_id, pay.payment_id FROM {k}.customer c JOIN {k}.payment pay ON pay.order_id IN (c.customer_id, c.customer_id + 100)
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.weight BETWEEN c.customer_id AND c.customer_id + 2
-- ordered
SELECT c.name, p.sku FROM {k}.customer c JOIN {k}.product p ON p.weight = c.customer_id ORDER BY c.name DESC, p.sku, c.customer_id, p.product_id
-- ordered
SELECT pay.paid_on, o.order_id FROM {k}.payment pay JOIN {k}.corder o ON o.order_id = pay.order_id ORDER BY pay.paid_on DESC, o.order_id, pay.payment_id LIMIT 15
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE o.note = 'gift' AND p.sku LIKE '%a%'
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id AND p.sku = 'APPLE'
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON o.product_id = p.product_id OR p.sku = o.note
SELECT o.order_id, p.sku FROM {k}.corder o LEFT JOIN {k}.product p ON p.product_id = o.product_id AND p.weight > 20
SELECT o.order_id, r.name FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id LEFT JOIN {k}.region r ON r.region_id = o.qty
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id JOIN {k}.region r ON r.region_id = o.qty WHERE r.country = 'se'
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE o.qty IN (SELECT r.region_id FROM {k}.region r)
SELECT c.customer_id, r.n FROM {k}.customer c JOIN (SELECT region_id, name AS n FROM {k}.region) r ON r.region_id = c.region_id
-- ordered
SELECT o.order_id, p.sku FROM {k}.corder o LEFT JOIN {k}.product p ON p.product_id = o.product_id ORDER BY p.sku, o.order_id
-- ordered
SELECT o.order_id FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY p.weight DESC, o.order_id LIMIT 5
SELECT o.order_id, p.sku, pay.payment_id FROM {k}.corder o LEFT JOIN {k}.product p ON p.product_id = o.product_id JOIN {k}.payment pay ON pay.order_id = o.order_id
SELECT o.order_id, p.sku FROM {k}.corder o, {k}.product p WHERE p.product_id = o.product_id AND (o.qty > 5 OR p.weight < 10)
SELECT c.customer_id, o.order_id, p.sku FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id JOIN {k}.product p ON p.product_id = o.product_id AND p.weight > c.customer_id
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.sku = c.name OR p.title = CONCAT('Item ', c.name)
SELECT c.name, p.title FROM {k}.customer c JOIN {k}.product p ON p.sku = c.name WHERE c.customer_id > 30
SELECT c.customer_id, p.product_id FROM {k}.customer c JOIN {k}.product p ON p.title = CONCAT('Item \\ ', SUBSTRING(c.name, 6))
-- ordered
SELECT o.order_id, p.sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY o.qty * 2 DESC, o.order_id LIMIT 9

# Unqualified columns in joins across shards: vtgate resolves each to the one
# table that has it (column lists read from the shards' information_schema);
# MySQL's errors when several tables or none have it
SELECT order_id, sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT order_id, title, qty FROM {k}.corder JOIN {k}.product ON corder.product_id = product.product_id WHERE weight > 20
SELECT name, amount, method FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id JOIN {k}.payment pay ON pay.order_id = o.order_id WHERE amount > 20
SELECT order_id, qty * weight FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
SELECT order_id, sku FROM {k}.corder o LEFT JOIN {k}.product p ON p.product_id = o.product_id AND weight > 20
SELECT p.product_id, order_id FROM {k}.product p LEFT JOIN {k}.corder o ON o.product_id = p.product_id WHERE order_id IS NULL
SELECT DISTINCT LOWER(category) FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id WHERE status = 'shipped'
SELECT weight, COUNT(*), SUM(qty) FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id GROUP BY weight
SELECT customer_id, sku FROM {k}.customer c JOIN {k}.product p ON sku = name
SELECT o.order_id, payment_id FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id AND amount > price
-- ordered
SELECT order_id, sku FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id ORDER BY sku, order_id
-- ordered
SELECT title, o.order_id FROM {k}.product p JOIN {k}.corder o ON o.product_id = p.product_id ORDER BY weight DESC, order_id LIMIT 7
-- error 1052
SELECT product_id FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id
-- error 1052
SELECT o.order_id FROM {k}.corder o JOIN {k}.payment pay ON pay.order_id = o.order_id WHERE order_id > 5
-- error 1054
SELECT order_id, nope FROM {k}.corder o JOIN {k}.product p ON p.product_id = o.product_id

# UNION
SELECT customer_id FROM {k}.customer WHERE customer_id = 1 UNION SELECT customer_id FROM {k}.customer WHERE customer_id = 2
SELECT LOWER(name) FROM {k}.customer UNION SELECT UPPER(name) FROM {k}.region
SELECT customer_id FROM {k}.corder UNION ALL SELECT region_id FROM {k}.region
SELECT customer_id FROM {k}.customer WHERE customer_id = 4 UNION ALL SELECT region_id FROM {k}.region
SELECT customer_id FROM {k}.customer UNION SELECT customer_id FROM {k}.corder
SELECT order_id FROM {k}.corder WHERE qty = 6 UNION ALL SELECT order_id FROM {k}.payment
-- ordered
SELECT customer_id FROM {k}.customer WHERE customer_id < 6 UNION SELECT customer_id FROM {k}.corder WHERE qty = 6 ORDER BY customer_id DESC LIMIT 4
-- ordered
SELECT customer_id AS id FROM {k}.corder UNION ALL SELECT region_id FROM {k}.region ORDER BY id, 1 LIMIT 3, 5
SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.payment o ON o.order_id = c.customer_id UNION ALL SELECT customer_id, order_id FROM {k}.corder WHERE customer_id = 3
SELECT customer_id FROM {k}.customer WHERE customer_id IN (SELECT customer_id FROM {k}.corder WHERE qty = 6) UNION SELECT region_id FROM {k}.region
-- error 1222
SELECT customer_id, name FROM {k}.customer UNION SELECT region_id FROM {k}.region
SELECT customer_id FROM {k}.customer UNION ALL SELECT customer_id FROM {k}.corder UNION SELECT region_id FROM {k}.region

# Subqueries
SELECT customer_id FROM {k}.customer WHERE customer_id IN (SELECT customer_id FROM {k}.corder WHERE qty = 6)
# Correlated subqueries tied to the outer row's shard (co-located on customer_id) run on the shards
SELECT customer_id FROM {k}.customer c WHERE EXISTS (SELECT 1 FROM {k}.corder o WHERE o.customer_id = c.customer_id AND o.price > 35)
SELECT customer_id FROM {k}.customer c WHERE NOT EXISTS (SELECT 1 FROM {k}.corder o WHERE o.customer_id = c.customer_id)
SELECT customer_id, (SELECT COUNT(*) FROM {k}.corder o WHERE o.customer_id = c.customer_id) FROM {k}.customer c
SELECT c.customer_id FROM {k}.customer c WHERE c.customer_id = 3 AND EXISTS (SELECT 1 FROM {k}.corder o WHERE c.customer_id = o.customer_id)
SELECT COUNT(*) FROM {k}.customer c WHERE EXISTS (SELECT 1 FROM {k}.corder o WHERE o.customer_id = c.customer_id AND o.qty > 2)
-- ordered
SELECT c.customer_id, (SELECT SUM(o.price) FROM {k}.corder o WHERE o.customer_id = c.customer_id) AS total FROM {k}.customer c ORDER BY c.customer_id
-- ordered
SELECT c.customer_id, c.name FROM {k}.customer c WHERE c.balance > (SELECT AVG(o.price) FROM {k}.corder o WHERE o.customer_id = c.customer_id) ORDER BY c.customer_id
SELECT c.region_id, COUNT(*) FROM {k}.customer c WHERE NOT EXISTS (SELECT 1 FROM {k}.corder o JOIN {k}.region r ON r.region_id = o.qty WHERE o.customer_id = c.customer_id) GROUP BY c.region_id
SELECT o.order_id FROM {k}.corder o WHERE o.price = (SELECT MAX(o2.price) FROM {k}.corder o2 WHERE o2.customer_id = o.customer_id)
# ...and ones that are not tied to it run whole on one shard over copied rows
SELECT p.product_id FROM {k}.product p WHERE EXISTS (SELECT 1 FROM {k}.corder o WHERE o.product_id = p.product_id)
SELECT c.customer_id FROM {k}.customer c WHERE EXISTS (SELECT 1 FROM {k}.corder o WHERE o.qty = c.region_id)
SELECT c.customer_id FROM {k}.customer c WHERE EXISTS (SELECT 1 FROM {k}.corder o WHERE o.customer_id = c.customer_id OR o.qty = 1)
SELECT c.customer_id FROM {k}.customer c WHERE EXISTS (SELECT 1 FROM {k}.corder o, {k}.payment p WHERE o.customer_id = c.customer_id AND p.order_id = o.order_id)
SELECT order_id FROM {k}.corder WHERE price > (SELECT AVG(price) FROM {k}.corder)
# Derived tables whose rows split by shard run on the shards
SELECT * FROM (SELECT customer_id, name FROM {k}.customer WHERE balance > 20) AS rich
SELECT t.customer_id, t.n FROM (SELECT customer_id, COUNT(*) AS n FROM {k}.corder GROUP BY customer_id) AS t WHERE t.n > 5
SELECT COUNT(*), SUM(t.n), MAX(t.total) FROM (SELECT customer_id, COUNT(*) AS n, SUM(price) AS total FROM {k}.corder GROUP BY customer_id) AS t
-- ordered
SELECT t.n, COUNT(*) FROM (SELECT o.customer_id, COUNT(*) AS n FROM {k}.corder o GROUP BY o.customer_id) AS t GROUP BY t.n ORDER BY t.n
-- ordered
SELECT rich.name, rich.balance FROM (SELECT name, balance, customer_id FROM {k}.customer WHERE balance IS NOT NULL) AS rich ORDER BY rich.balance DESC, rich.customer_id LIMIT 5
SELECT DISTINCT t.region_id FROM (SELECT DISTINCT customer_id, region_id FROM {k}.customer) AS t
# ...and ones whose rows do not run whole on one shard over copied rows
SELECT t.n FROM (SELECT COUNT(*) AS n FROM {k}.corder) AS t
SELECT t.qty, t.n FROM (SELECT qty, COUNT(*) AS n FROM {k}.corder GROUP BY qty) AS t
SELECT t.order_id FROM (SELECT order_id FROM {k}.corder ORDER BY order_id LIMIT 3) AS t
SELECT t.region_id FROM (SELECT DISTINCT region_id FROM {k}.customer) AS t
SELECT order_id FROM {k}.corder WHERE product_id IN (SELECT product_id FROM {k}.product WHERE category = 'nut')
SELECT customer_id FROM {k}.customer WHERE customer_id = 5 AND region_id IN (SELECT region_id FROM {k}.customer WHERE customer_id = 5)
SELECT customer_id FROM {k}.customer WHERE region_id = (SELECT region_id FROM {k}.region WHERE name = 'north')
SELECT customer_id FROM {k}.customer WHERE customer_id NOT IN (SELECT customer_id FROM {k}.corder WHERE qty > 3)
SELECT customer_id FROM {k}.customer WHERE customer_id NOT IN (SELECT customer_id FROM {k}.corder WHERE qty > 1000)
SELECT customer_id FROM {k}.customer WHERE region_id NOT IN (SELECT region_id FROM {k}.customer WHERE customer_id > 30)
SELECT customer_id FROM {k}.customer WHERE EXISTS (SELECT 1 FROM {k}.corder WHERE qty > 5) AND customer_id < 8
SELECT customer_id FROM {k}.customer WHERE NOT EXISTS (SELECT 1 FROM {k}.refund)
SELECT customer_id FROM {k}.customer WHERE customer_id = (SELECT customer_id FROM {k}.corder WHERE order_id = -1)
SELECT customer_id, (SELECT MAX(qty) FROM {k}.corder) AS top FROM {k}.customer WHERE customer_id < 5
SELECT order_id FROM {k}.corder WHERE customer_id IN (SELECT customer_id FROM {k}.customer WHERE region_id IN (SELECT region_id FROM {k}.region WHERE name LIKE '%th'))
-- ordered
SELECT order_id, price FROM {k}.corder WHERE price >= (SELECT AVG(price) FROM {k}.corder) ORDER BY price DESC, order_id LIMIT 5
-- error 1242
SELECT customer_id FROM {k}.customer WHERE customer_id = (SELECT customer_id FROM {k}.corder WHERE qty > 1)
SELECT customer_id FROM {k}.customer WHERE region_id > ALL (SELECT region_id FROM {k}.region WHERE region_id < 4)
SELECT customer_id FROM {k}.customer WHERE region_id = ANY (SELECT region_id FROM {k}.region WHERE name LIKE '%th')
SELECT customer_id FROM {k}.customer WHERE customer_id = 7 AND region_id <> SOME (SELECT region_id FROM {k}.region)
SELECT order_id FROM {k}.corder WHERE qty > ALL (SELECT qty FROM {k}.corder WHERE customer_id = 2)
SELECT order_id FROM {k}.corder WHERE qty = ANY (SELECT qty FROM {k}.corder WHERE customer_id = 2)
SELECT c.customer_id FROM {k}.customer AS c WHERE c.customer_id < 10 AND 2 < ALL (SELECT o.qty FROM {k}.corder AS o WHERE o.customer_id = c.customer_id)

# Window functions
SELECT order_id, ROW_NUMBER() OVER (ORDER BY order_id) FROM {k}.corder WHERE customer_id = 2
SELECT order_id, SUM(price) OVER (ORDER BY order_id) FROM {k}.corder WHERE customer_id = 3
SELECT order_id, RANK() OVER (ORDER BY qty) FROM {k}.corder WHERE customer_id = 6
SELECT order_id, SUM(price) OVER (ORDER BY order_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM {k}.corder WHERE customer_id = 3
SELECT order_id, COUNT(*) OVER w, MAX(qty) OVER w FROM {k}.corder WHERE customer_id = 3 WINDOW w AS (ORDER BY order_id RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder
SELECT customer_id, RANK() OVER (ORDER BY balance DESC) FROM {k}.customer
SELECT order_id, SUM(price) OVER () FROM {k}.corder
SELECT order_id, LAG(price) OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder WHERE customer_id IN (2, 24)
SELECT order_id, LAG(price) OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder WHERE customer_id IN (2, 6)
SELECT region_id, name, DENSE_RANK() OVER (ORDER BY country) FROM {k}.region

# Run whole on one shard over copied rows: every type keeps its type and collation
SELECT measure_id, f, d, t, ts, y, HEX(b), s, u, j, ROW_NUMBER() OVER (ORDER BY measure_id) FROM {k}.measure
SELECT measure_id, f * 2, d / 2, ADDTIME(t, '01:00:00'), ts + INTERVAL 1 DAY, y + 1, LENGTH(b), u + 0, JSON_EXTRACT(j, '$.a'), COUNT(*) OVER () FROM {k}.measure
-- ordered
SELECT s, RANK() OVER (ORDER BY s) AS r FROM {k}.measure ORDER BY r, measure_id
SELECT s, COUNT(*) OVER (PARTITION BY s) FROM {k}.measure
SELECT name, COUNT(*) OVER (PARTITION BY name), MAX(balance) OVER (PARTITION BY name) FROM {k}.customer
SELECT joined, DATEDIFF(joined, LAG(joined) OVER (ORDER BY joined, customer_id)) FROM {k}.customer
-- error 1235
SELECT kind, ROW_NUMBER() OVER (ORDER BY kind) FROM {k}.label
SELECT order_id, NTILE(4) OVER (ORDER BY price, order_id), CUME_DIST() OVER (ORDER BY qty) FROM {k}.corder
SELECT customer_id % 3 AS g, JSON_LENGTH(JSON_ARRAYAGG(order_id)), JSON_CONTAINS(JSON_ARRAYAGG(qty), '6') FROM {k}.corder GROUP BY g
SELECT customer_id FROM {k}.customer EXCEPT SELECT customer_id FROM {k}.corder
SELECT product_id FROM {k}.corder INTERSECT SELECT product_id FROM {k}.product
SELECT * FROM {k}.corder NATURAL JOIN {k}.payment
SELECT t.status, t.n, c.name FROM (SELECT customer_id, status, COUNT(*) AS n FROM {k}.corder GROUP BY customer_id, status) AS t JOIN {k}.customer c ON c.customer_id = t.customer_id WHERE t.n > 1
SELECT c.customer_id, o.order_id, RANK() OVER (ORDER BY o.price) FROM {k}.customer c LEFT JOIN {k}.corder o ON o.customer_id = c.customer_id AND o.qty > 4 WHERE o.order_id IS NULL OR o.price > 30
SELECT p.product_id, (SELECT COUNT(*) FROM {k}.corder o WHERE o.product_id = p.product_id) FROM {k}.product p
SELECT refund_id, RANK() OVER (ORDER BY amount) FROM {k}.refund
SELECT t.n, t.total FROM (SELECT COUNT(*) AS n, SUM(amount) AS total FROM {k}.refund) AS t
SELECT pay.method, COUNT(*) OVER (PARTITION BY pay.method), o.status FROM {k}.payment pay JOIN {k}.corder o ON o.order_id = pay.order_id WHERE pay.amount > 20 AND o.qty < 3

# WITH on the sharded keyspaces runs over copied rows
WITH big AS (SELECT customer_id, COUNT(*) AS n FROM {k}.corder WHERE price > 5 GROUP BY customer_id) SELECT c.name, big.n FROM {k}.customer c JOIN big ON big.customer_id = c.customer_id WHERE big.n > 1
WITH RECURSIVE chain (id, depth) AS (SELECT region_id, 0 FROM {k}.region WHERE region_id = 1 UNION ALL SELECT r.region_id, ch.depth + 1 FROM {k}.region r JOIN chain ch ON r.region_id = ch.id + 1 WHERE ch.depth < 4) SELECT id, depth FROM chain
WITH t AS (SELECT status, price FROM {k}.corder) SELECT status, MAX(price), RANK() OVER (ORDER BY MAX(price) DESC) FROM t GROUP BY status
WITH a AS (SELECT customer_id FROM {k}.corder WHERE qty > 4), b AS (SELECT customer_id FROM a WHERE customer_id < 20) SELECT COUNT(*), COUNT(DISTINCT customer_id) FROM b
WITH RECURSIVE r (n) AS (SELECT MIN(region_id) FROM {k}.region UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n, n * n FROM r
-- error 1235
SELECT customer_id FROM {k}.customer WHERE customer_id IN (WITH t AS (SELECT customer_id FROM {k}.corder) SELECT customer_id FROM t)

# Empty table, empty results and empty groups
SELECT * FROM {k}.refund WHERE refund_id = 1
SELECT order_id, COUNT(*) FROM {k}.refund GROUP BY order_id
SELECT COUNT(*), SUM(amount), MAX(amount) FROM {k}.refund WHERE order_id = 3
-- ordered
SELECT * FROM {k}.refund ORDER BY refund_id LIMIT 3
SELECT DISTINCT order_id FROM {k}.refund
SELECT o.order_id, r.refund_id FROM {k}.corder o LEFT JOIN {k}.refund r ON r.order_id = o.order_id WHERE o.customer_id = 2
SELECT o.order_id, r.refund_id FROM {k}.corder o LEFT JOIN {k}.refund r ON r.order_id = o.order_id
SELECT o.order_id FROM {k}.corder o JOIN {k}.refund r ON r.order_id = o.order_id
SELECT customer_id, COUNT(*) FROM {k}.corder WHERE customer_id IN (7, 19, 33) GROUP BY customer_id
SELECT COUNT(*), SUM(price), AVG(price), MIN(status) FROM {k}.corder WHERE customer_id IN (7, 19, 33)
SELECT COUNT(*), SUM(price) FROM {k}.corder WHERE customer_id = 19
SELECT qty, COUNT(*) FROM {k}.corder GROUP BY qty HAVING COUNT(*) < 0
SELECT r.region_id, COUNT(c.customer_id) FROM {k}.region r LEFT JOIN {k}.customer c ON c.region_id = r.region_id AND c.balance > 1000 GROUP BY r.region_id
SELECT c.customer_id, COUNT(o.order_id) FROM {k}.customer c LEFT JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE c.customer_id IN (7, 19, 33) GROUP BY c.customer_id
SELECT COUNT(o.order_id) FROM {k}.customer c LEFT JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE c.customer_id = 7

# Miscellaneous statements
SELECT * FROM {k}.customer WHERE customer_id > 38 FOR UPDATE
SELECT SQL_CALC_FOUND_ROWS customer_id FROM {k}.customer WHERE customer_id < 4
SELECT COUNT(*) FROM {k}.customer WHERE customer_id = 3 OR name = 'ann'
SELECT customer_id FROM {k}.customer WHERE (customer_id = 3 OR customer_id = 4) AND balance > 0
SELECT customer_id FROM {k}.customer WHERE customer_id IN (3, 4) OR region_id = 2
SELECT COUNT(*) FROM {k}.customer AS c WHERE c.customer_id IN (1, 2, 3, 4, 5, 6, 7, 8)
SELECT {k}.customer.customer_id FROM {k}.customer WHERE {k}.customer.customer_id = 8
SELECT `customer_id`, `name` FROM `{k}`.`customer` WHERE `customer_id` = 12
SELECT c.* FROM {k}.customer c WHERE c.region_id = 4
SELECT COUNT(*) FROM {k}.corder WHERE note LIKE '%'
SELECT COUNT(*) FROM {k}.corder WHERE note LIKE ''
SELECT order_id FROM {k}.corder WHERE customer_id BETWEEN 40 AND 45

# Functions with keyword arguments
SELECT customer_id, EXTRACT(YEAR FROM joined), EXTRACT(DAY_HOUR FROM joined) FROM {k}.customer WHERE customer_id IN (1, 2, 3, 4)
SELECT customer_id, TRIM(LEADING 'A' FROM name), TRIM(BOTH FROM CONCAT('  ', name, ' ')), TRIM(name) FROM {k}.customer WHERE customer_id < 6
SELECT customer_id, SUBSTRING(name FROM 2 FOR 3), SUBSTR(name FROM 2), POSITION('a' IN name) FROM {k}.customer WHERE customer_id < 6
SELECT CHAR(77, 97, 114, 105, 97 USING utf8mb4), CAST(name AS CHAR(4) CHARACTER SET utf8mb4) FROM {k}.customer WHERE customer_id = 3
-- error 1235
SELECT @n := customer_id FROM {k}.customer WHERE customer_id = 3

# Aggregates merged in vtgate: GROUP_CONCAT, variance, COUNT(DISTINCT a, b), expressions over aggregates
SELECT GROUP_CONCAT(name ORDER BY name, customer_id) FROM {k}.customer
SELECT region_id, GROUP_CONCAT(name ORDER BY name DESC, customer_id DESC SEPARATOR ' | ') FROM {k}.customer GROUP BY region_id
SELECT GROUP_CONCAT(DISTINCT qty ORDER BY qty DESC) FROM {k}.corder
SELECT UPPER(status), GROUP_CONCAT(DISTINCT product_id ORDER BY product_id SEPARATOR '') FROM {k}.corder GROUP BY UPPER(status)
SELECT GROUP_CONCAT(DISTINCT UPPER(status) ORDER BY 1) FROM {k}.corder
SELECT customer_id, GROUP_CONCAT(price, '/', qty ORDER BY order_id) FROM {k}.corder WHERE customer_id < 10 GROUP BY customer_id
SELECT GROUP_CONCAT(order_id) FROM {k}.corder WHERE qty > 100
SELECT customer_id, GROUP_CONCAT(order_id) FROM {k}.corder WHERE qty > 100 GROUP BY customer_id
SELECT GROUP_CONCAT(note ORDER BY note, order_id) FROM {k}.corder WHERE customer_id IN (2, 3, 26)
SELECT customer_id, GROUP_CONCAT(DISTINCT UPPER(note) ORDER BY UPPER(note) DESC) FROM {k}.corder GROUP BY customer_id
SELECT COUNT(*), GROUP_CONCAT(order_id ORDER BY price DESC, order_id) FROM {k}.corder WHERE status = 'cancelled'
SELECT qty, LENGTH(GROUP_CONCAT(order_id ORDER BY order_id)) FROM {k}.corder GROUP BY qty
SELECT region_id, GROUP_CONCAT(DISTINCT LOWER(tier) ORDER BY LOWER(tier) SEPARATOR ';'), COUNT(*) FROM {k}.customer GROUP BY region_id
SELECT GROUP_CONCAT(customer_id, ':', balance ORDER BY balance DESC, customer_id) FROM {k}.customer WHERE balance < 0
SELECT VAR_POP(qty), VAR_SAMP(qty), STDDEV_SAMP(qty), STD(qty), STDDEV(qty), VARIANCE(qty) FROM {k}.corder
SELECT VAR_POP(price), STDDEV_POP(price), VAR_SAMP(price) FROM {k}.corder
SELECT customer_id, VAR_POP(price), VAR_SAMP(qty), STDDEV_POP(qty) FROM {k}.corder GROUP BY customer_id
SELECT region_id, STDDEV_SAMP(balance), VARIANCE(balance), COUNT(balance) FROM {k}.customer GROUP BY region_id
SELECT VAR_POP(qty), STDDEV_SAMP(price) FROM {k}.corder WHERE qty > 100
SELECT VAR_SAMP(qty), VAR_POP(qty), STDDEV_SAMP(price) FROM {k}.corder WHERE order_id = 1
SELECT qty, VAR_POP(price) FROM {k}.corder WHERE qty > 100 GROUP BY qty
-- ordered
SELECT UPPER(status), VAR_POP(price) * 100, COUNT(*) FROM {k}.corder GROUP BY UPPER(status) ORDER BY 1
SELECT customer_id FROM {k}.corder GROUP BY customer_id HAVING STDDEV_POP(qty) > 1.5
SELECT STDDEV_POP(weight), VAR_SAMP(weight), AVG(weight) FROM {k}.product
SELECT COUNT(DISTINCT status, note) FROM {k}.corder
SELECT COUNT(DISTINCT customer_id, product_id) FROM {k}.corder WHERE qty > 100
SELECT qty, COUNT(DISTINCT product_id, UPPER(status)), COUNT(DISTINCT note) FROM {k}.corder GROUP BY qty
-- ordered
SELECT customer_id, SUM(price) FROM {k}.corder GROUP BY customer_id ORDER BY SUM(price) * -1, customer_id
SELECT UPPER(status) AS s, COUNT(*) FROM {k}.corder GROUP BY UPPER(status) HAVING s LIKE 'N%'
-- ordered
SELECT customer_id, MAX(price) - MIN(price) AS spread FROM {k}.corder GROUP BY customer_id HAVING spread > 20 ORDER BY spread DESC, customer_id
SELECT DISTINCT COUNT(*) FROM {k}.corder GROUP BY customer_id
SELECT DISTINCT qty % 2, COUNT(*) > 0 FROM {k}.corder GROUP BY qty
SELECT status IS NULL, COUNT(*) FROM {k}.corder GROUP BY status IS NULL HAVING COUNT(*) > 5
SELECT COUNT(*), SUM(qty) FROM {k}.corder GROUP BY customer_id HAVING customer_id IN (2, 3, 26)
SELECT customer_id, COUNT(*) FROM {k}.corder GROUP BY customer_id HAVING SUM(qty) / COUNT(*) > 4 AND COUNT(*) > 1
SELECT customer_id, VAR_SAMP(price) FROM {k}.corder GROUP BY customer_id HAVING VAR_SAMP(price) > 100
SELECT UPPER(status), CONCAT(STDDEV_POP(qty), '|', VAR_SAMP(price)), STDDEV_POP(qty) > 1.6 FROM {k}.corder GROUP BY UPPER(status)
SELECT region_id, ROUND(STD(balance), 2), VAR_POP(balance) + COUNT(*) FROM {k}.customer WHERE balance IS NOT NULL GROUP BY region_id
SELECT region_id, tier IS NULL, COUNT(*), SUM(balance) * 2 FROM {k}.customer WHERE region_id < 3 OR region_id IS NULL GROUP BY region_id, tier IS NULL WITH ROLLUP
SELECT region_id, COUNT(*) FROM {k}.customer GROUP BY region_id WITH ROLLUP HAVING COUNT(*) > 7
SELECT region_id, COUNT(*) FROM {k}.customer WHERE customer_id > 1000 GROUP BY region_id WITH ROLLUP
SELECT region_id, COUNT(*), MAX(name) FROM {k}.customer GROUP BY region_id WITH ROLLUP LIMIT 3
SELECT UPPER(status), qty, COUNT(*), GROUP_CONCAT(order_id ORDER BY order_id) FROM {k}.corder WHERE qty > 4 GROUP BY UPPER(status), qty WITH ROLLUP
SELECT region_id, VAR_POP(balance), AVG(balance) FROM {k}.customer GROUP BY region_id WITH ROLLUP
SELECT COUNT(*), SUM(qty) FROM {k}.corder GROUP BY customer_id % 3, qty WITH ROLLUP
SELECT customer_id FROM {k}.corder GROUP BY customer_id HAVING GROUP_CONCAT(status ORDER BY order_id) LIKE '%cancelled%'
-- ordered
SELECT customer_id, GROUP_CONCAT(qty ORDER BY qty) AS g FROM {k}.corder GROUP BY customer_id ORDER BY g, customer_id
SELECT DISTINCT GROUP_CONCAT(DISTINCT qty ORDER BY qty) FROM {k}.corder GROUP BY customer_id
SELECT qty, COUNT(DISTINCT customer_id), GROUP_CONCAT(DISTINCT UPPER(note) ORDER BY UPPER(note)), STDDEV_SAMP(price), SUM(price) FROM {k}.corder GROUP BY qty
SELECT region_id, COUNT(*) FROM {k}.customer GROUP BY region_id HAVING GROUP_CONCAT(name) IS NULL OR MIN(name) = 'ann'
-- ordered
SELECT COUNT(*) AS n, VAR_SAMP(weight) FROM {k}.product GROUP BY category IS NULL ORDER BY n
-- ordered
SELECT customer_id, VAR_POP(qty) AS v FROM {k}.corder GROUP BY customer_id ORDER BY v DESC, customer_id

# Joins through USING routed by the merged column: an unqualified USING column
# is one value in both co-located tables (an outer join's is the preserved
# side's), so a condition on it picks the shard.
SELECT c.name, o.order_id FROM {k}.customer c JOIN {k}.corder o USING (customer_id) WHERE customer_id = 2
SELECT name, order_id, qty FROM {k}.customer JOIN {k}.corder USING (customer_id) WHERE customer_id IN (2, 3, 6)
SELECT COUNT(*), SUM(qty) FROM {k}.customer JOIN {k}.corder USING (customer_id) WHERE customer_id = 3
SELECT customer_id, name, order_id FROM {k}.customer LEFT JOIN {k}.corder USING (customer_id) WHERE customer_id = 7
SELECT customer_id, name, order_id FROM {k}.customer LEFT JOIN {k}.corder USING (customer_id) WHERE customer_id = 1
SELECT customer_id, name, order_id FROM {k}.customer RIGHT JOIN {k}.corder USING (customer_id) WHERE customer_id = 43
-- ordered
SELECT customer_id, order_id FROM {k}.customer JOIN {k}.corder USING (customer_id) WHERE customer_id = 6 ORDER BY order_id

# Window functions partitioned by the vindex column: every shard computes them
# (pushed down); vtgate concatenates, sorts, limits and deduplicates the values
# as plain columns. Window ORDER BYs are total where the value depends on row
# order (ROW_NUMBER, LAG/LEAD, ROWS frames); ties are only used where peers get
# equal values (RANK, DENSE_RANK, RANGE frames).
SELECT order_id, customer_id, RANK() OVER (PARTITION BY customer_id ORDER BY qty DESC) FROM {k}.corder
SELECT order_id, DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY status) FROM {k}.corder
SELECT order_id, LEAD(order_id, 2) OVER (PARTITION BY customer_id ORDER BY order_id), LAG(qty, 1) OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder
SELECT order_id, SUM(price) OVER (PARTITION BY customer_id ORDER BY order_id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM {k}.corder
SELECT order_id, COUNT(*) OVER (PARTITION BY customer_id), AVG(price) OVER (PARTITION BY customer_id) FROM {k}.corder WHERE qty > 2
SELECT order_id, SUM(qty) OVER (PARTITION BY customer_id ORDER BY price RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM {k}.corder
SELECT order_id, COUNT(price) OVER (PARTITION BY status, customer_id ORDER BY qty) FROM {k}.corder
SELECT order_id, SUM(price) OVER w, MAX(qty) OVER w, MIN(qty) OVER w FROM {k}.corder WINDOW w AS (PARTITION BY customer_id ORDER BY order_id)
SELECT order_id, ROW_NUMBER() OVER w, LEAD(price) OVER w FROM {k}.corder WHERE qty < 4 WINDOW w AS (PARTITION BY customer_id ORDER BY order_id DESC)
SELECT order_id, FIRST_VALUE(price) OVER (PARTITION BY customer_id ORDER BY order_id), NTILE(2) OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder
SELECT order_id, CUME_DIST() OVER (PARTITION BY customer_id ORDER BY qty), PERCENT_RANK() OVER (PARTITION BY customer_id ORDER BY qty) FROM {k}.corder
SELECT order_id, price - LAG(price) OVER (PARTITION BY customer_id ORDER BY order_id) AS delta FROM {k}.corder WHERE customer_id < 10
-- ordered
SELECT order_id, customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY price DESC, order_id) AS rn FROM {k}.corder ORDER BY rn, order_id LIMIT 10
-- ordered
SELECT customer_id, order_id, SUM(price) OVER (PARTITION BY customer_id ORDER BY order_id) AS running FROM {k}.corder ORDER BY running DESC, order_id LIMIT 5
-- ordered
SELECT order_id, RANK() OVER (PARTITION BY customer_id ORDER BY qty) AS r FROM {k}.corder WHERE status = 'shipped' ORDER BY 2 DESC, 1 LIMIT 4 OFFSET 2
-- ordered
SELECT order_id FROM {k}.corder ORDER BY COUNT(*) OVER (PARTITION BY customer_id) DESC, order_id LIMIT 7
SELECT DISTINCT customer_id, COUNT(*) OVER (PARTITION BY customer_id) FROM {k}.corder
SELECT DISTINCT DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY qty) FROM {k}.corder
SELECT c.name, o.order_id, ROW_NUMBER() OVER (PARTITION BY c.customer_id ORDER BY o.order_id) FROM {k}.customer AS c JOIN {k}.corder AS o ON c.customer_id = o.customer_id WHERE c.balance > 10
SELECT o.order_id, COUNT(*) OVER (PARTITION BY o.customer_id ORDER BY o.price) FROM {k}.corder AS o JOIN {k}.customer AS c ON o.customer_id = c.customer_id WHERE c.tier = 'gold'
SELECT c.customer_id, COUNT(o.order_id) OVER (PARTITION BY c.customer_id) FROM {k}.customer AS c LEFT JOIN {k}.corder AS o ON c.customer_id = o.customer_id
-- ordered
SELECT c.customer_id, o.order_id, SUM(o.qty) OVER (PARTITION BY c.customer_id ORDER BY o.order_id) AS s FROM {k}.customer AS c JOIN {k}.corder AS o ON c.customer_id = o.customer_id ORDER BY s DESC, o.order_id LIMIT 6
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder WHERE customer_id = 3
SELECT order_id, customer_id FROM (SELECT order_id, customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY price DESC, order_id) AS rn FROM {k}.corder) AS t WHERE rn = 1
-- ordered
SELECT customer_id, order_id, rn FROM (SELECT order_id, customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY qty DESC, order_id) AS rn FROM {k}.corder) AS t WHERE rn <= 2 ORDER BY customer_id, rn LIMIT 8
SELECT customer_id, COUNT(*), RANK() OVER (PARTITION BY customer_id ORDER BY COUNT(*)) FROM {k}.corder GROUP BY customer_id
SELECT customer_id, COUNT(*), SUM(SUM(qty)) OVER (PARTITION BY customer_id) FROM {k}.corder GROUP BY customer_id HAVING COUNT(*) > 3
-- ordered
SELECT customer_id, product_id, SUM(qty) AS s, DENSE_RANK() OVER (PARTITION BY customer_id ORDER BY SUM(qty) DESC) AS r FROM {k}.corder GROUP BY customer_id, product_id ORDER BY customer_id, r, product_id LIMIT 12
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder WHERE customer_id < 6 UNION ALL SELECT customer_id, RANK() OVER (PARTITION BY customer_id ORDER BY balance) FROM {k}.customer
SELECT customer_id FROM {k}.customer WHERE customer_id IN (SELECT customer_id FROM (SELECT customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) AS rn FROM {k}.corder) AS t WHERE rn = 5)
SELECT corder.order_id, ROW_NUMBER() OVER (PARTITION BY corder.customer_id ORDER BY corder.order_id DESC) FROM {k}.corder
SELECT order_id, LEAD(qty) OVER (PARTITION BY {k}.corder.customer_id ORDER BY order_id) FROM {k}.corder WHERE price > 20
-- ordered
SELECT DISTINCT customer_id, COUNT(*) OVER (PARTITION BY customer_id) AS n FROM {k}.corder ORDER BY n DESC, customer_id LIMIT 6
# Window functions whose partitions span shards, or windows over groups split across shards: run over copied rows
SELECT order_id, RANK() OVER (PARTITION BY status ORDER BY qty) FROM {k}.corder
SELECT order_id, RANK() OVER (PARTITION BY customer_id + 0 ORDER BY qty) FROM {k}.corder
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id), RANK() OVER (ORDER BY price) FROM {k}.corder
SELECT c.customer_id, ROW_NUMBER() OVER (PARTITION BY o.customer_id ORDER BY c.customer_id) FROM {k}.customer AS c LEFT JOIN {k}.corder AS o ON c.customer_id = o.customer_id
SELECT order_id AS customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder
SELECT order_id, COUNT(*) OVER (PARTITION BY payment_id) FROM {k}.corder JOIN {k}.payment USING (order_id)
SELECT order_id FROM (SELECT order_id, ROW_NUMBER() OVER (ORDER BY price DESC, order_id) AS rn FROM {k}.corder) AS t WHERE rn <= 3
SELECT customer_id, SUM(MAX(qty)) OVER (PARTITION BY customer_id) FROM {k}.corder GROUP BY customer_id WITH ROLLUP
SELECT product_id, COUNT(*) OVER (PARTITION BY product_id) FROM {k}.corder GROUP BY product_id
SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) FROM {k}.corder UNION ALL SELECT customer_id, RANK() OVER (ORDER BY balance) FROM {k}.customer
