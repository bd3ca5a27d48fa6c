// Session: the statements that show the cluster itself. See session.h.
//   SHOW KEYSPACES       the keyspaces this login may use
//   SHOW SHARDS          keyspace/shard of each of them
//   SHOW TABLETS         each shard's tablet, its address and health
//   SHOW VSCHEMA TABLES  the current keyspace's tables: listed and discovered
//   SHOW UNRESOLVED TRANSACTIONS [FOR ks]  two-phase commits not yet finished
//   VEXPLAIN PLAN <stmt> the primitive tree the planner builds for <stmt>
#include <algorithm>
#include <set>

#include "vtgate/session.h"
#include "vtgate/text_result.h"
#include "vtgate/twopc/transaction_log.h"

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
    case AdminStatement::Kind::kShowUnresolvedTransactions:
      co_return co_await ShowUnresolvedTransactions(statement.keyspace);
    case AdminStatement::Kind::kVexplainPlan: {
      auto parsed = worker_.parser().Parse(statement.query);
      if (!parsed.ok()) co_return parsed.error();
      auto plan = planner_.Build(**parsed, statement.query, PlanTarget(), 0, last_insert_id_);
      if (!plan.ok() && plan.error().code == mysql_errno::kNoSuchTable &&
          co_await DiscoverTablesOnce(/*force=*/false)) {
        auto reparsed = worker_.parser().Parse(statement.query);
        if (!reparsed.ok()) co_return reparsed.error();
        plan = planner_.Build(**reparsed, statement.query, PlanTarget(), 0, last_insert_id_);
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

asio::awaitable<Result<ResultSet>> Session::ShowUnresolvedTransactions(
    const std::string& keyspace) {
  const VSchema& vschema = worker_.vschema();
  auto visible = [this](const std::string& name) {
    return !credential_ || name == credential_->keyspace;
  };
  if (!keyspace.empty() && (vschema.FindKeyspace(keyspace) == nullptr || !visible(keyspace))) {
    co_return Error::Make(mysql_errno::kBadDb, "Unknown database '" + keyspace + "'");
  }
  // A transaction's record lives on the first shard it touched, which may be
  // in any keyspace: every shard's log is read, then filtered.
  ResultSet rs = TextColumns({"Dtid", "State", "Log_shard", "Participants", "Age_ms"});
  for (const auto& ks : vschema.keyspaces()) {
    for (const auto& shard : ks->shards) {
      rpc::ExecuteRequest request;
      request.sql = twopc::SelectAllSql();
      rpc::ExecuteResponse response = co_await worker_.tablet(shard).Execute(std::move(request));
      if (!response.result.ok()) {
        if (twopc::IsMissingLog(response.result.error().code)) continue;  // never used here
        // A shard that is down is the usual reason to look: show the rest.
        const Error& error = response.result.error();
        rs.warning_list.push_back(Warning{"Warning", error.code,
                                          "cannot read the transaction log of " + ks->name + "/" +
                                              shard.name + ": " + error.message});
        rs.warnings = static_cast<uint16_t>(rs.warning_list.size());
        continue;
      }
      for (const auto& record : twopc::ParseRecords(*response.result)) {
        std::string participants;
        bool wanted = keyspace.empty();
        bool shown = true;
        for (const auto& p : record.participants) {
          if (!participants.empty()) participants += ",";
          participants += p.keyspace + "/" + p.shard;
          wanted = wanted || p.keyspace == keyspace;
          shown = shown && visible(p.keyspace);
        }
        if (!wanted || !shown) continue;
        rs.rows.push_back(Row{Value(record.dtid),
                              Value(std::string(twopc::StateName(record.state))),
                              Value(ks->name + "/" + shard.name), Value(participants),
                              Value(std::to_string(record.age_ms))});
      }
    }
  }
  co_return rs;
}

}  // namespace tessera::vtgate
