'use strict';
// Client matrix: mysql2 (Node.js, promise API) against vtgate.
//
//   - login with caching_sha2_password: the server's side of the handshake is
//     read off the socket to see which path it took (the fast path, or full
//     authentication with the RSA key exchange); the next login must take the
//     fast path, and a wrong password must go through full authentication
//     and fail with 1045;
//   - every check runs twice: through conn.query (text protocol, mysql2
//     escapes the values into the statement) and conn.execute (server-side
//     prepared statements, binary protocol), with ? placeholders;
//   - a table of its own in the unsharded keyspace with INT, BIGINT, BIGINT
//     UNSIGNED (max), DECIMAL, DATETIME(6), DATE, a utf8mb4 VARCHAR, BLOB
//     (0x00..0xFF) and DOUBLE, written and read back with NULLs and negatives,
//     compared with the server's own rendering (CAST, HEX), the column
//     metadata, and SELECTs with a parameter of each type;
//   - the sharded keyspace: 20 customers over both shards (one multi-row
//     INSERT through query, one prepared INSERT executed 20 times through
//     execute), a scatter SELECT ... ORDER BY, COUNT(*), an UPDATE;
//   - beginTransaction/commit over both shards (invisible to another
//     connection until the commit) and beginTransaction/rollback (rows gone);
//   - a duplicate key: errno 1062, and the connection usable afterwards;
//   - mysql2's default conversions (no string options): the JavaScript types;
//   - last: the customer_id of INSERT, SELECT, UPDATE and DELETE on the
//     sharded table as a plain JavaScript number, which execute binds as a
//     DOUBLE (elsewhere customer ids go as BigInt).
//
// Values come back as strings where JavaScript numbers or Dates would lose
// them: the connections set supportBigNumbers and bigNumberStrings (BIGINT
// and DECIMAL as exact strings) and dateStrings (DATETIME(6) and DATE as
// strings, since a Date holds only milliseconds and applies a time zone).
// INT and DOUBLE come back as numbers, BLOB as a Buffer.
//
// Which shard a row is on is read from the shard itself (@@server_id in a
// scatter SELECT). The transactions use fixed ids that the hash vindex puts
// on different shards; that too is checked through @@server_id.
// Ids 4000000-4000999 and tables named mysql2_* belong to this program; it
// deletes its leftovers first, so it can run again on the same cluster.
// Prints one line per check; on the first mismatch prints what was expected
// and what came back and exits 1; prints "mysql2: ok" at the end.

const net = require('net');
const util = require('util');
const mysql = require('mysql2/promise');

const FIRST_ID = 4000000;
const LAST_ID = 4000999;

const UNICODE = 'Grüße 日本 🎉';
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const BLOB = Buffer.concat([Buffer.from([0x00, 0xff, 0x27, 0x5c, 0x22, 0x00]), ALL_BYTES]);
const UNSIGNED_MAX = '18446744073709551615';
const BIGINT_MAX = '9223372036854775807';
const BIGINT_MIN = '-9223372036854775808';
const PRICE = '12345.67';
const DATETIME = '2024-02-29 13:45:56.123456';
const DAY = '2023-12-31';

// Exact values, as strings: the ones BIGINT, DECIMAL, DATETIME and DATE come
// back as.
const STRING_TYPES = { supportBigNumbers: true, bigNumberStrings: true, dateStrings: true };

// Column types and flags of the protocol, as mysql2 reports them in `fields`.
const TYPE = { LONG: 3, DOUBLE: 5, LONGLONG: 8, DATE: 10, DATETIME: 12, NEWDECIMAL: 246, BLOB: 252, VAR_STRING: 253 };
const FLAG = { NOT_NULL: 1, PRI_KEY: 2, UNSIGNED: 32, BINARY: 128 };

function env(name) {
  const value = process.env[name];
  if (!value) fail(`environment variable ${name} is not set`);
  return value;
}

const target = {
  host: env('TESSERA_HOST'),
  port: Number(env('TESSERA_PORT')),
  user: env('TESSERA_USER'),
  password: env('TESSERA_PASSWORD'),
};
const SHARDED = env('TESSERA_KEYSPACE');
const UNSHARDED = env('TESSERA_UNSHARDED');

// ------------------------------------------------------------------ checks

function fail(message) {
  console.log(`FAIL: ${message}`);
  process.exit(1);
}

function show(value) {
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  return util.inspect(value, { depth: 4, compact: true, breakLength: Infinity, maxArrayLength: 50 });
}

function check(what, expected, actual) {
  if (!util.isDeepStrictEqual(expected, actual)) {
    fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
  console.log(`ok: ${what} = ${show(actual)}`);
}

async function expectError(what, errno, promise) {
  try {
    await promise;
  } catch (err) {
    check(`${what}: errno (${err.code}: ${err.message})`, errno, err.errno);
    return err;
  }
  fail(`${what}: expected error ${errno}, got success`);
}

function hex(buffer) {
  return buffer.toString('hex').toUpperCase();
}

function connect(database, options = {}) {
  return mysql.createConnection({ ...target, database, ...options });
}

// ------------------------------------------------------------------ login

// A socket that also records the packets the server sends until the
// handshake ends (OK or ERR): the greeting, then AuthSwitchRequest (0xFE) or
// AuthMoreData (0x01: 0x03 fast path, 0x04 full authentication, or the RSA
// public key).
function tappedSocket(packets) {
  return () => {
    const socket = net.connect(target.port, target.host);
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk) => {
      if (done) return;
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3);
        if (pending.length < 4 + length) break;
        const payload = pending.subarray(4, 4 + length);
        packets.push(Buffer.from(payload));
        pending = pending.subarray(4 + length);
        if (packets.length > 1 && (payload[0] === 0x00 || payload[0] === 0xff)) {
          done = true;
          break;
        }
      }
    });
    return socket;
  };
}

// How the server went through the handshake, from its packets.
function describeLogin(packets) {
  const steps = [];
  for (const p of packets.slice(1)) {
    if (p[0] === 0x00) steps.push('OK');
    else if (p[0] === 0xff) steps.push(`ERR ${p.readUInt16LE(1)}`);
    else if (p[0] === 0xfe) steps.push(`auth switch to ${p.subarray(1, p.indexOf(0, 1)).toString()}`);
    else if (p[0] === 0x01 && p.length === 2 && p[1] === 0x03) steps.push('fast auth success');
    else if (p[0] === 0x01 && p.length === 2 && p[1] === 0x04) steps.push('perform full authentication');
    else if (p[0] === 0x01 && p.subarray(1).toString().startsWith('-----BEGIN PUBLIC KEY-----')) steps.push('RSA public key');
    else steps.push(`packet 0x${p.subarray(0, 8).toString('hex')}`);
  }
  return steps;
}

async function login() {
  console.log('--- login');
  const first = [];
  const conn = await connect(SHARDED, { stream: tappedSocket(first) });
  check('greeting offers caching_sha2_password', true, first[0].includes(Buffer.from('caching_sha2_password\0')));
  const steps = describeLogin(first);
  // vtgate knows the digest of a user whose plain password its config holds,
  // so even the first login may take the fast path; without the digest it
  // asks for full authentication, where mysql2 requests vtgate's RSA key and
  // sends the password encrypted with it.
  const full = ['perform full authentication', 'RSA public key', 'OK'];
  const fast = ['fast auth success', 'OK'];
  const path = util.isDeepStrictEqual(steps, full) ? 'full' : util.isDeepStrictEqual(steps, fast) ? 'fast' : null;
  if (!path) fail(`first login: expected ${show(full)} or ${show(fast)}, got ${show(steps)}`);
  console.log(`ok: first login took the ${path} path: ${steps.join(', ')}`);
  const [rows] = await conn.query('SELECT 1 + 1 AS two');
  check('query after login', [{ two: 2 }], rows);
  await conn.end();

  const second = [];
  const again = await connect(SHARDED, { stream: tappedSocket(second) });
  check('second login takes the fast path', fast, describeLogin(second));
  await again.end();

  // A wrong token always leads to full authentication, which then fails.
  const wrong = [];
  await expectError('login with a wrong password', 1045,
    connect(SHARDED, { password: `${target.password}-wrong`, stream: tappedSocket(wrong) }));
  check('wrong password: full authentication, then denied',
    ['perform full authentication', 'RSA public key', 'ERR 1045'], describeLogin(wrong));
}

// ------------------------------------------------------------------ setup

async function cleanUp() {
  console.log('--- clean up');
  const conn = await connect(SHARDED);
  await conn.query('DELETE FROM corder WHERE customer_id BETWEEN ? AND ?', [FIRST_ID, LAST_ID]);
  await conn.query('DELETE FROM customer WHERE customer_id BETWEEN ? AND ?', [FIRST_ID, LAST_ID]);
  console.log(`ok: deleted leftovers in ${FIRST_ID}-${LAST_ID}`);
  await conn.end();

  const unsharded = await connect(UNSHARDED);
  await unsharded.query('DROP TABLE IF EXISTS mysql2_types');
  await unsharded.query(
    'CREATE TABLE mysql2_types (id BIGINT PRIMARY KEY, i INT, big BIGINT, bu BIGINT UNSIGNED, ' +
      'd DECIMAL(10,2), dt DATETIME(6), day DATE, s VARCHAR(64) CHARACTER SET utf8mb4, b BLOB, dbl DOUBLE' +
      ') DEFAULT CHARSET=utf8mb4'
  );
  console.log(`ok: created ${UNSHARDED}.mysql2_types`);
  await unsharded.end();
}

// ------------------------------------------------------------------ a pass

// One pass of the checks through `method` ('query' or 'execute'), with ids
// base+1 .. base+499.
class Pass {
  constructor(method, base, transactionIds) {
    this.method = method;
    this.base = base;
    this.tx = transactionIds;
    this.tag = `[${method}] `;
  }

  run(conn, sql, params) {
    return conn[this.method](sql, params);
  }

  async rows(conn, sql, params) {
    const [rows] = await this.run(conn, sql, params);
    return rows;
  }

  async column(conn, sql, params) {
    const [rows, fields] = await this.run(conn, sql, params);
    return rows.map((row) => row[fields[0].name]);
  }

  async all() {
    console.log(`--- conn.${this.method}`);
    const unsharded = await connect(UNSHARDED, STRING_TYPES);
    await this.types(unsharded);
    await unsharded.end();

    const conn = await connect(SHARDED, STRING_TYPES);
    const other = await connect(SHARDED, STRING_TYPES);
    await this.customers(conn);
    await this.transactions(conn, other);
    await this.duplicateKey(conn);
    await conn.end();
    await other.end();

    await this.defaultConversions();
  }

  // -------------------------------------------------------------- types

  async types(conn) {
    const full = this.base + 1;
    const negative = this.base + 2;
    const nulls = this.base + 3;
    const insert = 'INSERT INTO mysql2_types (id, i, big, bu, d, dt, day, s, b, dbl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    const rows = [
      [full, 2147483647, BigInt(BIGINT_MAX), BigInt(UNSIGNED_MAX), PRICE, DATETIME, DAY, UNICODE, BLOB, 1.5],
      [negative, -2147483648, BigInt(BIGINT_MIN), 0, `-${PRICE}`, '1970-01-02 00:00:00.000001', '1000-01-01', '', Buffer.alloc(0), -0.25],
      [nulls, null, null, null, null, null, null, null, null, null],
    ];
    for (const values of rows) {
      const [result] = await this.run(conn, insert, values);
      check(`${this.tag}insert row ${values[0]}: affectedRows`, 1, result.affectedRows);
    }

    const select =
      'SELECT id, i, big, bu, d, dt, day, s, b, dbl, CAST(bu AS CHAR) AS bu_text, CAST(d AS CHAR) AS d_text, ' +
      'CAST(dt AS CHAR) AS dt_text, HEX(s) AS s_hex, CHAR_LENGTH(s) AS s_chars, HEX(b) AS b_hex, LENGTH(b) AS b_bytes ' +
      'FROM mysql2_types WHERE id = ?';
    const [[row], fields] = await this.run(conn, select, [full]);
    const t = `${this.tag}full row: `;
    check(`${t}id (BIGINT as string)`, String(full), row.id);
    check(`${t}INT max`, 2147483647, row.i);
    check(`${t}BIGINT max`, BIGINT_MAX, row.big);
    check(`${t}BIGINT UNSIGNED max`, UNSIGNED_MAX, row.bu);
    check(`${t}BIGINT UNSIGNED max on the server`, UNSIGNED_MAX, row.bu_text);
    check(`${t}DECIMAL(10,2)`, PRICE, row.d);
    check(`${t}DECIMAL on the server`, PRICE, row.d_text);
    check(`${t}DATETIME(6)`, DATETIME, row.dt);
    check(`${t}DATETIME(6) on the server`, DATETIME, row.dt_text);
    check(`${t}DATE`, DAY, row.day);
    check(`${t}utf8mb4 VARCHAR`, UNICODE, row.s);
    check(`${t}utf8mb4 bytes on the server`, hex(Buffer.from(UNICODE, 'utf8')), row.s_hex);
    check(`${t}CHAR_LENGTH of the utf8mb4 string`, 10, Number(row.s_chars));
    check(`${t}BLOB`, BLOB, row.b);
    check(`${t}BLOB on the server`, hex(BLOB), row.b_hex);
    check(`${t}BLOB length on the server`, BLOB.length, Number(row.b_bytes));
    check(`${t}DOUBLE`, 1.5, row.dbl);

    const meta = `${this.tag}metadata: `;
    const expectedTypes = [TYPE.LONGLONG, TYPE.LONG, TYPE.LONGLONG, TYPE.LONGLONG, TYPE.NEWDECIMAL, TYPE.DATETIME, TYPE.DATE, TYPE.VAR_STRING, TYPE.BLOB, TYPE.DOUBLE];
    check(`${meta}column types`, expectedTypes, fields.slice(0, 10).map((f) => f.columnType));
    check(`${meta}id NOT NULL and PRIMARY KEY`, FLAG.NOT_NULL | FLAG.PRI_KEY, fields[0].flags & (FLAG.NOT_NULL | FLAG.PRI_KEY));
    check(`${meta}bu UNSIGNED`, FLAG.UNSIGNED, fields[3].flags & FLAG.UNSIGNED);
    check(`${meta}big not UNSIGNED`, 0, fields[2].flags & FLAG.UNSIGNED);
    check(`${meta}d decimals`, 2, fields[4].decimals);
    check(`${meta}dt decimals`, 6, fields[5].decimals);
    check(`${meta}b BINARY`, FLAG.BINARY, fields[8].flags & FLAG.BINARY);
    check(`${meta}s not BINARY`, 0, fields[7].flags & FLAG.BINARY);

    const [[neg]] = await this.run(conn, select, [negative]);
    const n = `${this.tag}negative row: `;
    check(`${n}INT min`, -2147483648, neg.i);
    check(`${n}BIGINT min`, BIGINT_MIN, neg.big);
    check(`${n}BIGINT UNSIGNED zero`, '0', neg.bu);
    check(`${n}negative DECIMAL`, `-${PRICE}`, neg.d);
    check(`${n}DATETIME(6) with 1 microsecond`, '1970-01-02 00:00:00.000001', neg.dt);
    check(`${n}DATE 1000-01-01`, '1000-01-01', neg.day);
    check(`${n}empty string (not NULL)`, '', neg.s);
    check(`${n}empty BLOB (not NULL)`, Buffer.alloc(0), neg.b);
    check(`${n}negative DOUBLE`, -0.25, neg.dbl);

    const [[nul]] = await this.run(conn, select, [nulls]);
    const columns = ['i', 'big', 'bu', 'd', 'dt', 'day', 's', 'b', 'dbl', 'bu_text', 's_hex', 'b_hex'];
    check(`${this.tag}NULL row: every column NULL`, Object.fromEntries(columns.map((c) => [c, null])),
      Object.fromEntries(columns.map((c) => [c, nul[c]])));

    // A parameter of each type in a WHERE clause picks the full row of this
    // pass (the other pass has the same values under other ids).
    const where =
      'SELECT id FROM mysql2_types WHERE i = ? AND big = ? AND bu = ? AND d = ? AND dt = ? AND day = ? ' +
      'AND s = ? AND b = ? AND dbl = ? AND id BETWEEN ? AND ?';
    check(`${this.tag}SELECT with a parameter of each type`, [String(full)],
      await this.column(conn, where, [2147483647, BigInt(BIGINT_MAX), BigInt(UNSIGNED_MAX), PRICE, DATETIME, DAY, UNICODE, BLOB, 1.5, this.base, this.base + 99]));
    check(`${this.tag}SELECT with a NULL parameter (s <=> ?)`, [String(nulls)],
      await this.column(conn, 'SELECT id FROM mysql2_types WHERE s <=> ? AND id BETWEEN ? AND ?', [null, this.base, this.base + 99]));
    check(`${this.tag}parameters echoed back`, [{ a: UNICODE, b: -7, c: null }],
      await this.rows(conn, 'SELECT ? AS a, ? AS b, ? AS c', [UNICODE, -7, null]).then((r) =>
        r.map((x) => ({ a: x.a, b: Number(x.b), c: x.c }))));
  }

  // -------------------------------------------------------------- sharded

  async customers(conn) {
    const first = this.base + 100;
    const ids = Array.from({ length: 20 }, (_, i) => first + i);
    const email = (id) => `c${id}@example.com`;

    if (this.method === 'query') {
      // One multi-row INSERT: mysql2 expands the nested array into VALUES lists.
      const [result] = await conn.query('INSERT INTO customer (customer_id, email) VALUES ?', [ids.map((id) => [BigInt(id), email(id)])]);
      check(`${this.tag}multi-row INSERT of 20 customers: affectedRows`, 20, result.affectedRows);
    } else {
      // One prepared statement, executed once per customer.
      const sql = 'INSERT INTO customer (customer_id, email) VALUES (?, ?)';
      const statement = await conn.prepare(sql);
      const counts = [];
      for (const id of ids) {
        const [result] = await statement.execute([BigInt(id), email(id)]);
        counts.push(result.affectedRows);
      }
      // Closes the statement and drops it from mysql2's cache of prepared
      // statements (statement.close() would leave the closed id cached).
      conn.unprepare(sql);
      check(`${this.tag}one prepared INSERT executed 20 times: affectedRows`, Array(20).fill(1), counts);
    }

    const range = [this.base + 100, this.base + 199];
    const rows = await this.rows(conn,
      'SELECT customer_id, email FROM customer WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id', range);
    check(`${this.tag}scatter SELECT ORDER BY customer_id`,
      ids.map((id) => ({ customer_id: String(id), email: email(id) })), rows);
    check(`${this.tag}scatter SELECT ORDER BY customer_id DESC LIMIT 3`, ids.slice(-3).reverse().map(String),
      await this.column(conn, 'SELECT customer_id FROM customer WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id DESC LIMIT 3', range));
    check(`${this.tag}scatter COUNT(*)`, ['20'],
      await this.column(conn, 'SELECT COUNT(*) FROM customer WHERE customer_id BETWEEN ? AND ?', range));
    const shards = await this.shardsOf(conn, range);
    check(`${this.tag}the 20 customers are on both shards`, 2, new Set(Object.values(shards)).size);

    // Different values through the same statement: each gets its own row.
    for (const id of [ids[0], ids[7], ids[19]]) {
      check(`${this.tag}point SELECT of ${id}`, [email(id)],
        await this.column(conn, 'SELECT email FROM customer WHERE customer_id = ?', [BigInt(id)]));
    }
    // customer.email uses the shard's default character set (latin1), so
    // only characters latin1 holds.
    const [updated] = await this.run(conn, 'UPDATE customer SET email = ? WHERE customer_id = ?', ['grüße@example.com', BigInt(ids[5])]);
    check(`${this.tag}UPDATE through the vindex column: affectedRows`, 1, updated.affectedRows);
    check(`${this.tag}updated email`, ['grüße@example.com'],
      await this.column(conn, 'SELECT email FROM customer WHERE customer_id = ?', [BigInt(ids[5])]));
  }

  // Each customer id in [from, to] mapped to the server id of its shard.
  async shardsOf(conn, [from, to]) {
    const rows = await this.rows(conn,
      'SELECT customer_id, @@server_id AS server FROM customer WHERE customer_id BETWEEN ? AND ?', [from, to]);
    return Object.fromEntries(rows.map((r) => [r.customer_id, String(r.server)]));
  }

  // -------------------------------------------------------------- transactions

  async transactions(conn, other) {
    const range = [this.base + 200, this.base + 399];
    const list = (c) => this.column(c, 'SELECT customer_id FROM customer WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id', range);
    const sorted = (...ids) => ids.sort((x, y) => x - y).map(String);
    const insert = 'INSERT INTO customer (customer_id, email) VALUES (?, ?)';
    const [a, b] = this.tx.commit;
    const [x, y] = this.tx.rollback;

    await conn.beginTransaction();
    for (const id of [a, b]) {
      const [result] = await this.run(conn, insert, [BigInt(id), `t${id}@example.com`]);
      check(`${this.tag}insert ${id} in a transaction`, 1, result.affectedRows);
    }
    check(`${this.tag}uncommitted rows seen inside the transaction`, sorted(a, b), await list(conn));
    check(`${this.tag}uncommitted rows invisible to another connection`, [], await list(other));
    await conn.commit();
    check(`${this.tag}committed rows seen by another connection`, sorted(a, b), await list(other));
    const committed = await this.shardsOf(other, range);
    check(`${this.tag}the committed rows are on two shards`, 2, new Set(Object.values(committed)).size);

    await conn.beginTransaction();
    for (const id of [x, y]) {
      const [result] = await this.run(conn, insert, [BigInt(id), `t${id}@example.com`]);
      check(`${this.tag}insert ${id} in a transaction`, 1, result.affectedRows);
    }
    const [deleted] = await this.run(conn, 'DELETE FROM customer WHERE customer_id = ?', [BigInt(b)]);
    check(`${this.tag}delete committed ${b} in the transaction`, 1, deleted.affectedRows);
    check(`${this.tag}rows inside the transaction before rollback`, sorted(a, x, y), await list(conn));
    const pending = await this.shardsOf(conn, [Math.min(x, y), Math.max(x, y)]);
    check(`${this.tag}the rolled-back inserts are on two shards`, 2, new Set(Object.values(pending)).size);
    await conn.rollback();
    check(`${this.tag}after rollback: inserts gone, delete undone`, sorted(a, b), await list(conn));
    check(`${this.tag}after rollback, seen by another connection`, sorted(a, b), await list(other));
  }

  async duplicateKey(conn) {
    const id = this.base + 100;
    const err = await expectError(`${this.tag}duplicate key`, 1062,
      this.run(conn, 'INSERT INTO customer (customer_id, email) VALUES (?, ?)', [BigInt(id), 'dup@example.com']));
    check(`${this.tag}duplicate key: code`, 'ER_DUP_ENTRY', err.code);
    check(`${this.tag}duplicate key: sqlState`, '23000', err.sqlState);
    check(`${this.tag}connection usable after the error, row unchanged`, [`c${id}@example.com`],
      await this.column(conn, 'SELECT email FROM customer WHERE customer_id = ?', [BigInt(id)]));
  }

  // -------------------------------------------------------------- vindex values as numbers

  // The vindex column's value as a plain JavaScript number. conn.query writes
  // it as an integer literal; conn.execute binds it as a DOUBLE parameter
  // (MYSQL_TYPE_DOUBLE), which MariaDB stores into the BIGINT column as the
  // same integer. Everywhere else the ids go as BigInt; these checks run
  // after all the others.
  async vindexAsNumber() {
    console.log(`--- conn.${this.method}: customer_id as a JavaScript number`);
    const conn = await connect(SHARDED, STRING_TYPES);
    const v = `${this.tag}customer_id as a number: `;
    const existing = this.base + 100;
    check(`${v}SELECT email FROM customer WHERE customer_id = ${existing}`, [`c${existing}@example.com`],
      await this.column(conn, 'SELECT email FROM customer WHERE customer_id = ?', [existing]));
    const [updated] = await this.run(conn, 'UPDATE customer SET email = ? WHERE customer_id = ?', ['n@example.com', existing + 1]);
    check(`${v}UPDATE customer ... WHERE customer_id = ${existing + 1}: affectedRows`, 1, updated.affectedRows);
    check(`${v}updated row`, ['n@example.com'],
      await this.column(conn, 'SELECT email FROM customer WHERE customer_id = ?', [BigInt(existing + 1)]));
    const id = this.base + 400;
    const sql = 'INSERT INTO customer (customer_id, email) VALUES (?, ?)';
    let inserted;
    try {
      [inserted] = await this.run(conn, sql, [id, `c${id}@example.com`]);
    } catch (err) {
      fail(`${v}conn.${this.method}("${sql}", [${id}, 'c${id}@example.com']): expected affectedRows 1, ` +
        `got error ${err.errno} (${err.code}): ${err.message}`);
    }
    check(`${v}INSERT ... VALUES (${id}, ...): affectedRows`, 1, inserted.affectedRows);
    check(`${v}inserted row, read back by BigInt`, [`c${id}@example.com`],
      await this.column(conn, 'SELECT email FROM customer WHERE customer_id = ?', [BigInt(id)]));
    const [deleted] = await this.run(conn, 'DELETE FROM customer WHERE customer_id = ?', [id]);
    check(`${v}DELETE ... WHERE customer_id = ${id}: affectedRows`, 1, deleted.affectedRows);
    await conn.end();
  }

  // -------------------------------------------------------------- default conversions

  // Without the string options: what mysql2 makes of each type by default.
  // supportBigNumbers alone returns BIGINTs as numbers when they fit a
  // JavaScript number exactly and as strings when they do not.
  async defaultConversions() {
    const conn = await connect(UNSHARDED, { supportBigNumbers: true });
    const d = `${this.tag}default conversions: `;
    const [[full]] = await this.run(conn, 'SELECT id, i, big, bu, d, dt, day, s, b, dbl FROM mysql2_types WHERE id = ?', [this.base + 1]);
    check(`${d}BIGINT that fits a number`, this.base + 1, full.id);
    check(`${d}INT`, 2147483647, full.i);
    check(`${d}BIGINT max (too big for a number)`, BIGINT_MAX, full.big);
    check(`${d}BIGINT UNSIGNED max (too big for a number)`, UNSIGNED_MAX, full.bu);
    check(`${d}DECIMAL`, PRICE, full.d);
    check(`${d}DATETIME(6) as a local Date (milliseconds)`, new Date(2024, 1, 29, 13, 45, 56, 123), full.dt);
    check(`${d}DATE as a local Date`, new Date(2023, 11, 31), full.day);
    check(`${d}utf8mb4 VARCHAR`, UNICODE, full.s);
    check(`${d}BLOB as a Buffer`, BLOB, full.b);
    check(`${d}DOUBLE`, 1.5, full.dbl);
    const [[neg]] = await this.run(conn, 'SELECT big, bu FROM mysql2_types WHERE id = ?', [this.base + 2]);
    check(`${d}BIGINT min (too big for a number)`, BIGINT_MIN, neg.big);
    check(`${d}BIGINT UNSIGNED zero`, 0, neg.bu);
    await conn.end();
  }
}

// ------------------------------------------------------------------ main

async function main() {
  await login();
  await cleanUp();
  // Customer ids on different shards for the transactions (each pair is
  // checked to be on two shards while the rows exist).
  const query = new Pass('query', FIRST_ID, { commit: [FIRST_ID + 200, FIRST_ID + 201], rollback: [FIRST_ID + 300, FIRST_ID + 301] });
  const execute = new Pass('execute', FIRST_ID + 500, { commit: [FIRST_ID + 700, FIRST_ID + 701], rollback: [FIRST_ID + 800, FIRST_ID + 803] });
  await query.all();
  await execute.all();
  await query.vindexAsNumber();
  await execute.vindexAsNumber();
  console.log('mysql2: ok');
}

main().then(
  () => process.exit(0),
  (err) => fail(`unexpected error: ${err && err.stack ? err.stack : err}` +
    (err && err.errno ? ` (errno ${err.errno}, sqlState ${err.sqlState}, sql ${show(err.sql)})` : ''))
);
