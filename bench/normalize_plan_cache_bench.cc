// The statement hot path of vtgate for each sysbench statement shape:
// normalize + plan-cache lookup + bind values (what Session::Query does on a
// hit, minus the shard round trip), and the cold path it avoids: parse and
// plan. Budget: <= 2 us hot, <= 50 us cold.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "sqlparser/normalizer.h"
#include "sqlparser/parser.h"
#include "vtgate/plan_cache.h"
#include "vtgate/planner/planner.h"

namespace tessera::vtgate {
namespace {

const std::vector<std::string>& Statements() {
  static const std::vector<std::string> kStatements = {
      "SELECT c FROM sbtest1 WHERE id=4999",
      "SELECT c FROM sbtest1 WHERE id BETWEEN 4090 AND 4189",
      "SELECT SUM(k) FROM sbtest1 WHERE id BETWEEN 4090 AND 4189",
      "SELECT c FROM sbtest1 WHERE id BETWEEN 4090 AND 4189 ORDER BY c",
      "SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN 4090 AND 4189 ORDER BY c",
      "UPDATE sbtest1 SET k=k+1 WHERE id=5021",
      "UPDATE sbtest1 SET c='57983146431-88297393612-99431258735-21618386917-04717412396-"
      "38853393549-29426706880-09423367488-47436432580-52432617284' WHERE id=4971",
      "DELETE FROM sbtest1 WHERE id=5002",
      "INSERT INTO sbtest1 (id, k, c, pad) VALUES (5002, 4987, '46326617893-55620014349-"
      "92633004932-86449440924-34543064577-52938302213-90328893410-10372530476-61428024584-"
      "99733813939', '65452437553-24584546286-63516962447-52813802212-95254834816')",
  };
  return kStatements;
}

std::shared_ptr<const VSchema> SysbenchVSchema() {
  config::Topology topo;
  config::KeyspaceConfig ks;
  ks.name = "sbtest";
  ks.sharded = true;
  ks.shards.push_back({"-80", {"127.0.0.1", 1}, {}});
  ks.shards.push_back({"80-", {"127.0.0.1", 2}, {}});
  ks.vindexes.push_back({"hash", "hash", {}});
  ks.tables.push_back({"sbtest1", {{"id", "hash"}}, "", {}});
  topo.keyspaces.push_back(ks);
  auto vschema = VSchema::Build(topo);
  if (!vschema.ok()) std::abort();
  return *vschema;
}

void BM_Normalize(benchmark::State& state) {
  const std::string& sql = Statements()[static_cast<size_t>(state.range(0))];
  for (auto _ : state) {
    auto n = sql::Normalize(sql);
    benchmark::DoNotOptimize(n);
  }
  state.SetLabel(sql.substr(0, 40));
}

// Normalize, look the plan up, build the bind values.
void BM_HotPath(benchmark::State& state) {
  const std::string& sql = Statements()[static_cast<size_t>(state.range(0))];
  auto vschema = SysbenchVSchema();
  Planner planner(*vschema);
  sql::Parser parser;
  PlanCache cache;
  {
    auto n = sql::Normalize(sql);
    auto stmt = parser.Parse(n->text);
    auto plan = planner.Build(**stmt, n->text, "sbtest", n->values.size());
    if (!plan.ok()) {
      state.SkipWithError(plan.error().message.c_str());
      return;
    }
    cache.Insert(PlanCacheKey{n->fingerprint, n->text, "sbtest", 0},
                 PlanCache::Entry{std::move(*plan), n->values.size()}, 0);
  }
  const std::string keyspace = "sbtest";
  for (auto _ : state) {
    auto n = sql::Normalize(sql);
    const PlanCache::Entry* hit = cache.Lookup(PlanCacheKey{n->fingerprint, n->text, keyspace, 0});
    std::shared_ptr<const Primitive> plan = hit->plan;
    BindValues binds(n->values.size());
    for (size_t i = 0; i < n->values.size(); ++i) {
      auto& v = n->values[i];
      binds[i].value.kind = v.kind == sql::NormalizedValueKind::kInt ? VindexValue::Kind::kInteger
                                                                     : VindexValue::Kind::kString;
      binds[i].value.text = std::move(v.raw);
      binds[i].sql = std::move(v.sql);
    }
    benchmark::DoNotOptimize(plan);
    benchmark::DoNotOptimize(binds);
  }
  if (parser.parse_count() != 1) state.SkipWithError("the hot path called the parser");
  state.SetLabel(sql.substr(0, 40));
}

// What a miss costs: parse the normalized text and plan it.
void BM_ColdParsePlan(benchmark::State& state) {
  const std::string& sql = Statements()[static_cast<size_t>(state.range(0))];
  auto vschema = SysbenchVSchema();
  Planner planner(*vschema);
  sql::Parser parser;
  auto n = sql::Normalize(sql);
  for (auto _ : state) {
    auto stmt = parser.Parse(n->text);
    auto plan = planner.Build(**stmt, n->text, "sbtest", n->values.size());
    benchmark::DoNotOptimize(plan);
  }
  state.SetLabel(sql.substr(0, 40));
}

// Statements an application sends besides sysbench's, for the cold parse.
const std::vector<std::string>& TypicalStatements() {
  static const std::vector<std::string> kStatements = {
      "SELECT `u`.`id`, `u`.`email`, `o`.`total` FROM `users` AS `u` INNER JOIN `orders` AS `o` "
      "ON `o`.`user_id` = `u`.`id` WHERE `u`.`id` IN (?, ?, ?) ORDER BY `o`.`created_at` DESC "
      "LIMIT ?",
      "INSERT INTO orders (user_id, total, status, created_at) VALUES (1, 9.99, 'new', NOW()), "
      "(2, 19.5, 'paid', NOW()) ON DUPLICATE KEY UPDATE total = VALUES(total)",
      "SELECT status, COUNT(*), SUM(total) FROM orders WHERE created_at >= '2024-01-01' "
      "GROUP BY status HAVING COUNT(*) > 10",
      "UPDATE users SET last_login = NOW(), login_count = login_count + 1 WHERE id = 42",
      "CREATE TABLE users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, email VARCHAR(255) NOT "
      "NULL, created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (id), "
      "UNIQUE KEY email (email)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE "
      "TABLE_SCHEMA = 'app' ORDER BY TABLE_NAME, ORDINAL_POSITION",
  };
  return kStatements;
}

// The cold front end alone: parse and transform to our AST (DESIGN.md's
// <= 50 us), for sysbench's statements (0-8) and typical ones (9-14).
void BM_ColdParse(benchmark::State& state) {
  const size_t i = static_cast<size_t>(state.range(0));
  const std::string& sql =
      i < Statements().size() ? Statements()[i] : TypicalStatements()[i - Statements().size()];
  sql::Parser parser;
  for (auto _ : state) {
    auto stmt = parser.Parse(sql);
    if (!stmt.ok()) state.SkipWithError(stmt.error().message.c_str());
    benchmark::DoNotOptimize(stmt);
  }
  state.SetLabel(sql.substr(0, 40));
}

BENCHMARK(BM_Normalize)->DenseRange(0, 8);
BENCHMARK(BM_ColdParse)->DenseRange(0, 14);
BENCHMARK(BM_HotPath)->DenseRange(0, 8);
BENCHMARK(BM_ColdParsePlan)->DenseRange(0, 8);

}  // namespace
}  // namespace tessera::vtgate

BENCHMARK_MAIN();
