// SQL-level PREPARE / EXECUTE / DEALLOCATE PREPARE end to end: a real
// cluster (MariaDB shards, vttablets, vtgate) driven by MariaDB Connector/C.
// Where vtgate answers with an error, the same statements run on a shard's
// MariaDB must answer with the same one.
#include <mysql.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/keyrange/key_range.h"
#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"
#include "vtgate/vindexes/hash_vindex.h"

namespace tessera::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Outcome {
  unsigned error = 0;  // 0 on success
  std::string sql_state;
  std::string message;
};

class SqlPrepareTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = TestCluster::Start(ExampleKeyspaces());
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  static std::unique_ptr<GateClient> Connect(const char* db = "customer") {
    auto client = std::make_unique<GateClient>(cluster_->vtgate_port(), "app", "app", db);
    EXPECT_TRUE(client->connected()) << client->error();
    return client;
  }

  static Outcome Run(GateClient& c, const std::string& sql) {
    if (c.Exec(sql)) return {};
    return {c.error_code(), c.sqlstate(), c.error()};
  }

  // Runs `statements` on a fresh session of vtgate and, alongside, on a
  // session of the commerce shard's MariaDB: each must succeed on both or fail on both
  // with the same error. Returns vtgate's outcome of the last one.
  static Outcome SameAsMariaDb(const std::vector<std::string>& statements) {
    Outcome last;
    auto gate = Connect("commerce");
    auto shard = cluster_->ConnectShard(*cluster_->FindShard("commerce", "0"));
    EXPECT_TRUE(shard.ok()) << shard.error().message;
    if (!shard.ok()) return {1, "", "no shard connection"};
    for (const auto& statement : statements) {
      SCOPED_TRACE(statement);
      last = Run(*gate, statement);
      Status direct = (*shard)->Execute(statement);
      EXPECT_EQ(last.error, direct.ok() ? 0u : direct.error().code) << last.message;
      if (!direct.ok()) {
        EXPECT_EQ(last.message, direct.error().message);
      }
    }
    return last;
  }

  static void ExpectError(const Outcome& got, unsigned code, const char* sql_state) {
    EXPECT_EQ(got.error, code) << got.message;
    EXPECT_EQ(got.sql_state, sql_state) << got.message;
  }

  static TestCluster* cluster_;
};
TestCluster* SqlPrepareTest::cluster_ = nullptr;

TEST_F(SqlPrepareTest, ExecuteRoutesEachRowByItsValuesAcrossShards) {
  auto c = Connect();
  ASSERT_TRUE(c->Exec("PREPARE ins FROM 'INSERT INTO customer (customer_id, email) VALUES (?, ?)'"))
      << c->error();
  EXPECT_STREQ(mysql_info(c->get()), "Statement prepared");
  // Literals for odd ids, user variables for even ones.
  for (int id = 1; id <= 12; ++id) {
    const std::string email = "'u" + std::to_string(id) + "@example.com'";
    if (id % 2 == 1) {
      ASSERT_TRUE(c->Exec("EXECUTE ins USING " + std::to_string(id) + ", " + email)) << c->error();
    } else {
      ASSERT_TRUE(c->Exec("SET @id = " + std::to_string(id) + ", @email = " + email)) << c->error();
      ASSERT_TRUE(c->Exec("EXECUTE ins USING @id, @email")) << c->error();
    }
    EXPECT_EQ(mysql_affected_rows(c->get()), 1u) << id;
  }

  // Every row is on exactly the shard its id hashes to.
  vtgate::HashVindex hash;
  std::set<long> seen;
  for (const auto& shard : cluster_->shards()) {
    if (shard.keyspace != "customer") continue;
    auto range = KeyRange::Parse(shard.name);
    ASSERT_TRUE(range.ok());
    auto direct = cluster_->ConnectShard(shard);
    ASSERT_TRUE(direct.ok()) << direct.error().message;
    auto rows = (*direct)->Query("SELECT customer_id FROM customer WHERE customer_id <= 12");
    ASSERT_TRUE(rows.ok());
    EXPECT_FALSE(rows->empty()) << "shard " << shard.name << " got no rows";
    for (const auto& row : *rows) {
      long id = std::stol(*row[0]);
      EXPECT_TRUE(range->Contains(hash.MapUint64(static_cast<uint64_t>(id))))
          << "customer " << id << " is on the wrong shard " << shard.name;
      EXPECT_TRUE(seen.insert(id).second) << "customer " << id << " is on two shards";
    }
  }
  EXPECT_EQ(seen.size(), 12u);

  // Read back with a statement prepared from a variable, executed with a
  // literal, a variable and an expression.
  ASSERT_TRUE(c->Exec("SET @q = 'SELECT email FROM customer WHERE customer_id = ?'"));
  ASSERT_TRUE(c->Exec("PREPARE sel FROM @q")) << c->error();
  EXPECT_EQ(c->Rows("EXECUTE sel USING 3"), (Rows{{"u3@example.com"}}));
  ASSERT_TRUE(c->Exec("SET @id = 8"));
  EXPECT_EQ(c->Rows("EXECUTE sel USING @id"), (Rows{{"u8@example.com"}}));
  EXPECT_EQ(c->Rows("EXECUTE sel USING 5 + 6"), (Rows{{"u11@example.com"}}));
  EXPECT_EQ(c->Rows("EXECUTE sel USING @nothing"), Rows{});
  EXPECT_EQ(c->error_code(), 0u) << c->error();
  // A scatter with several values, and one without any.
  ASSERT_TRUE(
      c->Exec("PREPARE range_sel FROM 'SELECT customer_id FROM customer WHERE customer_id "
              "BETWEEN ? AND ? ORDER BY customer_id LIMIT ?'"))
      << c->error();
  EXPECT_EQ(c->Rows("EXECUTE range_sel USING 2, 9, 3"), (Rows{{"2"}, {"3"}, {"4"}}));
  ASSERT_TRUE(c->Exec("PREPARE cnt FROM 'SELECT COUNT(*) FROM customer WHERE customer_id <= 12'"));
  EXPECT_EQ(c->Rows("EXECUTE cnt"), (Rows{{"12"}}));
  // Updates and deletes route the same way.
  ASSERT_TRUE(c->Exec("PREPARE upd FROM 'UPDATE customer SET email = ? WHERE customer_id = ?'"));
  ASSERT_TRUE(c->Exec("EXECUTE upd USING 'new@example.com', 4")) << c->error();
  EXPECT_EQ(mysql_affected_rows(c->get()), 1u);
  EXPECT_EQ(c->Rows("EXECUTE sel USING 4"), (Rows{{"new@example.com"}}));
  ASSERT_TRUE(c->Exec("PREPARE del FROM 'DELETE FROM customer WHERE customer_id = ?'"));
  ASSERT_TRUE(c->Exec("EXECUTE del USING 4")) << c->error();
  EXPECT_EQ(mysql_affected_rows(c->get()), 1u);
  EXPECT_EQ(c->Rows("EXECUTE cnt"), (Rows{{"11"}}));
}

TEST_F(SqlPrepareTest, ExecuteJoinsTheSessionsTransaction) {
  auto c = Connect();
  ASSERT_TRUE(
      c->Exec("PREPARE ins FROM 'INSERT INTO customer (customer_id, email) VALUES (?, ?)'"));
  ASSERT_TRUE(c->Exec("BEGIN"));
  ASSERT_TRUE(c->Exec("EXECUTE ins USING 101, 'a'")) << c->error();
  ASSERT_TRUE(c->Exec("EXECUTE ins USING 102, 'b'")) << c->error();
  ASSERT_TRUE(c->Exec("ROLLBACK"));
  EXPECT_EQ(c->Rows("SELECT COUNT(*) FROM customer WHERE customer_id IN (101, 102)"),
            (Rows{{"0"}}));
  ASSERT_TRUE(c->Exec("BEGIN"));
  ASSERT_TRUE(c->Exec("EXECUTE ins USING 103, 'c'")) << c->error();
  ASSERT_TRUE(c->Exec("COMMIT"));
  auto other = Connect();
  EXPECT_EQ(other->Rows("SELECT email FROM customer WHERE customer_id = 103"), (Rows{{"c"}}));
}

TEST_F(SqlPrepareTest, ErrorsAreMariaDbs) {
  // Wrong number of values.
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'SELECT ?, ?'", "EXECUTE s USING 1"}), 1210, "HY000");
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'SELECT ?'", "EXECUTE s"}), 1210, "HY000");
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'SELECT 1'", "EXECUTE s USING 1"}), 1210, "HY000");
  // Unknown names.
  ExpectError(SameAsMariaDb({"EXECUTE NoSuch USING 1"}), 1243, "HY000");
  ExpectError(SameAsMariaDb({"DEALLOCATE PREPARE nosuch"}), 1243, "HY000");
  ExpectError(SameAsMariaDb({"DROP PREPARE nosuch"}), 1243, "HY000");
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'SELECT 1'", "DEALLOCATE PREPARE S", "EXECUTE s"}),
              1243, "HY000");
  // Prepared statements inside prepared statements.
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'PREPARE t FROM ''SELECT 1'''"}), 1295, "HY000");
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'EXECUTE t'"}), 1295, "HY000");
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'DEALLOCATE PREPARE t'"}), 1295, "HY000");
  // An unset or NULL variable is a syntax error near 'NULL'; a failed
  // re-PREPARE drops the old statement.
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'SELECT 1'", "SET @q = NULL", "PREPARE s FROM @q"}),
              1064, "42000");
  ExpectError(SameAsMariaDb({"PREPARE s FROM 'SELECT 1'", "PREPARE s FROM @nothing", "EXECUTE s"}),
              1243, "HY000");
  // And what works works on both.
  ExpectError(
      SameAsMariaDb({"SET @q = 'SELECT ?, ?'", "PREPARE s FROM @q", "SET @a = 1",
                     "EXECUTE s USING @a, 'b'", "EXECUTE s USING 1 + 1, NULL", "DROP PREPARE s"}),
      0, "");
}

TEST_F(SqlPrepareTest, SyntaxErrorsAreReportedAtPrepare) {
  auto c = Connect();
  Outcome bad = Run(*c, "PREPARE s FROM 'SELEC 1'");
  EXPECT_EQ(bad.error, 1064u) << bad.message;
  EXPECT_EQ(bad.sql_state, "42000");
  EXPECT_NE(bad.message.find("near 'SELEC 1'"), std::string::npos) << bad.message;
  Outcome unset = Run(*c, "PREPARE s FROM @never_set");
  EXPECT_EQ(unset.error, 1064u) << unset.message;
  EXPECT_NE(unset.message.find("near 'NULL'"), std::string::npos) << unset.message;
  Outcome empty = Run(*c, "PREPARE s FROM ''");
  EXPECT_EQ(empty.error, 1065u) << empty.message;
  EXPECT_EQ(Run(*c, "EXECUTE s").error, 1243u);
}

TEST_F(SqlPrepareTest, DeallocateAndRePrepare) {
  auto c = Connect();
  ASSERT_TRUE(c->Exec("PREPARE s FROM 'SELECT 1'")) << c->error();
  EXPECT_EQ(c->Rows("EXECUTE s"), (Rows{{"1"}}));
  // Re-PREPARE replaces it; names are case-insensitive.
  ASSERT_TRUE(c->Exec("PREPARE S FROM 'SELECT ?, ?'")) << c->error();
  EXPECT_EQ(c->Rows("EXECUTE s USING 'x', -2"), (Rows{{"x", "-2"}}));
  EXPECT_EQ(Run(*c, "EXECUTE s").error, 1210u);
  // As in MariaDB, a selected `?` is a column named "?".
  ASSERT_EQ(mysql_query(c->get(), "EXECUTE s USING 1, 2"), 0) << c->error();
  MYSQL_RES* res = mysql_store_result(c->get());
  ASSERT_NE(res, nullptr);
  EXPECT_STREQ(mysql_fetch_field_direct(res, 0)->name, "?");
  mysql_free_result(res);
  ASSERT_TRUE(c->Exec("DEALLOCATE PREPARE s")) << c->error();
  Outcome gone = Run(*c, "EXECUTE s USING 1, 2");
  EXPECT_EQ(gone.error, 1243u);
  EXPECT_EQ(gone.message, "Unknown prepared statement handler (s) given to EXECUTE");
  ASSERT_TRUE(c->Exec("PREPARE s FROM 'SELECT 2'")) << c->error();
  ASSERT_TRUE(c->Exec("DROP PREPARE s")) << c->error();
  EXPECT_EQ(Run(*c, "DEALLOCATE PREPARE s").error, 1243u);
  // The session keeps working after all of it.
  EXPECT_EQ(c->Rows("SELECT 3"), (Rows{{"3"}}));
}

TEST_F(SqlPrepareTest, StatementsBelongToTheirSession) {
  auto a = Connect();
  auto b = Connect();
  ASSERT_TRUE(a->Exec("PREPARE p FROM 'SELECT ''a'''")) << a->error();
  Outcome unknown = Run(*b, "EXECUTE p");
  EXPECT_EQ(unknown.error, 1243u) << unknown.message;
  ASSERT_TRUE(b->Exec("PREPARE p FROM 'SELECT ''b'''")) << b->error();
  EXPECT_EQ(a->Rows("EXECUTE p"), (Rows{{"a"}}));
  EXPECT_EQ(b->Rows("EXECUTE p"), (Rows{{"b"}}));
  ASSERT_TRUE(b->Exec("DEALLOCATE PREPARE p"));
  EXPECT_EQ(a->Rows("EXECUTE p"), (Rows{{"a"}}));
  // COM_RESET_CONNECTION forgets them.
  ASSERT_EQ(mysql_reset_connection(a->get()), 0) << a->error();
  EXPECT_EQ(Run(*a, "EXECUTE p").error, 1243u);
}

TEST_F(SqlPrepareTest, TheBinaryProtocolCannotPrepareThem) {
  auto c = Connect();
  for (std::string sql : {"PREPARE x FROM 'SELECT 1'", "EXECUTE x", "DEALLOCATE PREPARE x"}) {
    MYSQL_STMT* stmt = mysql_stmt_init(c->get());
    EXPECT_NE(mysql_stmt_prepare(stmt, sql.data(), sql.size()), 0) << sql;
    EXPECT_EQ(mysql_stmt_errno(stmt), 1295u) << sql;
    mysql_stmt_close(stmt);
  }
}

}  // namespace
}  // namespace tessera::testing
