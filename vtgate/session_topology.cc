// Session: the statements that show the cluster itself. See session.h.
//   SHOW KEYSPACES       the keyspaces this login may use
//   SHOW SHARDS          keyspace/shard of each of them
//   SHOW TABLETS         each shard's tablet, its address and health
//   SHOW VSCHEMA TABLES  the current keyspace's tables: listed and discovered
//   VEXPLAIN PLAN <stmt> the primitive tree the planner builds for <stmt>
#include <algorithm>
#include <set>

#include "vtgate/session.h"
#include "vtgate/text_result.h"

namespace tessera::vtgate {
namespace asio = boost::asio;

asio::awaitable<Result<ResultSet>> Session::RunTopologyStatement(const AdminStatement& statement) {
  const VSchema& vschema = worker_.vschema();
  auto visible = [this](const KeyspaceInfo& ks) {
    return !credential_ || ks.name == credential_->keyspace;
  };
  switch (statement.kind) {
    case AdminStatement::Kind::kShowKeyspaces: {
      ResultSet rs = TextColumns({"Database"});
      for (const auto& ks : vschema.keyspaces())
        if (visible(*ks)) rs.rows.push_back(Row{Value(ks->name)});
      co_return rs;
    }
    case AdminStatement::Kind::kShowShards: {
      ResultSet rs = TextColumns({"Shards"});
      for (const auto& ks : vschema.keyspaces()) {
        if (!visible(*ks)) continue;
        for (const auto& shard : ks->shards)
          rs.rows.push_back(Row{Value(ks->name + "/" + shard.name)});
      }
      co_return rs;
    }
    case AdminStatement::Kind::kShowTablets: {
      ResultSet rs = TextColumns({"Keyspace", "Shard", "Address", "Serving", "Message"});
      for (const auto& ks : vschema.keyspaces()) {
        if (!visible(*ks)) continue;
        for (const auto& shard : ks->shards) {
          auto health = co_await worker_.tablet(shard).Health();
          const std::string address = shard.tablet.host + ":" + std::to_string(shard.tablet.port);
          if (health.ok()) {
            rs.rows.push_back(Row{Value(ks->name), Value(shard.name), Value(address),
                                  Value(health->serving ? "1" : "0"), Value(health->message)});
          } else {
            rs.rows.push_back(Row{Value(ks->name), Value(shard.name), Value(address), Value("0"),
                                  Value(health.error().message)});
          }
        }
      }
      co_return rs;
    }
    case AdminStatement::Kind::kShowVschemaTables: {
      if (keyspace_.empty()) co_return Error::Make(mysql_errno::kNoDb, "No database selected");
      const KeyspaceInfo* ks = vschema.FindKeyspace(keyspace_);
      std::set<std::string> names;
      for (const auto& [name, table] : ks->tables) names.insert(name);
      if (ks->discovered) {
        for (auto& name : ks->discovered->Names()) names.insert(std::move(name));
      }
      ResultSet rs = TextColumns({"Tables"});
      for (const auto& name : names) rs.rows.push_back(Row{Value(name)});
      co_return rs;
    }
    case AdminStatement::Kind::kVexplainPlan: {
      auto parsed = worker_.parser().Parse(statement.query);
      if (!parsed.ok()) co_return parsed.error();
      auto plan = planner_.Build(**parsed, statement.query, keyspace_, 0, last_insert_id_);
      if (!plan.ok() && plan.error().code == mysql_errno::kNoSuchTable &&
          co_await DiscoverTablesOnce(/*force=*/false)) {
        auto reparsed = worker_.parser().Parse(statement.query);
        if (!reparsed.ok()) co_return reparsed.error();
        plan = planner_.Build(**reparsed, statement.query, keyspace_, 0, last_insert_id_);
      }
      if (!plan.ok()) co_return plan.error();
      ResultSet rs = TextColumns({"plan"});
      const std::string text = (*plan)->Describe(0);
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        rs.rows.push_back(Row{Value(text.substr(start, end - start))});
        start = end + 1;
      }
      co_return rs;
    }
    default:
      co_return Error::Internal("not a topology statement");
  }
}

}  // namespace tessera::vtgate
