// Multi statements, COM_CHANGE_USER and COM_RESET_CONNECTION end to end: a
// real cluster (MariaDB shards, vttablets, vtgate) driven by MariaDB
// Connector/C.
#include <mysql.h>

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;

// One answer of a (possibly multi-statement) query.
struct Answer {
  unsigned error = 0;  // mysql_errno, 0 on success
  std::string message;
  Rows rows;                        // of a result set
  unsigned long long affected = 0;  // of an OK answer
};

// Runs `sql` and collects every answer up to the last one or the first error.
std::vector<Answer> RunAll(MYSQL* m, const std::string& sql) {
  std::vector<Answer> answers;
  int status = mysql_real_query(m, sql.data(), sql.size());
  for (;;) {
    Answer a;
    if (status != 0) {
      a.error = ::mysql_errno(m);
      a.message = mysql_error(m);
      answers.push_back(a);
      return answers;
    }
    if (MYSQL_RES* res = mysql_store_result(m)) {
      unsigned n = mysql_num_fields(res);
      while (MYSQL_ROW row = mysql_fetch_row(res)) {
        std::vector<std::string> r;
        for (unsigned i = 0; i < n; ++i) r.push_back(row[i] ? row[i] : "NULL");
        a.rows.push_back(std::move(r));
      }
      mysql_free_result(res);
    } else {
      a.affected = mysql_affected_rows(m);
    }
    answers.push_back(a);
    if (!mysql_more_results(m)) return answers;
    status = mysql_next_result(m);
    if (status == -1) return answers;
  }
}

unsigned ServerStatus(MYSQL* m) {
  unsigned status = 0;
  mariadb_get_infov(m, MARIADB_CONNECTION_SERVER_STATUS, &status);
  return status;
}

Rows Query(MYSQL* m, const std::string& sql) {
  std::vector<Answer> answers = RunAll(m, sql);
  if (answers.size() != 1 || answers[0].error != 0) {
    ADD_FAILURE() << sql << ": " << (answers.empty() ? "no answer" : answers.back().message);
    return {};
  }
  return answers[0].rows;
}

class ClusterSessionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestCluster::ConfigExtras extras;
    extras.users =
        "  - name: other\n    password: otherpw\n"
        "  - name: limited\n    password: limitedpw\n    keyspaces: [commerce]\n";
    auto cluster = TestCluster::Start(ExampleKeyspaces(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  static Connection Connect(const char* user, const char* password, const char* db,
                            unsigned long flags) {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 20;
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", user, password, db, cluster_->vtgate_port(),
                            nullptr, flags)) {
      ADD_FAILURE() << mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  static TestCluster* cluster_;
};
TestCluster* ClusterSessionTest::cluster_ = nullptr;

TEST_F(ClusterSessionTest, MultiStatementsRunInOrderOnTheShards) {
  Connection m = Connect("app", "app", "customer", CLIENT_MULTI_STATEMENTS);
  ASSERT_TRUE(m);
  std::vector<Answer> answers =
      RunAll(m.get(),
             "INSERT INTO customer (customer_id, email) VALUES (101, 'a;1');\n"
             "INSERT INTO customer (customer_id, email) VALUES (102, 'b'); -- two rows\n"
             "SELECT customer_id, email FROM customer WHERE customer_id IN (101, 102) ORDER BY 1;");
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].error, 0u) << answers[0].message;
  EXPECT_EQ(answers[0].affected, 1u);
  EXPECT_EQ(answers[1].affected, 1u);
  EXPECT_EQ(answers[2].rows, (Rows{{"101", "a;1"}, {"102", "b"}})) << answers[2].message;

  // A transaction inside one batch.
  answers = RunAll(m.get(),
                   "BEGIN; INSERT INTO customer (customer_id, email) VALUES (103, 'c'); "
                   "ROLLBACK; SELECT COUNT(*) FROM customer WHERE customer_id = 103");
  ASSERT_EQ(answers.size(), 4u) << answers.back().message;
  EXPECT_EQ(answers[3].rows, (Rows{{"0"}}));
  EXPECT_FALSE(ServerStatus(m.get()) & SERVER_STATUS_IN_TRANS);
}

TEST_F(ClusterSessionTest, AnErrorStopsTheBatchAfterEarlierResults) {
  Connection m = Connect("app", "app", "customer", CLIENT_MULTI_STATEMENTS);
  ASSERT_TRUE(m);
  std::vector<Answer> answers =
      RunAll(m.get(),
             "INSERT INTO customer (customer_id, email) VALUES (201, 'x'); "
             "SELECT * FROM no_such_table; "
             "INSERT INTO customer (customer_id, email) VALUES (202, 'y')");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].affected, 1u);
  EXPECT_NE(answers[1].error, 0u);
  EXPECT_FALSE(mysql_more_results(m.get()));
  // The statement after the failing one never ran.
  EXPECT_EQ(Query(m.get(), "SELECT customer_id FROM customer WHERE customer_id IN (201, 202)"),
            (Rows{{"201"}}));
  // A syntax error in the middle stops the batch the same way.
  answers = RunAll(m.get(), "SELECT 1; SELEC 2; SELECT 3");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].rows, (Rows{{"1"}}));
  EXPECT_EQ(answers[1].error, 1064u);
  EXPECT_EQ(Query(m.get(), "SELECT 4"), (Rows{{"4"}}));
}

TEST_F(ClusterSessionTest, WithoutTheCapabilityASecondStatementIsASyntaxError) {
  Connection m = Connect("app", "app", "customer", 0);
  ASSERT_TRUE(m);
  std::vector<Answer> answers = RunAll(m.get(), "SELECT 1; SELECT 2");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].error, 1064u);
  EXPECT_STREQ(mysql_sqlstate(m.get()), "42000");
  EXPECT_NE(answers[0].message.find("near 'SELECT 2'"), std::string::npos) << answers[0].message;
  answers = RunAll(m.get(),
                   "INSERT INTO customer (customer_id, email) VALUES (301, 'x'); "
                   "INSERT INTO customer (customer_id, email) VALUES (302, 'y')");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].error, 1064u);
  EXPECT_EQ(Query(m.get(), "SELECT COUNT(*) FROM customer WHERE customer_id IN (301, 302)"),
            (Rows{{"0"}}));
  // One statement with a final `;` is fine.
  EXPECT_EQ(Query(m.get(), "SELECT 5;"), (Rows{{"5"}}));
  // COM_SET_OPTION turns multi statements on for this connection.
  ASSERT_EQ(mysql_set_server_option(m.get(), MYSQL_OPTION_MULTI_STATEMENTS_ON), 0);
  answers = RunAll(m.get(), "SELECT 1; SELECT 2");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[1].rows, (Rows{{"2"}}));
}

// Session state a reset must clear: an open transaction holding a row lock,
// a user variable, a session variable, autocommit, a prepared statement.
void DirtySession(MYSQL* m, int id) {
  ASSERT_EQ(mysql_query(m, "SET @v = 7"), 0) << mysql_error(m);
  ASSERT_EQ(mysql_query(m, "SET SESSION time_zone = '+05:00'"), 0) << mysql_error(m);
  ASSERT_EQ(mysql_query(m, "SET autocommit = 0"), 0) << mysql_error(m);
  ASSERT_EQ(mysql_query(m, "BEGIN"), 0) << mysql_error(m);
  std::string insert =
      "INSERT INTO customer (customer_id, email) VALUES (" + std::to_string(id) + ", 'locked')";
  ASSERT_EQ(mysql_query(m, insert.c_str()), 0) << mysql_error(m);
  ASSERT_TRUE(ServerStatus(m) & SERVER_STATUS_IN_TRANS);
}

TEST_F(ClusterSessionTest, ChangeUserResetsTheSessionForTheNewUser) {
  Connection m = Connect("app", "app", "customer", 0);
  ASSERT_TRUE(m);
  const std::string default_zone = Query(m.get(), "SELECT @@time_zone")[0][0];
  DirtySession(m.get(), 401);
  MYSQL_STMT* stmt = mysql_stmt_init(m.get());
  const std::string select = "SELECT ?";
  ASSERT_EQ(mysql_stmt_prepare(stmt, select.data(), select.size()), 0) << mysql_stmt_error(stmt);

  ASSERT_EQ(mysql_change_user(m.get(), "other", "otherpw", "commerce"), 0) << mysql_error(m.get());
  EXPECT_FALSE(ServerStatus(m.get()) & SERVER_STATUS_IN_TRANS);
  EXPECT_TRUE(ServerStatus(m.get()) & SERVER_STATUS_AUTOCOMMIT);
  EXPECT_EQ(Query(m.get(), "SELECT DATABASE(), @v, @@time_zone"),
            (Rows{{"commerce", "NULL", default_zone}}));
  // The row the old transaction inserted is gone and no longer locked.
  GateClient other(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(other.connected());
  ASSERT_TRUE(other.Exec("SET SESSION innodb_lock_wait_timeout = 2")) << other.error();
  EXPECT_TRUE(other.Exec("INSERT INTO customer (customer_id, email) VALUES (401, 'free')"))
      << other.error();
  EXPECT_EQ(other.Rows("SELECT email FROM customer WHERE customer_id = 401"), (Rows{{"free"}}));
  // Statements prepared before are gone (Connector/C also forgets them);
  // new ones work.
  EXPECT_NE(mysql_stmt_execute(stmt), 0);
  mysql_stmt_close(stmt);
  stmt = mysql_stmt_init(m.get());
  ASSERT_EQ(mysql_stmt_prepare(stmt, select.data(), select.size()), 0) << mysql_stmt_error(stmt);
  mysql_stmt_close(stmt);
  EXPECT_EQ(Query(m.get(), "SELECT COUNT(*) FROM product"), (Rows{{"0"}}));
}

TEST_F(ClusterSessionTest, ChangeUserWithAWrongPasswordIsRefused) {
  Connection m = Connect("app", "app", "customer", 0);
  ASSERT_TRUE(m);
  EXPECT_NE(mysql_change_user(m.get(), "other", "wrong", nullptr), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1045u);
  EXPECT_STREQ(mysql_error(m.get()),
               "Access denied for user 'other'@'127.0.0.1' (using password: YES)");
}

TEST_F(ClusterSessionTest, ResetConnectionResetsStateButKeepsUserAndDatabase) {
  Connection m = Connect("app", "app", "commerce", 0);
  ASSERT_TRUE(m);
  const std::string default_zone = Query(m.get(), "SELECT @@time_zone")[0][0];
  ASSERT_EQ(mysql_query(m.get(), "USE customer"), 0) << mysql_error(m.get());
  DirtySession(m.get(), 501);
  ASSERT_EQ(mysql_reset_connection(m.get()), 0) << mysql_error(m.get());
  EXPECT_EQ(Query(m.get(), "SELECT DATABASE(), @v, @@time_zone"),
            (Rows{{"customer", "NULL", default_zone}}));
  // (Connector/C reads the status flags of the query's answer, not of the
  // reset's OK.)
  EXPECT_FALSE(ServerStatus(m.get()) & SERVER_STATUS_IN_TRANS);
  EXPECT_TRUE(ServerStatus(m.get()) & SERVER_STATUS_AUTOCOMMIT);
  GateClient other(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(other.connected());
  ASSERT_TRUE(other.Exec("SET SESSION innodb_lock_wait_timeout = 2")) << other.error();
  EXPECT_TRUE(other.Exec("INSERT INTO customer (customer_id, email) VALUES (501, 'free')"))
      << other.error();
  // Autocommit is back on: this insert is visible to others at once.
  ASSERT_EQ(mysql_query(m.get(), "INSERT INTO customer (customer_id, email) VALUES (502, 'ac')"), 0)
      << mysql_error(m.get());
  EXPECT_EQ(other.Rows("SELECT email FROM customer WHERE customer_id = 502"), (Rows{{"ac"}}));
}

TEST_F(ClusterSessionTest, AUserLimitedToKeyspacesReachesNoOther) {
  Connection m = Connect("limited", "limitedpw", nullptr, 0);
  ASSERT_TRUE(m);
  EXPECT_EQ(Query(m.get(), "SHOW DATABASES"), (Rows{{"commerce"}}));
  std::vector<Answer> denied = RunAll(m.get(), "USE customer");
  ASSERT_EQ(denied.size(), 1u);
  EXPECT_EQ(denied[0].error, 1044u);
  EXPECT_EQ(denied[0].message, "Access denied for user 'limited'@'%' to database 'customer'");
  denied = RunAll(m.get(), "SELECT COUNT(*) FROM customer.customer");
  EXPECT_EQ(denied.at(0).error, 1044u) << denied.at(0).message;
  denied = RunAll(m.get(), "SHOW TABLES FROM customer");
  EXPECT_EQ(denied.at(0).error, 1044u) << denied.at(0).message;
  ASSERT_EQ(mysql_select_db(m.get(), "commerce"), 0) << mysql_error(m.get());
  EXPECT_EQ(Query(m.get(), "SELECT DATABASE()"), (Rows{{"commerce"}}));
  EXPECT_EQ(Query(m.get(), "SELECT COUNT(*) FROM product WHERE sku = 'none'"), (Rows{{"0"}}));
  // Naming the keyspace at login is refused the same way.
  Connection direct(mysql_init(nullptr));
  EXPECT_EQ(mysql_real_connect(direct.get(), "127.0.0.1", "limited", "limitedpw", "customer",
                               cluster_->vtgate_port(), nullptr, 0),
            nullptr);
  EXPECT_EQ(::mysql_errno(direct.get()), 1044u) << mysql_error(direct.get());
}

TEST_F(ClusterSessionTest, ShowWarningsDescribesTheSessionsLastStatement) {
  Connection m = Connect("app", "app", "customer", CLIENT_MULTI_STATEMENTS);
  Connection other = Connect("app", "app", "customer", 0);
  ASSERT_TRUE(m && other);
  EXPECT_EQ(Query(m.get(), "SELECT CAST('12abc' AS SIGNED)"), (Rows{{"12"}}));
  EXPECT_EQ(mysql_warning_count(m.get()), 1u);
  // Another client's statements on the same shards change nothing here.
  EXPECT_EQ(Query(other.get(), "SELECT CAST('x' AS SIGNED), CAST('y' AS SIGNED)"),
            (Rows{{"0", "0"}}));
  const Rows expected = {{"Warning", "1292", "Truncated incorrect INTEGER value: '12abc'"}};
  EXPECT_EQ(Query(m.get(), "SHOW WARNINGS"), expected);
  // SHOW WARNINGS keeps them; LIMIT and the counts read them too.
  EXPECT_EQ(Query(m.get(), "SHOW WARNINGS LIMIT 1"), expected);
  EXPECT_EQ(Query(m.get(), "SHOW WARNINGS LIMIT 1, 1"), Rows{});
  EXPECT_EQ(Query(m.get(), "SHOW COUNT(*) WARNINGS"), (Rows{{"1"}}));
  EXPECT_EQ(Query(m.get(), "SHOW ERRORS"), Rows{});
  EXPECT_EQ(Query(other.get(), "SHOW COUNT(*) WARNINGS"), (Rows{{"2"}}));
  // Warnings from every shard of a scatter.
  ASSERT_EQ(RunAll(m.get(),
                   "INSERT INTO customer (customer_id, email) VALUES (601, 'a1'), "
                   "(602, 'b2'), (603, 'c3'), (604, 'd4')")
                .at(0)
                .error,
            0u);
  EXPECT_EQ(Query(m.get(),
                  "SELECT COUNT(*) FROM customer WHERE customer_id BETWEEN 601 AND 604 "
                  "AND CAST(email AS SIGNED) = 0"),
            (Rows{{"4"}}));
  EXPECT_EQ(Query(m.get(), "SHOW COUNT(*) WARNINGS"), (Rows{{"4"}}));
  EXPECT_EQ(Query(m.get(), "SELECT @@warning_count, @@error_count"), (Rows{{"4", "0"}}));
  // As in MariaDB, statements that use no table and raise nothing keep them
  // (SELECT without FROM, SET, USE, BEGIN); one that reads a table clears
  // them.
  EXPECT_EQ(Query(m.get(), "SELECT 1"), (Rows{{"1"}}));
  EXPECT_EQ(Query(m.get(), "SELECT 'no table'"), (Rows{{"no table"}}));
  ASSERT_EQ(RunAll(m.get(), "SET @x = 1; USE customer; BEGIN; ROLLBACK").back().affected, 0u);
  ASSERT_EQ(RunAll(m.get(), "SET @x = 1; USE customer; BEGIN; ROLLBACK").size(), 4u);
  EXPECT_EQ(Query(m.get(), "SHOW COUNT(*) WARNINGS"), (Rows{{"4"}}));
  EXPECT_EQ(Query(m.get(), "SELECT email FROM customer WHERE customer_id = 601"), (Rows{{"a1"}}));
  EXPECT_EQ(Query(m.get(), "SHOW WARNINGS"), Rows{});
  EXPECT_EQ(mysql_warning_count(m.get()), 0u);
  // An error becomes the one condition: in SHOW ERRORS and in SHOW WARNINGS.
  EXPECT_EQ(RunAll(m.get(), "SELECT * FROM no_such_table").at(0).error, 1146u);
  const Rows error = Query(m.get(), "SHOW ERRORS");
  ASSERT_EQ(error.size(), 1u);
  EXPECT_EQ(error[0][0], "Error");
  EXPECT_EQ(error[0][1], "1146");
  EXPECT_EQ(Query(m.get(), "SHOW WARNINGS"), error);
  EXPECT_EQ(Query(m.get(), "SHOW COUNT(*) ERRORS"), (Rows{{"1"}}));
  EXPECT_EQ(Query(m.get(), "SELECT @@error_count, @@session.warning_count"), (Rows{{"1", "1"}}));
  const Rows named = Query(m.get(), "SELECT @@warning_count");
  EXPECT_EQ(named, (Rows{{"1"}}));
  // Prepared statements report theirs the same way; PREPARE keeps them.
  ASSERT_EQ(RunAll(m.get(),
                   "PREPARE s FROM 'SELECT CAST(? AS SIGNED) AS v FROM customer "
                   "WHERE customer_id = 601'; SET @v = '7x'")
                .size(),
            2u);
  EXPECT_EQ(Query(m.get(), "SHOW COUNT(*) ERRORS"), (Rows{{"1"}}));
  EXPECT_EQ(Query(m.get(), "EXECUTE s USING @v"), (Rows{{"7"}}));
  EXPECT_EQ(Query(m.get(), "SHOW WARNINGS"),
            (Rows{{"Warning", "1292", "Truncated incorrect INTEGER value: '7x'"}}));
  EXPECT_EQ(Query(m.get(), "SELECT customer_id FROM customer WHERE customer_id = 999"), Rows{});
  EXPECT_EQ(Query(m.get(), "SHOW COUNT(*) WARNINGS"), (Rows{{"0"}}));
  ASSERT_EQ(
      RunAll(m.get(), "DELETE FROM customer WHERE customer_id BETWEEN 601 AND 604").at(0).error,
      0u);
}

}  // namespace
}  // namespace tessera::testing
