// Differential test: one data set is loaded through vtgate into an unsharded
// keyspace (`single`), a 2-shard keyspace (`two`) and a 4-shard keyspace
// (`four`), and every query of corpus.sql must answer the same rows on all
// three, or be refused by both sharded keyspaces with the errno the corpus
// names (see corpus.h). Every difference is reported, not just the first.
#include <mysql.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/differential/corpus.h"
#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

// Sharded tables are sharded by different columns: corder is co-located with
// customer (both by customer_id), product and payment are not; region is a
// reference table; refund stays empty; measure has a column of most other
// types, and label an ENUM.
const char* const kSchema[] = {
    "CREATE TABLE region (region_id INT PRIMARY KEY, name VARCHAR(32), country CHAR(2))",
    "CREATE TABLE customer (customer_id BIGINT PRIMARY KEY, name VARCHAR(32), region_id INT, "
    "tier VARCHAR(16), balance DECIMAL(10,2), joined DATE)",
    "CREATE TABLE product (product_id BIGINT PRIMARY KEY, sku VARCHAR(16), title VARCHAR(64), "
    "category VARCHAR(16), weight INT)",
    "CREATE TABLE corder (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
    "product_id BIGINT, qty INT, price DECIMAL(10,2), status VARCHAR(16), note VARCHAR(16))",
    "CREATE TABLE payment (payment_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, "
    "amount DECIMAL(10,2), method VARCHAR(16), paid_on DATE)",
    "CREATE TABLE refund (refund_id BIGINT PRIMARY KEY, order_id BIGINT, amount DECIMAL(10,2))",
    "CREATE TABLE measure (measure_id BIGINT PRIMARY KEY, f FLOAT, d DOUBLE, t TIME(2), "
    "ts DATETIME(3), y YEAR, b VARBINARY(8), s VARCHAR(16) COLLATE utf8mb4_bin, "
    "u BIGINT UNSIGNED, j JSON)",
    "CREATE TABLE label (label_id BIGINT PRIMARY KEY, kind ENUM('zeta', 'alpha'))",
};
const std::vector<std::pair<std::string, std::string>> kShardedTables = {
    {"customer", "customer_id"}, {"corder", "customer_id"}, {"product", "product_id"},
    {"payment", "order_id"},     {"refund", "refund_id"},   {"measure", "measure_id"},
    {"label", "label_id"}};
const char* const kReferenceTables[] = {"region"};
const char* const kShardedKeyspaces[] = {"two", "four"};

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

using Row = std::vector<std::optional<std::string>>;

// What a query returned: an error, or its column count and rows.
struct Outcome {
  unsigned error_code = 0;  // 0 on success
  std::string error;
  unsigned columns = 0;
  std::vector<Row> rows;
};

Outcome RunQuery(uint16_t port, const std::string& sql) {
  Outcome out;
  GateClient c(port);
  if (!c.connected()) {
    out.error_code = c.error_code();
    out.error = "cannot connect: " + c.error();
    return out;
  }
  MYSQL* mysql = c.get();
  if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) {
    out.error_code = ::mysql_errno(mysql);
    out.error = mysql_error(mysql);
    return out;
  }
  MYSQL_RES* res = mysql_store_result(mysql);
  if (res == nullptr) {
    out.error_code = ::mysql_errno(mysql);
    out.error = mysql_error(mysql);
    return out;
  }
  out.columns = mysql_num_fields(res);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    Row r;
    for (unsigned i = 0; i < out.columns; ++i) {
      if (row[i] == nullptr) {
        r.emplace_back(std::nullopt);
      } else {
        r.emplace_back(std::string(row[i], lengths[i]));
      }
    }
    out.rows.push_back(std::move(r));
  }
  mysql_free_result(res);
  return out;
}

std::string FormatRow(const Row& row) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ", ";
    out += row[i] ? "'" + *row[i] + "'" : "NULL";
  }
  return out + ")";
}

std::string FormatRows(const std::vector<Row>& rows, size_t limit = 30) {
  std::string out;
  for (size_t i = 0; i < rows.size() && i < limit; ++i) out += "      " + FormatRow(rows[i]) + "\n";
  if (rows.size() > limit) out += "      ... " + std::to_string(rows.size() - limit) + " more\n";
  return out;
}

std::string Describe(const Outcome& outcome) {
  if (outcome.error_code != 0)
    return "error " + std::to_string(outcome.error_code) + ": " + outcome.error + "\n";
  return std::to_string(outcome.rows.size()) + " rows of " + std::to_string(outcome.columns) +
         " columns\n" + FormatRows(outcome.rows);
}

// Rows of `a` not matched by a row of `b`, both sorted (multiset difference).
std::vector<Row> Missing(const std::vector<Row>& a, const std::vector<Row>& b) {
  std::vector<Row> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Empty when `got` answers like `expected`, else what differs.
std::string Difference(const CorpusQuery& query, Outcome expected, Outcome got) {
  if (expected.columns != got.columns) {
    return "column count differs\n    expected: " + Describe(expected) +
           "    got: " + Describe(got);
  }
  if (query.ordered) {
    if (expected.rows == got.rows) return "";
    return "rows differ (in order)\n    expected: " + Describe(expected) +
           "    got: " + Describe(got);
  }
  std::sort(expected.rows.begin(), expected.rows.end());
  std::sort(got.rows.begin(), got.rows.end());
  if (expected.rows == got.rows) return "";
  return "rows differ (as multisets)\n    expected: " + Describe(expected) +
         "    got: " + Describe(got) + "    missing:\n" +
         FormatRows(Missing(expected.rows, got.rows)) + "    unexpected:\n" +
         FormatRows(Missing(got.rows, expected.rows));
}

class DifferentialTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace single;
    single.name = "single";
    single.shards = {"0"};
    TestKeyspace two;
    two.name = "two";
    two.sharded = true;
    two.shards = {"-80", "80-"};
    TestKeyspace four;
    four.name = "four";
    four.sharded = true;
    four.shards = {"-40", "40-80", "80-c0", "c0-"};
    for (TestKeyspace* ks : {&single, &two, &four}) {
      for (const char* ddl : kSchema) ks->schema.push_back(ddl);
    }
    for (const auto& [table, column] : kShardedTables) {
      single.unsharded_tables.push_back(table);
      two.sharded_tables.emplace_back(table, column);
      four.sharded_tables.emplace_back(table, column);
    }
    for (const char* table : kReferenceTables) {
      single.unsharded_tables.push_back(table);
      two.reference_tables.push_back(table);
      four.reference_tables.push_back(table);
    }
    auto cluster = TestCluster::Start({single, two, four});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();

    const std::string data = ReadFile(DIFFERENTIAL_DATA);
    ASSERT_FALSE(data.empty()) << DIFFERENTIAL_DATA;
    GateClient c(cluster_->vtgate_port());
    ASSERT_TRUE(c.connected()) << c.error();
    std::istringstream lines(data);
    std::string line;
    int statements = 0;
    while (std::getline(lines, line)) {
      if (line.empty() || line.front() == '#') continue;
      ++statements;
      for (const char* ks : {"single", "two", "four"})
        ASSERT_TRUE(c.Exec(InKeyspace(line, ks))) << ks << ": " << c.error() << "\n" << line;
    }
    ASSERT_GT(statements, 0);
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  static TestCluster* cluster_;
};
TestCluster* DifferentialTest::cluster_ = nullptr;

TEST(DifferentialCorpus, ParsesDirectivesAndRejectsMistakes) {
  auto parsed = ParseCorpus(
      "# comment\n\nSELECT 1 FROM {k}.t\n-- ordered\nSELECT a FROM {k}.t ORDER BY a\n"
      "-- error 1235\nSELECT a FROM {k}.t UNION SELECT b FROM {k}.u\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[0].line, 3);
  EXPECT_FALSE((*parsed)[0].ordered);
  EXPECT_FALSE((*parsed)[0].expected_error);
  EXPECT_TRUE((*parsed)[1].ordered);
  EXPECT_EQ((*parsed)[2].expected_error, 1235u);
  EXPECT_EQ(InKeyspace((*parsed)[2].sql, "four"),
            "SELECT a FROM four.t UNION SELECT b FROM four.u");

  EXPECT_FALSE(ParseCorpus("-- orderd\nSELECT 1 FROM {k}.t\n").ok());
  EXPECT_FALSE(ParseCorpus("-- error x\nSELECT 1 FROM {k}.t\n").ok());
  EXPECT_FALSE(ParseCorpus("SELECT 1 FROM {k}.t\n-- ordered\n").ok());
  EXPECT_FALSE(ParseCorpus("SELECT 1 FROM t\n").ok());
  EXPECT_FALSE(ParseCorpus("-- ordered\n-- error 1235\nSELECT 1 FROM {k}.t\n").ok());
}

TEST(DifferentialCorpus, IsLargeAndWellFormed) {
  auto corpus = ParseCorpus(ReadFile(DIFFERENTIAL_CORPUS));
  ASSERT_TRUE(corpus.ok()) << corpus.error().message;
  EXPECT_GE(corpus->size(), 300u);
  std::map<std::string, int> seen;
  for (const auto& query : *corpus) {
    auto [at, inserted] = seen.emplace(query.sql, query.line);
    EXPECT_TRUE(inserted) << "line " << query.line << " repeats line " << at->second << ": "
                          << query.sql;
  }
}

// The comparison means something only if the sharded keyspaces really spread
// each sharded table over all their shards and copy reference tables to each.
TEST_F(DifferentialTest, DataSetIsSpreadOverEveryShard) {
  GateClient c(cluster_->vtgate_port());
  for (const auto& [table, column] : kShardedTables) {
    if (table == "refund") continue;
    auto total = c.Rows("SELECT COUNT(*) FROM single." + table);
    ASSERT_EQ(total.size(), 1u) << c.error();
    const long expected = std::stol(total[0][0]);
    EXPECT_GT(expected, 0) << table;
    for (const char* ks : kShardedKeyspaces) {
      long sum = 0;
      for (const auto& shard : cluster_->shards()) {
        if (shard.keyspace != ks) continue;
        auto direct = cluster_->ConnectShard(shard);
        ASSERT_TRUE(direct.ok()) << direct.error().message;
        auto count = (*direct)->Query("SELECT COUNT(*) FROM " + table);
        ASSERT_TRUE(count.ok()) << count.error().message;
        const long here = std::stol(*(*count)[0][0]);
        EXPECT_GT(here, 0) << ks << "/" << shard.name << " holds no row of " << table;
        sum += here;
      }
      EXPECT_EQ(sum, expected) << ks << "." << table;
    }
  }
  for (const char* table : kReferenceTables) {
    auto total = c.Rows(std::string("SELECT COUNT(*) FROM single.") + table);
    ASSERT_EQ(total.size(), 1u) << c.error();
    for (const auto& shard : cluster_->shards()) {
      if (shard.keyspace == "single") continue;
      auto direct = cluster_->ConnectShard(shard);
      ASSERT_TRUE(direct.ok()) << direct.error().message;
      auto count = (*direct)->Query(std::string("SELECT COUNT(*) FROM ") + table);
      ASSERT_TRUE(count.ok()) << count.error().message;
      EXPECT_EQ(*(*count)[0][0], total[0][0])
          << shard.keyspace << "/" << shard.name << " " << table;
    }
  }
}

TEST_F(DifferentialTest, EveryCorpusQueryAnswersAsOneDatabase) {
  auto corpus = ParseCorpus(ReadFile(DIFFERENTIAL_CORPUS));
  ASSERT_TRUE(corpus.ok()) << corpus.error().message;
  const uint16_t port = cluster_->vtgate_port();
  int compared = 0;
  int refused = 0;
  std::vector<std::string> failing;
  std::vector<std::string> refusals;  // expected refusals, with the message `four` gave
  for (const CorpusQuery& query : *corpus) {
    const Outcome single = RunQuery(port, InKeyspace(query.sql, "single"));
    std::string problems;
    if (query.expected_error) {
      ++refused;
      for (const char* ks : kShardedKeyspaces) {
        const Outcome got = RunQuery(port, InKeyspace(query.sql, ks));
        if (got.error_code == *query.expected_error) {
          if (std::string(ks) == "four")
            refusals.push_back("line " + std::to_string(query.line) + ": " + query.sql +
                               "\n    -> " + std::to_string(got.error_code) + ": " + got.error);
          continue;
        }
        problems += "  " + std::string(ks) + ": expected error " +
                    std::to_string(*query.expected_error) + ", got " + Describe(got);
        if (got.error_code == 0 && single.error_code == 0) {
          const std::string diff = Difference(query, single, got);
          problems += diff.empty() ? "    (same rows as single)\n" : "    " + diff;
        }
      }
    } else {
      ++compared;
      if (single.error_code != 0) problems += "  single: " + Describe(single);
      for (const char* ks : kShardedKeyspaces) {
        const Outcome got = RunQuery(port, InKeyspace(query.sql, ks));
        if (got.error_code != 0) {
          problems += "  " + std::string(ks) + ": " + Describe(got);
        } else if (single.error_code == 0) {
          const std::string diff = Difference(query, single, got);
          if (!diff.empty()) problems += "  " + std::string(ks) + ": " + diff;
        }
      }
    }
    if (problems.empty()) continue;
    failing.push_back("line " + std::to_string(query.line) + ": " + query.sql);
    ADD_FAILURE() << "corpus line " << query.line << ": " << query.sql << "\n" << problems;
  }
  std::cout << "Refused by the sharded keyspaces, as the corpus expects:\n";
  for (const auto& line : refusals) std::cout << "  " << line << "\n";
  std::cout << corpus->size() << " corpus queries: " << compared << " compared, " << refused
            << " expected to be refused, " << failing.size() << " failing\n";
  for (const auto& line : failing) std::cout << "  " << line << "\n";
  EXPECT_TRUE(failing.empty());
}

}  // namespace
}  // namespace tessera::testing
