#!/usr/bin/env python3
"""PyMySQL against vtgate.

Checks, comparing every value that comes back (value and Python type):
  - caching_sha2_password login with charset utf8mb4 to the sharded keyspace;
  - cursor.execute with %s parameters, executemany of 20 customers whose ids
    fall on both shards, a point select and an ordered scatter select that
    return exactly the inserted rows, COUNT/SUM/MIN/MAX over both shards;
  - a transaction over both shards committed (visible to another
    connection only after COMMIT) and one rolled back (rows gone);
  - autocommit toggling (server status flags, rollback and commit in
    manual mode, immediate visibility back in autocommit mode);
  - a duplicate key: pymysql.err.IntegrityError with errno 1062, and the
    connection still usable afterwards;
  - a types table in the unsharded keyspace: integers (negative, BIGINT
    UNSIGNED max), DECIMAL, DOUBLE, DATE, DATETIME(6), TIMESTAMP(6), TIME(6),
    utf8mb4 text, BLOB bytes with 0x00 and 0xFF, NULLs, round-tripped
    through parameters and compared to the Python values.

Uses customer_id 1000000-1000999 and tables named pymysql_*.
Prints one line per check; exits 1 on the first mismatch.
"""

import datetime
import decimal
import os
import struct
import sys

import pymysql
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

HOST = os.environ.get("TESSERA_HOST", "127.0.0.1")
PORT = int(os.environ.get("TESSERA_PORT", "15306"))
USER = os.environ.get("TESSERA_USER", "app")
PASSWORD = os.environ.get("TESSERA_PASSWORD", "app")
SHARDED = os.environ.get("TESSERA_KEYSPACE", "customer")
UNSHARDED = os.environ.get("TESSERA_UNSHARDED", "commerce")

ID_MIN, ID_MAX = 1000000, 1000999
TYPES_TABLE = "pymysql_types"

UNICODE_TEXT = "Grüße 日本 🎉"
# customer.email is a latin1 column: non-ASCII text that latin1 can hold.
LATIN1_TEXT = "Grüße, café àéîõü ÿ"
BLOB_BYTES = b"\x00\x01binary\x7f\x80\xfe\xff\x00"
UINT64_MAX = 18446744073709551615
INT64_MIN = -9223372036854775808
INT64_MAX = 9223372036854775807


class CheckFailed(Exception):
    pass


def typed(value):
    """A value with the types of everything in it, so 1 != Decimal(1) != '1'."""
    if isinstance(value, (list, tuple)):
        return type(value).__name__, [typed(v) for v in value]
    if isinstance(value, dict):
        return "dict", sorted((k, typed(v)) for k, v in value.items())
    return type(value).__name__, value


def check(name, expected, actual):
    if typed(expected) != typed(actual):
        raise CheckFailed(f"{name}\n  expected: {expected!r}\n  actual:   {actual!r}")
    print(f"ok: {name}")


def connect(database, autocommit=True):
    """autocommit=None keeps the server's setting (PyMySQL's default turns it off)."""
    # Timeouts turn a hang into a failure.
    return pymysql.connect(host=HOST, port=PORT, user=USER, password=PASSWORD,
                           database=database, charset="utf8mb4", autocommit=autocommit,
                           connect_timeout=30, read_timeout=60, write_timeout=60)


def query(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchall()


def execute(conn, sql, args=None):
    with conn.cursor() as cur:
        return cur.execute(sql, args)


def shard_of(customer_id):
    """The shard ("-80" or "80-") the hash vindex puts `customer_id` on: the
    id big-endian, DES-encrypted under the all-zero key."""
    # Triple DES with one 8-byte key repeated is single DES.
    encryptor = Cipher(algorithms.TripleDES(b"\x00" * 8), modes.ECB()).encryptor()
    keyspace_id = encryptor.update(struct.pack(">Q", customer_id)) + encryptor.finalize()
    return "-80" if keyspace_id[0] < 0x80 else "80-"


def ids_on_shard(shard, start, count):
    ids = []
    candidate = start
    while len(ids) < count:
        if shard_of(candidate) == shard:
            ids.append(candidate)
        candidate += 1
    if ids[-1] > ID_MAX:
        raise CheckFailed(f"no room in the id range for {count} ids on shard {shard}")
    return ids


def customers_in_range(conn, low=ID_MIN, high=ID_MAX):
    return query(conn, "SELECT customer_id, email FROM customer "
                       "WHERE customer_id BETWEEN %s AND %s ORDER BY customer_id",
                 (low, high))


def cleanup(conn, other):
    execute(conn, "DELETE FROM corder WHERE customer_id BETWEEN %s AND %s", (ID_MIN, ID_MAX))
    execute(conn, "DELETE FROM customer WHERE customer_id BETWEEN %s AND %s", (ID_MIN, ID_MAX))
    execute(other, f"DROP TABLE IF EXISTS {TYPES_TABLE}")
    check("cleanup: no leftover customers", (), customers_in_range(conn))


def check_connection(conn):
    untouched = connect(SHARDED, autocommit=None)
    check("connect: server starts the session in autocommit mode", True,
          untouched.get_autocommit())
    check("connect: SELECT @@autocommit on a fresh session", ((1,),),
          query(untouched, "SELECT @@autocommit"))
    untouched.close()
    check("connect: server version is a string", True,
          isinstance(conn.get_server_info(), str) and len(conn.get_server_info()) > 0)
    check("connect: SELECT DATABASE()", ((SHARDED,),), query(conn, "SELECT DATABASE()"))
    check("connect: character_set_client", (("utf8mb4",),),
          query(conn, "SELECT @@character_set_client"))
    check("connect: SELECT 1", ((1,),), query(conn, "SELECT 1"))
    check("connect: autocommit=True", True, conn.get_autocommit())


def check_execute_and_selects(conn):
    # A single row with parameters, including non-ASCII text.
    first = ID_MIN
    check("execute: INSERT with %s parameters returns rowcount 1", 1,
          execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
                  (first, LATIN1_TEXT)))
    check("execute: point select of a non-ASCII email",
          ((first, LATIN1_TEXT),),
          query(conn, "SELECT customer_id, email FROM customer WHERE customer_id = %s", (first,)))
    check("execute: scatter select by the non-ASCII value",
          ((first,),),
          query(conn, "SELECT customer_id FROM customer WHERE customer_id BETWEEN %s AND %s "
                      "AND email = %s", (ID_MIN, ID_MAX, LATIN1_TEXT)))
    check("execute: UPDATE with parameters returns rowcount 1", 1,
          execute(conn, "UPDATE customer SET email = %s WHERE customer_id = %s",
                  ("first@example.com", first)))
    check("execute: DELETE with parameters returns rowcount 1", 1,
          execute(conn, "DELETE FROM customer WHERE customer_id = %s", (first,)))
    check("execute: deleted row is gone", (),
          query(conn, "SELECT customer_id FROM customer WHERE customer_id = %s", (first,)))

    # executemany: 20 customers, ids spread over both shards.
    rows = [(ID_MIN + 10 + i, f"user{i}@example.com") for i in range(20)]
    shards = {shard_of(cid) for cid, _ in rows}
    check("executemany: the 20 ids fall on both shards", {"-80", "80-"}, shards)
    with conn.cursor() as cur:
        affected = cur.executemany("INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
                                   rows)
    check("executemany: rowcount 20", 20, affected)

    target = rows[7]
    check("point select returns the one row",
          (target,),
          query(conn, "SELECT customer_id, email FROM customer WHERE customer_id = %s",
                (target[0],)))
    check("point select of a missing id returns nothing", (),
          query(conn, "SELECT customer_id, email FROM customer WHERE customer_id = %s",
                (ID_MIN + 999,)))
    check("scatter select ORDER BY customer_id returns exactly the inserted rows",
          tuple(rows), customers_in_range(conn))
    check("scatter select ORDER BY customer_id DESC",
          tuple(reversed(rows)),
          query(conn, "SELECT customer_id, email FROM customer "
                      "WHERE customer_id BETWEEN %s AND %s ORDER BY customer_id DESC",
                (ID_MIN, ID_MAX)))
    check("scatter select ORDER BY email LIMIT 3 OFFSET 2",
          tuple(sorted(rows, key=lambda r: r[1])[2:5]),
          query(conn, "SELECT customer_id, email FROM customer "
                      "WHERE customer_id BETWEEN %s AND %s ORDER BY email LIMIT 3 OFFSET 2",
                (ID_MIN, ID_MAX)))
    picked = [rows[0][0], rows[5][0], rows[13][0], rows[19][0]]
    check("IN list over both shards",
          tuple(r for r in rows if r[0] in picked),
          query(conn, "SELECT customer_id, email FROM customer WHERE customer_id IN %s "
                      "ORDER BY customer_id", (picked,)))
    with conn.cursor(pymysql.cursors.DictCursor) as cur:
        cur.execute("SELECT customer_id, email FROM customer WHERE customer_id = %s",
                    (target[0],))
        check("DictCursor: column names and values",
              [{"customer_id": target[0], "email": target[1]}], list(cur.fetchall()))

    # Orders with negative and extreme prices; aggregates over both shards.
    orders = [(ID_MIN + 100 + i, cid, f"sku-{i % 3}", price)
              for i, (cid, price) in enumerate(zip(
                  [r[0] for r in rows[:6]], [-5, 10, INT64_MAX, INT64_MIN, 0, -1]))]
    with conn.cursor() as cur:
        check("executemany: 6 orders", 6,
              cur.executemany("INSERT INTO corder (order_id, customer_id, sku, price) "
                              "VALUES (%s, %s, %s, %s)", orders))
    check("orders: negative and extreme BIGINT prices round-trip",
          tuple(orders),
          query(conn, "SELECT order_id, customer_id, sku, price FROM corder "
                      "WHERE customer_id BETWEEN %s AND %s ORDER BY order_id",
                (ID_MIN, ID_MAX)))
    check("aggregates over both shards: COUNT, SUM (DECIMAL), MIN, MAX",
          ((6, decimal.Decimal(sum(o[3] for o in orders)), INT64_MIN, INT64_MAX),),
          query(conn, "SELECT COUNT(*), SUM(price), MIN(price), MAX(price) FROM corder "
                      "WHERE customer_id BETWEEN %s AND %s", (ID_MIN, ID_MAX)))
    check("negative literal compared in WHERE",
          ((orders[0][0],),),
          query(conn, "SELECT order_id FROM corder WHERE customer_id BETWEEN %s AND %s "
                      "AND price = -5", (ID_MIN, ID_MAX)))
    return rows


def check_transactions(conn, observer):
    low = ids_on_shard("-80", ID_MIN + 200, 2)
    high = ids_on_shard("80-", ID_MIN + 200, 2)

    # Committed transaction spanning both shards.
    committed = sorted([(low[0], "tx-low@example.com"), (high[0], "tx-high@example.com")])
    conn.begin()
    for row in committed:
        execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)", row)
    check("transaction: status flag IN_TRANS set inside BEGIN", True,
          bool(conn.server_status & pymysql.constants.SERVER_STATUS.SERVER_STATUS_IN_TRANS))
    check("transaction: own uncommitted rows visible inside it",
          tuple(committed), customers_in_range(conn, ID_MIN + 200, ID_MIN + 999))
    check("transaction: uncommitted rows invisible to another connection",
          (), customers_in_range(observer, ID_MIN + 200, ID_MIN + 999))
    conn.commit()
    check("transaction: status flag IN_TRANS clear after COMMIT", False,
          bool(conn.server_status & pymysql.constants.SERVER_STATUS.SERVER_STATUS_IN_TRANS))
    check("transaction over both shards committed: rows visible to another connection",
          tuple(committed), customers_in_range(observer, ID_MIN + 200, ID_MIN + 999))

    # Rolled back transaction spanning both shards: inserts and an update.
    conn.begin()
    execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
            (low[1], "rb-low@example.com"))
    execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
            (high[1], "rb-high@example.com"))
    execute(conn, "UPDATE customer SET email = %s WHERE customer_id IN (%s, %s)",
            ("changed@example.com", low[0], high[0]))
    check("rollback: changes visible inside the transaction",
          tuple(sorted([(low[0], "changed@example.com"), (high[0], "changed@example.com"),
                        (low[1], "rb-low@example.com"), (high[1], "rb-high@example.com")])),
          customers_in_range(conn, ID_MIN + 200, ID_MIN + 999))
    conn.rollback()
    check("transaction over both shards rolled back: inserts gone, update undone",
          tuple(committed), customers_in_range(conn, ID_MIN + 200, ID_MIN + 999))
    check("rollback: another connection sees the committed state only",
          tuple(committed), customers_in_range(observer, ID_MIN + 200, ID_MIN + 999))


def check_autocommit(conn, observer):
    low = ids_on_shard("-80", ID_MIN + 300, 2)
    high = ids_on_shard("80-", ID_MIN + 300, 2)

    conn.autocommit(False)
    check("autocommit(False): server status flag cleared", False, conn.get_autocommit())
    check("autocommit(False): SELECT @@autocommit", ((0,),), query(conn, "SELECT @@autocommit"))
    execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
            (low[0], "manual-low@example.com"))
    execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
            (high[0], "manual-high@example.com"))
    check("autocommit off: status flag IN_TRANS set after a write", True,
          bool(conn.server_status & pymysql.constants.SERVER_STATUS.SERVER_STATUS_IN_TRANS))
    check("autocommit off: writes invisible to another connection before commit",
          (), customers_in_range(observer, ID_MIN + 300, ID_MIN + 999))
    conn.rollback()
    check("autocommit off: rollback discards the writes on both shards",
          (), customers_in_range(conn, ID_MIN + 300, ID_MIN + 999))
    kept = sorted([(low[0], "kept-low@example.com"), (high[0], "kept-high@example.com")])
    for row in kept:
        execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)", row)
    conn.commit()
    check("autocommit off: status flag IN_TRANS clear after COMMIT", False,
          bool(conn.server_status & pymysql.constants.SERVER_STATUS.SERVER_STATUS_IN_TRANS))
    check("autocommit off: commit makes the writes visible to another connection",
          tuple(kept), customers_in_range(observer, ID_MIN + 300, ID_MIN + 999))

    conn.autocommit(True)
    check("autocommit(True): server status flag set", True, conn.get_autocommit())
    check("autocommit(True): SELECT @@autocommit", ((1,),), query(conn, "SELECT @@autocommit"))
    execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
            (low[1], "auto-low@example.com"))
    execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
            (high[1], "auto-high@example.com"))
    check("autocommit on: writes visible to another connection at once",
          tuple(sorted(kept + [(low[1], "auto-low@example.com"),
                               (high[1], "auto-high@example.com")])),
          customers_in_range(observer, ID_MIN + 300, ID_MIN + 999))


def check_duplicate_key(conn, rows):
    existing = rows[3]
    try:
        execute(conn, "INSERT INTO customer (customer_id, email) VALUES (%s, %s)",
                (existing[0], "dup@example.com"))
    except pymysql.err.IntegrityError as e:
        check("duplicate key: IntegrityError errno", 1062, e.args[0])
        check("duplicate key: message names the key", True, "Duplicate entry" in str(e.args[1]))
    except pymysql.err.MySQLError as e:
        raise CheckFailed(f"duplicate key: expected IntegrityError 1062, got "
                          f"{type(e).__name__} {e.args!r}")
    else:
        raise CheckFailed("duplicate key: expected IntegrityError 1062, the INSERT succeeded")
    check("duplicate key: original row unchanged",
          (existing,),
          query(conn, "SELECT customer_id, email FROM customer WHERE customer_id = %s",
                (existing[0],)))
    check("duplicate key: connection still usable", ((1,),), query(conn, "SELECT 1"))


TYPES_DDL = f"""
CREATE TABLE {TYPES_TABLE} (
  id INT NOT NULL PRIMARY KEY,
  i_tiny TINYINT,
  i_neg BIGINT,
  u_big BIGINT UNSIGNED,
  dec_val DECIMAL(12,2),
  dec_neg DECIMAL(20,6),
  dbl DOUBLE,
  d DATE,
  dt DATETIME(6),
  ts TIMESTAMP(6) NULL,
  tm TIME(6),
  txt VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  blb BLOB,
  vbin VARBINARY(32),
  nul INT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
"""

TYPES_COLUMNS = ["id", "i_tiny", "i_neg", "u_big", "dec_val", "dec_neg", "dbl", "d", "dt",
                 "ts", "tm", "txt", "blb", "vbin", "nul"]

FT = pymysql.constants.FIELD_TYPE
TYPES_FIELD_TYPES = [FT.LONG, FT.TINY, FT.LONGLONG, FT.LONGLONG, FT.NEWDECIMAL, FT.NEWDECIMAL,
                     FT.DOUBLE, FT.DATE, FT.DATETIME, FT.TIMESTAMP, FT.TIME, FT.VAR_STRING,
                     FT.BLOB, FT.VAR_STRING, FT.LONG]

TYPES_ROWS = [
    (1, -128, -42, UINT64_MAX, decimal.Decimal("12345.67"), decimal.Decimal("-0.000001"),
     -1.5, datetime.date(2024, 2, 29),
     datetime.datetime(2024, 2, 29, 23, 59, 58, 123456),
     datetime.datetime(2023, 12, 31, 8, 9, 10, 654321),
     datetime.timedelta(hours=1, minutes=2, seconds=3, microseconds=400005),
     UNICODE_TEXT, BLOB_BYTES, b"\xff\x00\xff", None),
    (2, 127, INT64_MIN, 0, decimal.Decimal("-9999999999.99"),
     decimal.Decimal("12345678901234.123456"), 3.141592653589793,
     datetime.date(1000, 1, 1), datetime.datetime(1999, 12, 31, 23, 59, 59, 999999),
     None, datetime.timedelta(hours=838, minutes=59, seconds=59),
     "", b"", b"\x00", 7),
    (3, None, None, None, None, None, None, None, None, None, None, None, None, None, None),
]


def check_types(db):
    try:
        execute(db, TYPES_DDL)
    except pymysql.err.MySQLError as e:
        raise CheckFailed(f"CREATE TABLE {UNSHARDED}.{TYPES_TABLE} failed: {e.args!r}")
    print(f"ok: CREATE TABLE {UNSHARDED}.{TYPES_TABLE}")

    insert = f"INSERT INTO {TYPES_TABLE} ({', '.join(TYPES_COLUMNS)}) VALUES " \
             f"({', '.join(['%s'] * len(TYPES_COLUMNS))})"
    rows = TYPES_ROWS
    # Bytes parameters go into the statement text raw (not valid UTF-8).
    name = "types: executemany of every type, bytes raw"
    try:
        with db.cursor() as cur:
            affected = cur.executemany(insert, rows)
    except pymysql.err.MySQLError as e:
        raise CheckFailed(f"{name}\n  statement: {insert}\n  rows: {rows!r}\n"
                          f"  expected: rowcount {len(rows)}\n  actual:   {type(e).__name__} {e.args!r}")
    check(f"{name}: rowcount", len(TYPES_ROWS), affected)

    with db.cursor() as cur:
        cur.execute(f"SELECT {', '.join(TYPES_COLUMNS)} FROM {TYPES_TABLE} ORDER BY id")
        got = cur.fetchall()
        check("types: column names", TYPES_COLUMNS, [d[0] for d in cur.description])
        check("types: column type codes", TYPES_FIELD_TYPES, [d[1] for d in cur.description])
        check("types: DECIMAL and DATETIME/TIMESTAMP/TIME scale", [2, 6, 6, 6, 6],
              [cur.description[TYPES_COLUMNS.index(c)][5]
               for c in ("dec_val", "dec_neg", "dt", "ts", "tm")])
        check("types: row count", len(TYPES_ROWS), len(got))
    for expected, actual in zip(TYPES_ROWS, got):
        for column, want, have in zip(TYPES_COLUMNS, expected, actual):
            check(f"types: row {expected[0]} {column} = {want!r}", want, have)

    check("types: select by DECIMAL parameter",
          ((1,),), query(db, f"SELECT id FROM {TYPES_TABLE} WHERE dec_val = %s",
                         (decimal.Decimal("12345.67"),)))
    check("types: select by BIGINT UNSIGNED max parameter",
          ((1,),), query(db, f"SELECT id FROM {TYPES_TABLE} WHERE u_big = %s", (UINT64_MAX,)))
    check("types: select by DATETIME(6) parameter",
          ((1,),), query(db, f"SELECT id FROM {TYPES_TABLE} WHERE dt = %s",
                         (datetime.datetime(2024, 2, 29, 23, 59, 58, 123456),)))
    check("types: select by unicode parameter",
          ((1,),), query(db, f"SELECT id FROM {TYPES_TABLE} WHERE txt = %s", (UNICODE_TEXT,)))
    check("types: select by BLOB parameter with 0x00 and 0xFF",
          ((1,),), query(db, f"SELECT id FROM {TYPES_TABLE} WHERE blb = %s", (BLOB_BYTES,)))
    execute(db, f"INSERT INTO {TYPES_TABLE} (id, tm) VALUES (%s, %s)", (4, "-00:00:01.5"))
    check("types: negative TIME(6) comes back as a negative timedelta",
          ((-datetime.timedelta(seconds=1, microseconds=500000),),),
          query(db, f"SELECT tm FROM {TYPES_TABLE} WHERE id = 4"))
    check("types: IS NULL", ((3,), (4,)),
          query(db, f"SELECT id FROM {TYPES_TABLE} WHERE nul IS NULL AND id > 1"))
    check("types: LENGTH and CHAR_LENGTH of the utf8mb4 text",
          ((len(UNICODE_TEXT.encode("utf-8")), len(UNICODE_TEXT)),),
          query(db, f"SELECT LENGTH(txt), CHAR_LENGTH(txt) FROM {TYPES_TABLE} WHERE id = 1"))
    check("types: HEX of the BLOB",
          ((BLOB_BYTES.hex().upper(),),),
          query(db, f"SELECT HEX(blb) FROM {TYPES_TABLE} WHERE id = 1"))
    check("types: literals (unsigned max, negative, decimal, NULL)",
          ((UINT64_MAX, INT64_MIN, decimal.Decimal("12345.67"), None, UNICODE_TEXT),),
          query(db, "SELECT 18446744073709551615, -9223372036854775808, 12345.67, NULL, %s",
                (UNICODE_TEXT,)))

    execute(db, f"DROP TABLE {TYPES_TABLE}")
    print(f"ok: DROP TABLE {UNSHARDED}.{TYPES_TABLE}")


def main():
    conn = connect(SHARDED)
    observer = connect(SHARDED)
    unsharded = connect(UNSHARDED)
    try:
        cleanup(conn, unsharded)
        check_connection(conn)
        rows = check_execute_and_selects(conn)
        check_transactions(conn, observer)
        check_autocommit(conn, observer)
        check_duplicate_key(conn, rows)
        check_types(unsharded)
        cleanup(conn, unsharded)
    finally:
        for c in (conn, observer, unsharded):
            try:
                c.close()
            except Exception:
                pass
    print("pymysql: ok")


if __name__ == "__main__":
    try:
        main()
    except CheckFailed as failure:
        print(f"FAIL: {failure}")
        sys.exit(1)
    except pymysql.err.MySQLError as error:
        print(f"FAIL: unexpected MySQL error {type(error).__name__} {error.args!r}")
        sys.exit(1)
