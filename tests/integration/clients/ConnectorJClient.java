// Client matrix: MariaDB Connector/J (JDBC) against vtgate.
//
// Runs the same checks twice, once with server-side prepared statements
// (useServerPrepStmts=true, binary protocol) and once with client-side ones
// (useServerPrepStmts=false, text protocol):
//   - login (vtgate greets with caching_sha2_password);
//   - a table of its own in the unsharded keyspace holding INT, BIGINT,
//     BIGINT UNSIGNED (max), DECIMAL (exact), DATETIME(6), DATE, a utf8mb4
//     VARCHAR, BLOB (0x00, quotes, backslash), DOUBLE and NULLs, written with
//     setLong/setInt/setString/setBigDecimal/setTimestamp/setDate/setBytes/
//     setDouble/setNull and read back through typed getters, getObject and
//     the server's own rendering (CAST, HEX); ResultSetMetaData types;
//     SELECTs with a parameter of each type;
//   - the sharded keyspace: a batch insert of 20 customers over both shards
//     (update counts), a scatter SELECT ... ORDER BY and COUNT(*), point
//     selects and an update through the vindex column; the ids are placed
//     with the hash vindex computed here, and each row's shard is confirmed
//     by the @@server_id it answers with;
//   - a transaction over both shards that commits (invisible to another
//     connection until then) and one that rolls back (rows gone);
//   - a duplicate key: SQLException with error code 1062, SQLState 23000,
//     and the connection still usable afterwards;
//   - last, after both passes: a BLOB holding every byte value 0x00-0xFF,
//     through each protocol.
// Ids 3000000-3000999 and tables named jdbc_* belong to this program; it
// deletes its leftovers first, so it can run again on the same cluster.
// Prints one line per check; on the first mismatch prints what was expected
// and what came back and exits 1; prints "connector-j: ok" at the end.

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public class ConnectorJClient {
  static final long FIRST_ID = 3_000_000L;
  static final long LAST_ID = 3_000_999L;

  static final String UNICODE = "Grüße 日本 🎉";
  // The BLOB of the type checks: 0x00, quotes and backslash (what escaping
  // must get right), all below 0x80. Bytes 0x80-0xFF have checks of their own
  // (binaryBytes), run after everything else.
  static final byte[] BLOB = {0x00, 0x01, '\'', '\\', '"', 0x1A, 0x7F, 0x00};
  static final byte[] ALL_BYTES = new byte[256];
  static final BigInteger UNSIGNED_MAX = new BigInteger("18446744073709551615");
  static final BigDecimal PRICE = new BigDecimal("12345.67");
  static final String DATETIME = "2024-02-29 13:45:56.123456";
  static final String DAY = "2023-12-31";

  static {
    for (int i = 0; i < 256; i++) ALL_BYTES[i] = (byte) i;
  }

  static String host;
  static String port;
  static String user;
  static String password;
  static String sharded;
  static String unsharded;

  public static void main(String[] args) {
    host = env("TESSERA_HOST");
    port = env("TESSERA_PORT");
    user = env("TESSERA_USER");
    password = env("TESSERA_PASSWORD");
    sharded = env("TESSERA_KEYSPACE");
    unsharded = env("TESSERA_UNSHARDED");
    try {
      cleanUp();
      // Each pass gets half of the id range: the server-side one 3000000-3000499,
      // the client-side one 3000500-3000999.
      Pass serverSide = new Pass(true, FIRST_ID);
      Pass clientSide = new Pass(false, FIRST_ID + 500);
      serverSide.run();
      clientSide.run();
      serverSide.binaryBytes();
      clientSide.binaryBytes();
    } catch (SQLException e) {
      fail("unexpected SQLException: " + describe(e));
    } catch (Exception e) {
      fail("unexpected exception: " + e);
    }
    System.out.println("connector-j: ok");
    System.exit(0);
  }

  // ---------------------------------------------------------------- checks

  static void fail(String message) {
    System.out.println("FAIL: " + message);
    System.out.flush();
    System.exit(1);
  }

  static void ok(String what) {
    System.out.println("ok: " + what);
  }

  static void check(String what, Object expected, Object actual) {
    boolean same = expected instanceof byte[] && actual instanceof byte[]
        ? Arrays.equals((byte[]) expected, (byte[]) actual)
        : Objects.equals(expected, actual);
    if (!same) {
      fail(what + ": expected " + show(expected) + ", got " + show(actual));
    }
    ok(what + " = " + show(actual));
  }

  static void checkClass(String what, Class<?> expected, Object value) {
    Class<?> actual = value == null ? null : value.getClass();
    if (actual == null || !expected.isAssignableFrom(actual)) {
      fail(what + ": expected a " + expected.getName() + ", got "
          + (actual == null ? "null" : actual.getName() + " " + show(value)));
    }
    ok(what + " is a " + expected.getSimpleName());
  }

  static String show(Object value) {
    if (value == null) return "NULL";
    if (value instanceof byte[]) return "0x" + HexFormat.of().formatHex((byte[]) value);
    if (value instanceof String) return "'" + value + "'";
    return value.toString();
  }

  static String describe(SQLException e) {
    return e.getClass().getSimpleName() + " [" + e.getErrorCode() + "/" + e.getSQLState() + "] "
        + e.getMessage();
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) fail("environment variable " + name + " is not set");
    return value;
  }

  // ---------------------------------------------------------------- setup

  static Connection connect(String keyspace, boolean serverPrepared) throws SQLException {
    String url = "jdbc:mariadb://" + host + ":" + port + "/" + keyspace
        + "?useServerPrepStmts=" + serverPrepared;
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    // caching_sha2_password without TLS: when vtgate has no digest of the
    // password cached, the driver sends the password encrypted with vtgate's
    // RSA key, which it has to ask for.
    props.setProperty("allowPublicKeyRetrieval", "true");
    return DriverManager.getConnection(url, props);
  }

  static void cleanUp() throws SQLException {
    try (Connection c = connect(sharded, true); Statement st = c.createStatement()) {
      ok("login to " + sharded + " (vtgate greets with caching_sha2_password)");
      st.executeUpdate("DELETE FROM corder WHERE customer_id BETWEEN " + FIRST_ID + " AND " + LAST_ID);
      st.executeUpdate("DELETE FROM customer WHERE customer_id BETWEEN " + FIRST_ID + " AND " + LAST_ID);
      ok("deleted leftovers in " + FIRST_ID + "-" + LAST_ID);
    }
    try (Connection c = connect(unsharded, true); Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE IF EXISTS jdbc_types");
      st.executeUpdate("CREATE TABLE jdbc_types ("
          + "id BIGINT PRIMARY KEY, i INT, big BIGINT, bu BIGINT UNSIGNED, d DECIMAL(10,2), "
          + "dt DATETIME(6), day DATE, s VARCHAR(64) CHARACTER SET utf8mb4, b BLOB, dbl DOUBLE"
          + ") DEFAULT CHARSET=utf8mb4");
      ok("created " + unsharded + ".jdbc_types");
    }
  }

  // The shard ("-80" or "80-") a customer id lives on: the hash vindex is
  // DES with an all-zero key over the id's 8 big-endian bytes, and the first
  // byte of the result picks the shard.
  static String shardOf(long id) throws Exception {
    Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
    des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[8], "DES"));
    byte[] in = new byte[8];
    for (int i = 7; i >= 0; i--) {
      in[i] = (byte) (id & 0xff);
      id >>>= 8;
    }
    byte[] keyspaceId = des.doFinal(in);
    return (keyspaceId[0] & 0xff) < 0x80 ? "-80" : "80-";
  }

  // The first id at or after `from` that lives on `shard`.
  static long idOnShard(long from, String shard) throws Exception {
    for (long id = from;; id++) {
      if (shardOf(id).equals(shard)) return id;
    }
  }

  // ---------------------------------------------------------------- a pass

  static class Pass {
    final boolean serverPrepared;
    final String mode;
    final long base;

    Pass(boolean serverPrepared, long base) {
      this.serverPrepared = serverPrepared;
      this.mode = serverPrepared ? "[server-prepared] " : "[client-prepared] ";
      this.base = base;
    }

    void run() throws Exception {
      System.out.println("--- useServerPrepStmts=" + serverPrepared);
      try (Connection c = connect(unsharded, serverPrepared)) {
        types(c);
      }
      try (Connection c = connect(sharded, serverPrepared);
          Connection other = connect(sharded, serverPrepared)) {
        batchAndScatter(c);
        transactions(c, other);
        duplicateKey(c);
      }
    }

    PreparedStatement prepare(Connection c, String sql) throws SQLException {
      PreparedStatement ps = c.prepareStatement(sql);
      // Connector/J falls back to a client-side statement when the server
      // refuses to prepare one: make sure the pass runs the protocol it says.
      String kind = ps.getClass().getSimpleName();
      String want = serverPrepared ? "ServerSidePreparedStatement" : "ClientSidePreparedStatement";
      if (!kind.equals(want)) {
        fail(mode + "prepareStatement(\"" + sql + "\"): expected a " + want + ", got a " + kind);
      }
      return ps;
    }

    // ------------------------------------------------------------ types

    void types(Connection c) throws Exception {
      long full = base + 1;
      long negative = base + 2;
      long nulls = base + 3;
      String insert =
          "INSERT INTO jdbc_types (id, i, big, bu, d, dt, day, s, b, dbl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement ps = prepare(c, insert)) {
        ps.setLong(1, full);
        ps.setInt(2, 2147483647);
        ps.setLong(3, Long.MAX_VALUE);
        ps.setBigDecimal(4, new BigDecimal(UNSIGNED_MAX));
        ps.setBigDecimal(5, PRICE);
        ps.setTimestamp(6, Timestamp.valueOf(DATETIME));
        ps.setDate(7, Date.valueOf(DAY));
        ps.setString(8, UNICODE);
        ps.setBytes(9, BLOB);
        ps.setDouble(10, 1.5);
        check(mode + "insert full row: update count", 1, ps.executeUpdate());

        ps.setLong(1, negative);
        ps.setInt(2, -2147483648);
        ps.setLong(3, Long.MIN_VALUE);
        ps.setLong(4, 0);
        ps.setBigDecimal(5, PRICE.negate());
        ps.setTimestamp(6, Timestamp.valueOf("1970-01-02 00:00:00.000001"));
        ps.setDate(7, Date.valueOf("1000-01-01"));
        ps.setString(8, "");
        ps.setBytes(9, new byte[0]);
        ps.setDouble(10, -0.25);
        check(mode + "insert negative row: update count", 1, ps.executeUpdate());

        ps.setLong(1, nulls);
        ps.setNull(2, Types.INTEGER);
        ps.setNull(3, Types.BIGINT);
        ps.setNull(4, Types.DECIMAL);
        ps.setNull(5, Types.DECIMAL);
        ps.setNull(6, Types.TIMESTAMP);
        ps.setNull(7, Types.DATE);
        ps.setNull(8, Types.VARCHAR);
        ps.setNull(9, Types.VARBINARY);
        ps.setNull(10, Types.DOUBLE);
        check(mode + "insert NULL row: update count", 1, ps.executeUpdate());
      }

      String select = "SELECT id, i, big, bu, d, dt, day, s, b, dbl, CAST(bu AS CHAR), CAST(d AS CHAR), "
          + "CAST(dt AS CHAR), CAST(day AS CHAR), HEX(s), CHAR_LENGTH(s), HEX(b) "
          + "FROM jdbc_types WHERE id = ?";
      try (PreparedStatement ps = prepare(c, select)) {
        ps.setLong(1, full);
        try (ResultSet rs = ps.executeQuery()) {
          check(mode + "full row found", true, rs.next());
          String row = mode + "full row: ";
          check(row + "id", full, rs.getLong("id"));
          check(row + "INT max", 2147483647, rs.getInt("i"));
          check(row + "BIGINT max", Long.MAX_VALUE, rs.getLong("big"));
          check(row + "BIGINT UNSIGNED max (getBigDecimal)", new BigDecimal(UNSIGNED_MAX), rs.getBigDecimal("bu"));
          check(row + "BIGINT UNSIGNED max (getString)", UNSIGNED_MAX.toString(), rs.getString("bu"));
          checkClass(row + "getObject(BIGINT UNSIGNED)", BigInteger.class, rs.getObject("bu"));
          check(row + "getObject(BIGINT UNSIGNED)", UNSIGNED_MAX, rs.getObject("bu"));
          check(row + "BIGINT UNSIGNED on the server", UNSIGNED_MAX.toString(), rs.getString(11));
          check(row + "DECIMAL(10,2)", PRICE, rs.getBigDecimal("d"));
          checkClass(row + "getObject(DECIMAL)", BigDecimal.class, rs.getObject("d"));
          check(row + "DECIMAL on the server", "12345.67", rs.getString(12));
          check(row + "DATETIME(6)", Timestamp.valueOf(DATETIME), rs.getTimestamp("dt"));
          check(row + "DATETIME(6) nanos", 123456000, rs.getTimestamp("dt").getNanos());
          check(row + "DATETIME(6) on the server", DATETIME, rs.getString(13));
          check(row + "DATE", Date.valueOf(DAY), rs.getDate("day"));
          check(row + "DATE (getString)", DAY, rs.getString("day"));
          check(row + "DATE on the server", DAY, rs.getString(14));
          check(row + "utf8mb4 VARCHAR", UNICODE, rs.getString("s"));
          check(row + "utf8mb4 bytes on the server",
              HexFormat.of().withUpperCase().formatHex(UNICODE.getBytes(StandardCharsets.UTF_8)),
              rs.getString(15));
          check(row + "CHAR_LENGTH of the utf8mb4 string", 10, rs.getInt(16));
          check(row + "BLOB", BLOB, rs.getBytes("b"));
          checkClass(row + "getObject(BLOB)", byte[].class, rs.getObject("b"));
          check(row + "BLOB on the server", HexFormat.of().withUpperCase().formatHex(BLOB), rs.getString(17));
          check(row + "DOUBLE", 1.5, rs.getDouble("dbl"));
          check(row + "only one row", false, rs.next());
        }

        ps.setLong(1, negative);
        try (ResultSet rs = ps.executeQuery()) {
          check(mode + "negative row found", true, rs.next());
          String row = mode + "negative row: ";
          check(row + "INT min", -2147483648, rs.getInt("i"));
          checkClass(row + "getObject(INT)", Integer.class, rs.getObject("i"));
          check(row + "BIGINT min", Long.MIN_VALUE, rs.getLong("big"));
          checkClass(row + "getObject(BIGINT)", Long.class, rs.getObject("big"));
          check(row + "BIGINT UNSIGNED zero", BigInteger.ZERO, rs.getObject("bu"));
          check(row + "negative DECIMAL", PRICE.negate(), rs.getBigDecimal("d"));
          check(row + "DECIMAL on the server", "-12345.67", rs.getString(12));
          check(row + "DATETIME(6) with 1 microsecond",
              Timestamp.valueOf("1970-01-02 00:00:00.000001"), rs.getTimestamp("dt"));
          check(row + "DATETIME(6) on the server", "1970-01-02 00:00:00.000001", rs.getString(13));
          check(row + "DATE 1000-01-01", Date.valueOf("1000-01-01"), rs.getDate("day"));
          check(row + "empty string (not NULL)", "", rs.getString("s"));
          check(row + "empty BLOB (not NULL)", new byte[0], rs.getBytes("b"));
          check(row + "negative DOUBLE", -0.25, rs.getDouble("dbl"));
        }

        ps.setLong(1, nulls);
        try (ResultSet rs = ps.executeQuery()) {
          check(mode + "NULL row found", true, rs.next());
          String row = mode + "NULL row: ";
          List<Object> values = new ArrayList<>();
          for (String column : new String[] {"i", "big", "bu", "d", "dt", "day", "s", "b", "dbl"}) {
            values.add(rs.getObject(column));
          }
          check(row + "getObject of i, big, bu, d, dt, day, s, b, dbl", Arrays.asList(new Object[9]), values);
          check(row + "getInt(i), then wasNull", List.of(0, true), List.of(rs.getInt("i"), rs.wasNull()));
          check(row + "getString(s), getBytes(b), getTimestamp(dt), getBigDecimal(d)",
              Arrays.asList(null, null, null, null),
              Arrays.asList(rs.getString("s"), rs.getBytes("b"), rs.getTimestamp("dt"), rs.getBigDecimal("d")));
        }
      }

      // A parameter of each type in a WHERE clause picks the full row (of
      // this pass: the other one has the same values under other ids).
      String where = "SELECT id FROM jdbc_types WHERE i = ? AND big = ? AND bu = ? AND d = ? AND dt = ? "
          + "AND day = ? AND s = ? AND b = ? AND dbl = ? AND id BETWEEN ? AND ?";
      try (PreparedStatement ps = prepare(c, where)) {
        ps.setInt(1, 2147483647);
        ps.setLong(2, Long.MAX_VALUE);
        ps.setBigDecimal(3, new BigDecimal(UNSIGNED_MAX));
        ps.setBigDecimal(4, PRICE);
        ps.setTimestamp(5, Timestamp.valueOf(DATETIME));
        ps.setDate(6, Date.valueOf(DAY));
        ps.setString(7, UNICODE);
        ps.setBytes(8, BLOB);
        ps.setDouble(9, 1.5);
        ps.setLong(10, base);
        ps.setLong(11, base + 99);
        check(mode + "SELECT with a parameter of each type", List.of(full), ids(ps));
      }
      try (PreparedStatement ps = prepare(c, "SELECT id FROM jdbc_types WHERE id BETWEEN ? AND ? AND s <=> ?")) {
        ps.setLong(1, base);
        ps.setLong(2, base + 99);
        ps.setNull(3, Types.VARCHAR);
        check(mode + "SELECT with a NULL parameter (s <=> NULL)", List.of(nulls), ids(ps));
      }

      try (PreparedStatement ps = prepare(c, "SELECT id, i, big, bu, d, dt, day, s, b, dbl FROM jdbc_types WHERE id = ?")) {
        ps.setLong(1, full);
        ResultSetMetaData md = ps.executeQuery().getMetaData();
        String meta = mode + "metadata: ";
        check(meta + "column count", 10, md.getColumnCount());
        // Connector/J reports a BLOB (length 65535) as VARBINARY; LONGVARBINARY
        // is for lengths past 16 MiB.
        List<String> expected = List.of("id BIGINT", "i INTEGER", "big BIGINT", "bu BIGINT", "d DECIMAL",
            "dt TIMESTAMP", "day DATE", "s VARCHAR", "b VARBINARY", "dbl DOUBLE");
        List<String> actual = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          actual.add(md.getColumnLabel(i) + " " + JDBCType.valueOf(md.getColumnType(i)).getName());
        }
        check(meta + "getColumnType", expected, actual);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnTypeName(i));
        check(meta + "getColumnTypeName", List.of("BIGINT", "INTEGER", "BIGINT", "BIGINT UNSIGNED", "DECIMAL",
            "DATETIME", "DATE", "VARCHAR", "BLOB", "DOUBLE"), names);
        check(meta + "bu class", BigInteger.class.getName(), md.getColumnClassName(4));
        check(meta + "bu signed", false, md.isSigned(4));
        check(meta + "big signed", true, md.isSigned(3));
        check(meta + "d precision", 10, md.getPrecision(5));
        check(meta + "d scale", 2, md.getScale(5));
        check(meta + "dt scale (fractional digits)", 6, md.getScale(6));
        check(meta + "id nullable", ResultSetMetaData.columnNoNulls, md.isNullable(1));
        check(meta + "s nullable", ResultSetMetaData.columnNullable, md.isNullable(8));
        check(meta + "table of s", "jdbc_types", md.getTableName(8));
      }
    }

    // ------------------------------------------------------------ BLOB bytes

    // Every byte value 0x00-0xFF in a BLOB, written with setBytes, read back
    // with getBytes and HEX(), and used as a parameter in a WHERE clause.
    // Client-side, Connector/J sends the bytes raw inside a _binary'...'
    // literal of the statement text, so the text is not valid UTF-8.
    void binaryBytes() throws Exception {
      System.out.println("--- BLOB with bytes 0x00-0xFF, useServerPrepStmts=" + serverPrepared);
      long id = base + 4;
      String what = mode + "BLOB 0x00-0xFF: ";
      String insert = "INSERT INTO jdbc_types (id, b) VALUES (?, ?)";
      try (Connection c = connect(unsharded, serverPrepared)) {
        try (PreparedStatement ps = prepare(c, insert)) {
          ps.setLong(1, id);
          ps.setBytes(2, ALL_BYTES);
          try {
            check(what + insert + ": update count", 1, ps.executeUpdate());
          } catch (SQLException e) {
            fail(what + insert + " with setBytes(0x00..0xFF): expected update count 1, got "
                + describe(e));
          }
        }
        try (PreparedStatement ps = prepare(c, "SELECT b, HEX(b), LENGTH(b) FROM jdbc_types WHERE id = ?")) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            check(what + "row found", true, rs.next());
            check(what + "getBytes", ALL_BYTES, rs.getBytes(1));
            check(what + "HEX on the server", HexFormat.of().withUpperCase().formatHex(ALL_BYTES), rs.getString(2));
            check(what + "LENGTH on the server", 256, rs.getInt(3));
          }
        }
        try (PreparedStatement ps = prepare(c, "SELECT id FROM jdbc_types WHERE b = ? AND id BETWEEN ? AND ?")) {
          ps.setBytes(1, ALL_BYTES);
          ps.setLong(2, base);
          ps.setLong(3, base + 99);
          check(what + "SELECT ... WHERE b = ? with the bytes as parameter", List.of(id), ids(ps));
        }
      }
    }

    // ------------------------------------------------------------ sharded

    void batchAndScatter(Connection c) throws Exception {
      long first = base + 100;
      int count = 20;
      List<Long> expected = new ArrayList<>();
      int low = 0;
      for (long id = first; id < first + count; id++) {
        expected.add(id);
        if (shardOf(id).equals("-80")) low++;
      }
      if (low == 0 || low == count) fail(mode + "ids " + first + "+" + count + " do not span both shards");
      ok(mode + "batch ids span both shards (" + low + " on -80, " + (count - low) + " on 80-)");

      try (PreparedStatement ps = prepare(c, "INSERT INTO customer (customer_id, email) VALUES (?, ?)")) {
        for (long id : expected) {
          ps.setLong(1, id);
          ps.setString(2, email(id));
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        int[] ones = new int[count];
        Arrays.fill(ones, 1);
        check(mode + "executeBatch update counts", Arrays.toString(ones), Arrays.toString(counts));
      }

      try (PreparedStatement ps =
          prepare(c, "SELECT customer_id, email FROM customer WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id")) {
        ps.setLong(1, base);
        ps.setLong(2, base + 499);
        List<Long> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> expectedEmails = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
            emails.add(rs.getString(2));
          }
        }
        for (long id : expected) expectedEmails.add(email(id));
        check(mode + "scatter SELECT ORDER BY customer_id: ids", expected, ids);
        check(mode + "scatter SELECT ORDER BY customer_id: emails", expectedEmails, emails);
      }
      try (PreparedStatement ps =
          prepare(c, "SELECT customer_id FROM customer WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id DESC LIMIT 3")) {
        ps.setLong(1, base);
        ps.setLong(2, base + 499);
        check(mode + "scatter SELECT ORDER BY DESC LIMIT 3",
            List.of(first + count - 1, first + count - 2, first + count - 3), ids(ps));
      }
      try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM customer WHERE customer_id BETWEEN ? AND ?")) {
        ps.setLong(1, base);
        ps.setLong(2, base + 499);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          check(mode + "scatter COUNT(*)", (long) count, rs.getLong(1));
        }
      }

      // Where the rows really are: each shard answers with its own @@server_id.
      Map<Long, Long> servers = serverIds(c, first, first + count - 1);
      Map<String, Set<Long>> byShard = new TreeMap<>();
      for (long id : expected) {
        byShard.computeIfAbsent(shardOf(id), k -> new TreeSet<>()).add(servers.get(id));
      }
      check(mode + "one server per shard, two in all (@@server_id of each row)", true,
          byShard.size() == 2 && byShard.values().stream().allMatch(set -> set.size() == 1)
              && new TreeSet<>(servers.values()).size() == 2);

      long lowId = idOnShard(first, "-80");
      long highId = idOnShard(first, "80-");
      try (PreparedStatement ps = prepare(c, "SELECT email FROM customer WHERE customer_id = ?")) {
        for (long id : new long[] {lowId, highId}) {
          ps.setLong(1, id);
          check(mode + "point SELECT of " + id + " (shard " + shardOf(id) + ")", List.of(email(id)), strings(ps));
        }
      }
      try (PreparedStatement ps = prepare(c, "UPDATE customer SET email = ? WHERE customer_id = ?")) {
        // customer.email uses the shard's default character set (latin1), so
        // only characters latin1 holds.
        ps.setString(1, "grüße@example.com");
        ps.setLong(2, highId);
        check(mode + "UPDATE through the vindex column: update count", 1, ps.executeUpdate());
        try (PreparedStatement select = prepare(c, "SELECT email FROM customer WHERE customer_id = ?")) {
          select.setLong(1, highId);
          check(mode + "updated email", List.of("grüße@example.com"), strings(select));
        }
        ps.setString(1, email(highId));
        ps.setLong(2, highId);
        check(mode + "UPDATE back: update count", 1, ps.executeUpdate());
      }
    }

    // ------------------------------------------------------------ transactions

    void transactions(Connection c, Connection other) throws Exception {
      long a = idOnShard(base + 200, "-80");
      long b = idOnShard(base + 200, "80-");
      long x = idOnShard(base + 300, "-80");
      long y = idOnShard(base + 300, "80-");
      String insert = "INSERT INTO customer (customer_id, email) VALUES (?, ?)";

      c.setAutoCommit(false);
      try (PreparedStatement ps = prepare(c, insert)) {
        for (long id : new long[] {a, b}) {
          ps.setLong(1, id);
          ps.setString(2, email(id));
          check(mode + "insert " + id + " (shard " + shardOf(id) + ") in a transaction", 1, ps.executeUpdate());
        }
      }
      check(mode + "uncommitted rows seen inside the transaction", sorted(a, b), customers(c));
      check(mode + "uncommitted rows invisible to another connection", List.of(), customers(other));
      c.commit();
      c.setAutoCommit(true);
      check(mode + "committed rows on both shards, seen by another connection", sorted(a, b),
          customers(other));
      Map<Long, Long> servers = serverIds(other, base + 200, base + 399);
      check(mode + "the committed rows are on two servers (@@server_id)", 2,
          new TreeSet<>(servers.values()).size());

      c.setAutoCommit(false);
      try (PreparedStatement ps = prepare(c, insert)) {
        for (long id : new long[] {x, y}) {
          ps.setLong(1, id);
          ps.setString(2, email(id));
          check(mode + "insert " + id + " (shard " + shardOf(id) + ") in a transaction", 1, ps.executeUpdate());
        }
      }
      try (PreparedStatement ps = prepare(c, "DELETE FROM customer WHERE customer_id = ?")) {
        ps.setLong(1, b);
        check(mode + "delete a committed row in the transaction", 1, ps.executeUpdate());
      }
      check(mode + "rows inside the transaction before rollback", sorted(a, x, y), customers(c));
      c.rollback();
      c.setAutoCommit(true);
      check(mode + "after rollback: inserts gone, delete undone", sorted(a, b), customers(c));
      check(mode + "after rollback, seen by another connection", sorted(a, b), customers(other));
    }

    void duplicateKey(Connection c) throws Exception {
      long id = base + 100;
      try (PreparedStatement ps = prepare(c, "INSERT INTO customer (customer_id, email) VALUES (?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, "dup@example.com");
        try {
          ps.executeUpdate();
          fail(mode + "duplicate key insert of " + id + ": expected SQLException 1062, got success");
        } catch (SQLException e) {
          check(mode + "duplicate key: error code (" + describe(e) + ")", 1062, e.getErrorCode());
          check(mode + "duplicate key: SQLState", "23000", e.getSQLState());
        }
      }
      try (PreparedStatement ps = prepare(c, "SELECT email FROM customer WHERE customer_id = ?")) {
        ps.setLong(1, id);
        check(mode + "connection usable after the error, row unchanged", List.of(email(id)), strings(ps));
      }
    }

    // ------------------------------------------------------------ helpers

    String email(long id) {
      return "c" + id + "@example.com";
    }

    // Each customer id in [from, to] mapped to the @@server_id of its shard.
    Map<Long, Long> serverIds(Connection c, long from, long to) throws SQLException {
      Map<Long, Long> out = new TreeMap<>();
      try (PreparedStatement ps =
          prepare(c, "SELECT customer_id, @@server_id FROM customer WHERE customer_id BETWEEN ? AND ?")) {
        ps.setLong(1, from);
        ps.setLong(2, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
        }
      }
      return out;
    }

    // The customers of the transaction checks: ids base+200 to base+399.
    List<Long> customers(Connection c) throws SQLException {
      try (PreparedStatement ps =
          prepare(c, "SELECT customer_id FROM customer WHERE customer_id BETWEEN ? AND ? ORDER BY customer_id")) {
        ps.setLong(1, base + 200);
        ps.setLong(2, base + 399);
        return ids(ps);
      }
    }
  }

  static List<Long> sorted(long... ids) {
    List<Long> out = new ArrayList<>();
    for (long id : ids) out.add(id);
    out.sort(null);
    return out;
  }

  static List<Long> ids(PreparedStatement ps) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getLong(1));
    }
    return out;
  }

  static List<String> strings(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
