// Server-side prepared statements end to end: MariaDB Connector/C's
// mysql_stmt_* API against a real vtgate, vttablets and MariaDB shards.
#include <mysql.h>

#include <cstdio>
#include <cstring>
#include <regex>

#include <gtest/gtest.h>

#include "tests/integration/support/run_shell.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;
struct StmtCloser {
  void operator()(MYSQL_STMT* s) const { mysql_stmt_close(s); }
};
using Statement = std::unique_ptr<MYSQL_STMT, StmtCloser>;

MYSQL_BIND Bind(enum_field_types type, void* buffer, unsigned long length = 0) {
  MYSQL_BIND b;
  std::memset(&b, 0, sizeof(b));
  b.buffer_type = type;
  b.buffer = buffer;
  b.buffer_length = length;
  return b;
}

// The example keyspaces plus an unsharded table with temporal and numeric columns.
std::vector<TestKeyspace> Keyspaces() {
  std::vector<TestKeyspace> keyspaces = ExampleKeyspaces();
  for (auto& ks : keyspaces) {
    if (ks.name != "commerce") continue;
    ks.unsharded_tables.push_back("typed");
    ks.schema.push_back(
        "CREATE TABLE typed (id BIGINT PRIMARY KEY, at DATETIME(6), day DATE, span TIME(6), "
        "amount DECIMAL(12,3), ratio DOUBLE, note VARCHAR(64), small TINYINT UNSIGNED)");
  }
  return keyspaces;
}

class PreparedClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = TestCluster::Start(Keyspaces());
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  static Connection Connect(const char* db) {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 10;
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", "app", "app", db, cluster_->vtgate_port(),
                            nullptr, 0)) {
      ADD_FAILURE() << mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  static Statement Prepare(MYSQL* m, const std::string& sql) {
    Statement stmt(mysql_stmt_init(m));
    if (mysql_stmt_prepare(stmt.get(), sql.data(), sql.size()) != 0) {
      ADD_FAILURE() << "prepare " << sql << ": " << mysql_stmt_errno(stmt.get()) << " "
                    << mysql_stmt_error(stmt.get());
      return nullptr;
    }
    return stmt;
  }

  static TestCluster* cluster_;
};
TestCluster* PreparedClusterTest::cluster_ = nullptr;

TEST_F(PreparedClusterTest, InsertAndPointSelectOnShardedTable) {
  Connection m = Connect("customer");
  ASSERT_TRUE(m);
  Statement insert = Prepare(m.get(), "INSERT INTO customer (customer_id, email) VALUES (?, ?)");
  ASSERT_TRUE(insert);
  EXPECT_EQ(mysql_stmt_param_count(insert.get()), 2u);
  EXPECT_EQ(mysql_stmt_field_count(insert.get()), 0u);
  long long id = 0;
  char email[64];
  unsigned long email_length = 0;
  my_bool email_null = 0;
  MYSQL_BIND params[2] = {Bind(MYSQL_TYPE_LONGLONG, &id),
                          Bind(MYSQL_TYPE_STRING, email, sizeof(email))};
  params[1].length = &email_length;
  params[1].is_null = &email_null;
  ASSERT_EQ(mysql_stmt_bind_param(insert.get(), params), 0);
  for (id = 1; id <= 20; ++id) {
    email_length = static_cast<unsigned long>(
        std::snprintf(email, sizeof(email), "o'user%lld@example.com", id));
    email_null = id == 7;
    ASSERT_EQ(mysql_stmt_execute(insert.get()), 0) << mysql_stmt_error(insert.get());
    EXPECT_EQ(mysql_stmt_affected_rows(insert.get()), 1u);
  }

  // The rows are spread over both shards, each on one.
  long long total = 0;
  for (const auto& shard : cluster_->shards()) {
    if (shard.keyspace != "customer") continue;
    auto direct = cluster_->ConnectShard(shard);
    ASSERT_TRUE(direct.ok()) << direct.error().message;
    auto rows = (*direct)->Query("SELECT COUNT(*) FROM customer WHERE customer_id <= 20");
    ASSERT_TRUE(rows.ok());
    long long here = std::stoll(*(*rows)[0][0]);
    EXPECT_GT(here, 0) << shard.name;
    total += here;
  }
  EXPECT_EQ(total, 20);

  Statement select =
      Prepare(m.get(), "SELECT customer_id, email FROM customer WHERE customer_id = ?");
  ASSERT_TRUE(select);
  ASSERT_EQ(mysql_stmt_field_count(select.get()), 2u);
  MYSQL_RES* meta = mysql_stmt_result_metadata(select.get());
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(mysql_fetch_field_direct(meta, 0)->type, MYSQL_TYPE_LONGLONG);
  EXPECT_EQ(mysql_fetch_field_direct(meta, 1)->type, MYSQL_TYPE_VAR_STRING);
  EXPECT_STREQ(mysql_fetch_field_direct(meta, 1)->name, "email");
  mysql_free_result(meta);

  long long wanted = 0;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &wanted);
  ASSERT_EQ(mysql_stmt_bind_param(select.get(), &param), 0);
  long long got_id = 0;
  char got_email[64] = {};
  unsigned long got_length = 0;
  my_bool got_null[2] = {};
  MYSQL_BIND result[2] = {Bind(MYSQL_TYPE_LONGLONG, &got_id),
                          Bind(MYSQL_TYPE_STRING, got_email, sizeof(got_email))};
  result[0].is_null = &got_null[0];
  result[1].is_null = &got_null[1];
  result[1].length = &got_length;
  // The same statement, executed again and again with other parameters.
  for (wanted = 1; wanted <= 20; ++wanted) {
    ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
    ASSERT_EQ(mysql_stmt_bind_result(select.get(), result), 0);
    ASSERT_EQ(mysql_stmt_store_result(select.get()), 0);
    EXPECT_EQ(mysql_stmt_num_rows(select.get()), 1u);
    ASSERT_EQ(mysql_stmt_fetch(select.get()), 0) << wanted;
    EXPECT_EQ(got_id, wanted);
    if (wanted == 7) {
      EXPECT_TRUE(got_null[1]);
    } else {
      EXPECT_FALSE(got_null[1]);
      EXPECT_EQ(std::string(got_email, got_length),
                "o'user" + std::to_string(wanted) + "@example.com");
    }
    EXPECT_EQ(mysql_stmt_fetch(select.get()), MYSQL_NO_DATA);
    mysql_stmt_free_result(select.get());
  }
  wanted = 999;
  ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
  ASSERT_EQ(mysql_stmt_store_result(select.get()), 0);
  EXPECT_EQ(mysql_stmt_num_rows(select.get()), 0u);
  mysql_stmt_free_result(select.get());
}

// A statement vtgate runs whole on one shard over copied rows (a window
// across shards): its column probe at prepare reads no rows, and each
// execution answers with its parameter.
TEST_F(PreparedClusterTest, StatementRunOverCopiedRows) {
  Connection m = Connect("customer");
  ASSERT_TRUE(m);
  const std::string rows =
      "INSERT INTO customer (customer_id, email) VALUES (9001, 'c@x'), (9002, 'a@x'), "
      "(9003, 'b@x'), (9004, 'd@x')";
  ASSERT_EQ(mysql_real_query(m.get(), rows.data(), rows.size()), 0) << mysql_error(m.get());
  Statement select = Prepare(m.get(),
                             "SELECT customer_id, RANK() OVER (ORDER BY email) FROM customer "
                             "WHERE customer_id BETWEEN ? AND 9004 ORDER BY customer_id");
  ASSERT_TRUE(select);
  ASSERT_EQ(mysql_stmt_field_count(select.get()), 2u);
  long long low = 9002;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &low);
  ASSERT_EQ(mysql_stmt_bind_param(select.get(), &param), 0);
  long long id = 0, rank = 0;
  MYSQL_BIND out[2] = {Bind(MYSQL_TYPE_LONGLONG, &id), Bind(MYSQL_TYPE_LONGLONG, &rank)};
  ASSERT_EQ(mysql_stmt_bind_result(select.get(), out), 0);
  for (long long from : {9002LL, 9001LL}) {
    low = from;
    ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
    std::vector<std::pair<long long, long long>> got;
    while (mysql_stmt_fetch(select.get()) == 0) got.emplace_back(id, rank);
    // By email: a@x (9002), b@x (9003), c@x (9001), d@x (9004).
    if (from == 9002) {
      EXPECT_EQ(got,
                (std::vector<std::pair<long long, long long>>{{9002, 1}, {9003, 2}, {9004, 3}}));
    } else {
      EXPECT_EQ(got, (std::vector<std::pair<long long, long long>>{
                         {9001, 3}, {9002, 1}, {9003, 2}, {9004, 4}}));
    }
  }
  const std::string clean = "DELETE FROM customer WHERE customer_id BETWEEN 9001 AND 9004";
  ASSERT_EQ(mysql_real_query(m.get(), clean.data(), clean.size()), 0) << mysql_error(m.get());
}

TEST_F(PreparedClusterTest, DuplicateKeyErrorAndTheStatementStaysUsable) {
  Connection m = Connect("customer");
  ASSERT_TRUE(m);
  Statement insert =
      Prepare(m.get(), "INSERT INTO customer (customer_id, email) VALUES (?, 'dup@x')");
  ASSERT_TRUE(insert);
  long long id = 5001;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &id);
  ASSERT_EQ(mysql_stmt_bind_param(insert.get(), &param), 0);
  ASSERT_EQ(mysql_stmt_execute(insert.get()), 0) << mysql_stmt_error(insert.get());
  EXPECT_NE(mysql_stmt_execute(insert.get()), 0);
  EXPECT_EQ(mysql_stmt_errno(insert.get()), 1062u);
  EXPECT_STREQ(mysql_stmt_sqlstate(insert.get()), "23000");
  id = 5002;
  EXPECT_EQ(mysql_stmt_execute(insert.get()), 0) << mysql_stmt_error(insert.get());
  EXPECT_EQ(mysql_stmt_affected_rows(insert.get()), 1u);
}

TEST_F(PreparedClusterTest, PrepareReportsErrors) {
  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  Statement missing(mysql_stmt_init(m.get()));
  std::string sql = "SELECT a FROM no_such_table WHERE a = ?";
  EXPECT_NE(mysql_stmt_prepare(missing.get(), sql.data(), sql.size()), 0);
  EXPECT_EQ(mysql_stmt_errno(missing.get()), 1146u);
  EXPECT_STREQ(mysql_stmt_sqlstate(missing.get()), "42S02");

  Statement syntax(mysql_stmt_init(m.get()));
  sql = "SELEKT ?";
  EXPECT_NE(mysql_stmt_prepare(syntax.get(), sql.data(), sql.size()), 0);
  EXPECT_EQ(mysql_stmt_errno(syntax.get()), 1064u);
  EXPECT_EQ(mysql_ping(m.get()), 0);
}

TEST_F(PreparedClusterTest, TemporalDecimalAndDoubleRoundTrip) {
  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  Statement insert = Prepare(m.get(),
                             "INSERT INTO typed (id, at, day, span, amount, ratio, note, small) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ASSERT_TRUE(insert);
  long long id = 1;
  MYSQL_TIME at{}, day{}, span{};
  at.year = 2024, at.month = 2, at.day = 29, at.hour = 13, at.minute = 14, at.second = 15;
  at.second_part = 16, at.time_type = MYSQL_TIMESTAMP_DATETIME;
  day.year = 1999, day.month = 12, day.day = 31, day.time_type = MYSQL_TIMESTAMP_DATE;
  span.neg = 1, span.hour = 100, span.minute = 2, span.second = 3, span.second_part = 500000;
  span.time_type = MYSQL_TIMESTAMP_TIME;
  char amount[] = "-12345.678";
  double ratio = 0.1;
  char note[] = "back\\slash 'quote' \xc3\xa9";
  unsigned char small = 200;
  MYSQL_BIND params[8] = {Bind(MYSQL_TYPE_LONGLONG, &id),
                          Bind(MYSQL_TYPE_DATETIME, &at),
                          Bind(MYSQL_TYPE_DATE, &day),
                          Bind(MYSQL_TYPE_TIME, &span),
                          Bind(MYSQL_TYPE_NEWDECIMAL, amount, std::strlen(amount)),
                          Bind(MYSQL_TYPE_DOUBLE, &ratio),
                          Bind(MYSQL_TYPE_STRING, note, std::strlen(note)),
                          Bind(MYSQL_TYPE_TINY, &small)};
  params[7].is_unsigned = 1;
  ASSERT_EQ(mysql_stmt_bind_param(insert.get(), params), 0);
  ASSERT_EQ(mysql_stmt_execute(insert.get()), 0) << mysql_stmt_error(insert.get());

  // What MariaDB stored, through the text protocol.
  std::string check = "SELECT at, day, span, amount, ratio, note, small FROM typed WHERE id = 1";
  ASSERT_EQ(mysql_real_query(m.get(), check.data(), check.size()), 0) << mysql_error(m.get());
  MYSQL_RES* text = mysql_store_result(m.get());
  ASSERT_NE(text, nullptr);
  MYSQL_ROW row = mysql_fetch_row(text);
  ASSERT_NE(row, nullptr);
  EXPECT_STREQ(row[0], "2024-02-29 13:14:15.000016");
  EXPECT_STREQ(row[1], "1999-12-31");
  EXPECT_STREQ(row[2], "-100:02:03.500000");
  EXPECT_STREQ(row[3], "-12345.678");
  EXPECT_STREQ(row[4], "0.1");
  EXPECT_STREQ(row[5], note);
  EXPECT_STREQ(row[6], "200");
  mysql_free_result(text);

  // And back through the binary protocol into native types.
  Statement select =
      Prepare(m.get(), "SELECT at, day, span, amount, ratio, note, small FROM typed WHERE id = ?");
  ASSERT_TRUE(select);
  ASSERT_EQ(mysql_stmt_field_count(select.get()), 7u);
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &id);
  ASSERT_EQ(mysql_stmt_bind_param(select.get(), &param), 0);
  ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
  MYSQL_TIME got_at{}, got_day{}, got_span{};
  char got_amount[32] = {}, got_note[64] = {};
  unsigned long amount_length = 0, note_length = 0;
  double got_ratio = 0;
  unsigned char got_small = 0;
  MYSQL_BIND result[7] = {
      Bind(MYSQL_TYPE_DATETIME, &got_at),  Bind(MYSQL_TYPE_DATE, &got_day),
      Bind(MYSQL_TYPE_TIME, &got_span),    Bind(MYSQL_TYPE_STRING, got_amount, sizeof(got_amount)),
      Bind(MYSQL_TYPE_DOUBLE, &got_ratio), Bind(MYSQL_TYPE_STRING, got_note, sizeof(got_note)),
      Bind(MYSQL_TYPE_TINY, &got_small)};
  result[3].length = &amount_length;
  result[5].length = &note_length;
  result[6].is_unsigned = 1;
  ASSERT_EQ(mysql_stmt_bind_result(select.get(), result), 0);
  ASSERT_EQ(mysql_stmt_fetch(select.get()), 0) << mysql_stmt_error(select.get());
  EXPECT_EQ(got_at.year, 2024u);
  EXPECT_EQ(got_at.month, 2u);
  EXPECT_EQ(got_at.day, 29u);
  EXPECT_EQ(got_at.hour, 13u);
  EXPECT_EQ(got_at.minute, 14u);
  EXPECT_EQ(got_at.second, 15u);
  EXPECT_EQ(got_at.second_part, 16u);
  EXPECT_EQ(got_day.year, 1999u);
  EXPECT_EQ(got_day.month, 12u);
  EXPECT_EQ(got_day.day, 31u);
  EXPECT_TRUE(got_span.neg);
  EXPECT_EQ(got_span.hour, 100u);
  EXPECT_EQ(got_span.minute, 2u);
  EXPECT_EQ(got_span.second, 3u);
  EXPECT_EQ(got_span.second_part, 500000u);
  EXPECT_EQ(std::string(got_amount, amount_length), "-12345.678");
  EXPECT_EQ(got_ratio, 0.1);
  EXPECT_EQ(std::string(got_note, note_length), note);
  EXPECT_EQ(got_small, 200);
  EXPECT_EQ(mysql_stmt_fetch(select.get()), MYSQL_NO_DATA);

  // A NULL parameter matches nothing.
  my_bool is_null = 1;
  param.is_null = &is_null;
  ASSERT_EQ(mysql_stmt_bind_param(select.get(), &param), 0);
  ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
  ASSERT_EQ(mysql_stmt_store_result(select.get()), 0);
  EXPECT_EQ(mysql_stmt_num_rows(select.get()), 0u);
}

TEST_F(PreparedClusterTest, KeyspaceQualifiedStatementFromAnotherDatabase) {
  Connection setup = Connect("customer");
  ASSERT_TRUE(setup);
  std::string insert = "INSERT INTO customer (customer_id, email) VALUES (7001, 'q@x')";
  ASSERT_EQ(mysql_real_query(setup.get(), insert.data(), insert.size()), 0)
      << mysql_error(setup.get());

  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  Statement select = Prepare(m.get(), "SELECT email FROM customer.customer WHERE customer_id = ?");
  ASSERT_TRUE(select);
  ASSERT_EQ(mysql_stmt_field_count(select.get()), 1u);
  long long id = 7001;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &id);
  ASSERT_EQ(mysql_stmt_bind_param(select.get(), &param), 0);
  ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
  char email[16] = {};
  unsigned long length = 0;
  MYSQL_BIND result = Bind(MYSQL_TYPE_STRING, email, sizeof(email));
  result.length = &length;
  ASSERT_EQ(mysql_stmt_bind_result(select.get(), &result), 0);
  ASSERT_EQ(mysql_stmt_fetch(select.get()), 0);
  EXPECT_EQ(std::string(email, length), "q@x");
}

TEST_F(PreparedClusterTest, CloseThenPrepareAgain) {
  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  for (int round = 0; round < 3; ++round) {
    Statement stmt = Prepare(m.get(), "SELECT ? + 1 AS next");
    ASSERT_TRUE(stmt);
    long long v = round;
    MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &v);
    ASSERT_EQ(mysql_stmt_bind_param(stmt.get(), &param), 0);
    ASSERT_EQ(mysql_stmt_execute(stmt.get()), 0) << mysql_stmt_error(stmt.get());
    long long next = 0;
    MYSQL_BIND result = Bind(MYSQL_TYPE_LONGLONG, &next);
    ASSERT_EQ(mysql_stmt_bind_result(stmt.get(), &result), 0);
    ASSERT_EQ(mysql_stmt_fetch(stmt.get()), 0) << mysql_stmt_error(stmt.get());
    EXPECT_EQ(next, round + 1);
  }
  EXPECT_EQ(mysql_ping(m.get()), 0);
}

// The number after `label` in sysbench's report, or -1.
long long ReportNumber(const std::string& report, const std::string& label) {
  std::smatch match;
  if (!std::regex_search(report, match, std::regex(label + R"(:\s+(\d+))"))) return -1;
  return std::stoll(match[1]);
}

// sysbench's point-select benchmark with server-side prepared statements,
// through vtgate into the unsharded keyspace.
TEST_F(PreparedClusterTest, SysbenchPointSelectWithPreparedStatements) {
  const std::string common =
      "sysbench oltp_point_select --db-driver=mysql --db-ps-mode=auto "
      "--mysql-host=127.0.0.1 --mysql-port=" +
      std::to_string(cluster_->vtgate_port()) +
      " --mysql-user=app --mysql-password=app --mysql-db=commerce "
      "--tables=1 --table-size=1000";
  auto prepared = RunShell(common + " prepare");
  ASSERT_EQ(prepared.exit_code, 0) << prepared.output;
  auto ran = RunShell(common + " --threads=2 --time=3 run");
  ASSERT_EQ(ran.exit_code, 0) << ran.output;
  const std::string& report = ran.output;
  std::printf("%s\n", report.c_str());  // throughput for the log
  EXPECT_GT(ReportNumber(report, "read"), 100) << report;
  EXPECT_EQ(ReportNumber(report, "ignored errors"), 0) << report;
  EXPECT_EQ(ReportNumber(report, "reconnects"), 0) << report;
  // The driver falls back to client-side emulation (and says so) only when
  // the server refuses COM_STMT_PREPARE.
  EXPECT_EQ(report.find("emulation"), std::string::npos) << report;
  // Every point select found its row: sysbench reports the statements, and
  // a sample checked through the same prepared path returns data.
  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  Statement select = Prepare(m.get(), "SELECT c FROM sbtest1 WHERE id=?");
  ASSERT_TRUE(select);
  long long id = 500;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &id);
  ASSERT_EQ(mysql_stmt_bind_param(select.get(), &param), 0);
  ASSERT_EQ(mysql_stmt_execute(select.get()), 0) << mysql_stmt_error(select.get());
  ASSERT_EQ(mysql_stmt_store_result(select.get()), 0);
  EXPECT_EQ(mysql_stmt_num_rows(select.get()), 1u);
  auto cleaned = RunShell(common + " cleanup");
  EXPECT_EQ(cleaned.exit_code, 0) << cleaned.output;
}

}  // namespace
}  // namespace tessera::testing
