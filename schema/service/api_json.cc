#include "schema/service/api_json.h"

#include <algorithm>
#include <cstdlib>

#include "schema/branches/branch_name.h"
#include "schema/deploy/migration_rollup.h"

namespace tessera::schema {

nlohmann::json KeyspaceJson(const config::KeyspaceConfig& keyspace) {
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& shard : keyspace.shards) shards.push_back(shard.name);
  return {{"name", keyspace.name}, {"sharded", keyspace.sharded}, {"shards", shards}};
}

nlohmann::json BranchDataJson(const BranchRecord& branch) {
  const BranchDataProgress& d = branch.data;
  const bool complete = branch.data_state == data_state::kComplete;
  auto percent = [&](uint64_t copied, uint64_t estimated) -> int {
    if (complete) return 100;
    if (estimated == 0) return 0;
    return static_cast<int>(std::min<uint64_t>(99, copied * 100 / estimated));
  };
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& s : d.shards) {
    shards.push_back(
        {{"shard", s.shard},
         {"state", s.state},
         {"rows_copied", s.rows_copied},
         {"rows_estimated", s.rows_estimated},
         {"progress",
          s.state == data_state::kComplete ? 100 : percent(s.rows_copied, s.rows_estimated)}});
  }
  return {{"rows_copied", d.rows_copied},
          {"rows_estimated", d.rows_estimated},
          {"progress", percent(d.rows_copied, d.rows_estimated)},
          {"rows_per_second", d.elapsed_ms == 0 ? 0 : d.rows_copied * 1000 / d.elapsed_ms},
          {"elapsed_seconds", static_cast<double>(d.elapsed_ms) / 1000.0},
          {"message", d.message.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.message)},
          {"shards", shards}};
}

nlohmann::json BranchJson(const BranchRecord& branch) {
  return {
      {"keyspace", branch.keyspace},
      {"name", branch.name},
      {"parent", branch.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(branch.parent)},
      {"production", branch.production},
      {"safe_migrations", branch.safe_migrations},
      {"data_state", branch.data_state},
      {"data", BranchDataJson(branch)},
      {"created_at", branch.created_at},
      {"database", BranchDatabaseName(branch.keyspace, branch.name)}};
}

nlohmann::json CredentialJson(const CredentialRecord& credential) {
  return {{"username", credential.username},
          {"role", credential.role},
          {"keyspace", credential.keyspace},
          {"branch", credential.branch},
          {"created_at", credential.created_at}};
}

nlohmann::json DiffJson(const BranchDiff& diff) {
  nlohmann::json lint = nlohmann::json::array();
  for (const auto& f : diff.lint) {
    lint.push_back(
        {{"code", f.code}, {"severity", f.severity}, {"table", f.table}, {"message", f.message}});
  }
  return {{"keyspace", diff.keyspace}, {"branch", diff.branch},   {"parent", diff.parent},
          {"ddl", diff.ddl},           {"unified", diff.unified}, {"lint", lint}};
}

namespace {

nlohmann::json TimeOrNull(const std::string& time) {
  return time.empty() ? nlohmann::json(nullptr) : nlohmann::json(time);
}

// A count kept as text, as a number; null while unknown ("").
nlohmann::json NumberOrNull(const std::string& count) {
  if (count.empty()) return nullptr;
  return std::strtoull(count.c_str(), nullptr, 10);
}

// A throttle ratio as a number; null while unset ("").
nlohmann::json RatioOrNull(const std::string& ratio) {
  if (ratio.empty()) return nullptr;
  if (ratio == "0" || ratio == "1") return ratio == "1" ? 1 : 0;
  return std::strtod(ratio.c_str(), nullptr);
}

nlohmann::json ShardsJson(const std::vector<DeployMigrationRecord>& migrations, const char* purpose,
                          int* overall) {
  nlohmann::json shards = nlohmann::json::array();
  int total = 0;
  auto progress = ProgressByShard(migrations, purpose);
  for (const auto& shard : progress) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : shard.migrations) {
      list.push_back({{"uuid", m.uuid},
                      {"table", m.table},
                      {"ddl", m.ddl},
                      {"state", m.state},
                      {"progress", m.progress},
                      {"rows_copied", m.rows_copied},
                      {"rows_estimated", m.rows_estimated},
                      {"eta_seconds", m.eta_seconds.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(m.eta_seconds)},
                      {"events_applied", m.events_applied},
                      {"binlog_lag_bytes", NumberOrNull(m.binlog_lag_bytes)},
                      {"throttle_ratio", RatioOrNull(m.throttle_ratio)},
                      {"message", m.message}});
    }
    shards.push_back({{"shard", shard.shard},
                      {"state", shard.state},
                      {"progress", shard.progress},
                      {"migrations", list}});
    total += shard.progress;
  }
  if (overall != nullptr)
    *overall = progress.empty() ? 0 : total / static_cast<int>(progress.size());
  return shards;
}

}  // namespace

nlohmann::json DeployRequestSummaryJson(const DeployRequestRecord& r) {
  return {{"id", r.id},
          {"keyspace", r.keyspace},
          {"branch", r.branch},
          {"into", r.into_branch},
          {"state", r.state},
          {"notes", r.notes},
          {"auto_apply", r.auto_apply},
          {"throttle_ratio", RatioOrNull(r.throttle_ratio)},
          {"approved", r.approved},
          {"message", r.message},
          {"tables", r.tables},
          {"created_at", TimeOrNull(r.created_at)},
          {"updated_at", TimeOrNull(r.updated_at)},
          {"deployed_at", TimeOrNull(r.deployed_at)},
          {"completed_at", TimeOrNull(r.completed_at)},
          {"revert_window_ends", TimeOrNull(r.revert_window_ends)}};
}

nlohmann::json DeployRequestJson(const DeployRequestView& view) {
  nlohmann::json out = DeployRequestSummaryJson(view.request);
  nlohmann::json lint = nlohmann::json::array();
  for (const auto& f : view.lint) {
    lint.push_back(
        {{"code", f.code}, {"severity", f.severity}, {"table", f.table}, {"message", f.message}});
  }
  nlohmann::json reviews = nlohmann::json::array();
  for (const auto& r : view.reviews) {
    reviews.push_back(
        {{"approved", r.approved}, {"comment", r.comment}, {"created_at", r.created_at}});
  }
  int progress = 0;
  out["ddl"] = view.request.ddl;
  out["unified"] = view.request.unified;
  out["lint"] = lint;
  out["deployable"] = view.deployable;
  out["blockers"] = view.blockers;
  out["conflicts"] = view.conflicts;
  out["revertible"] = view.revertible;
  out["cutover_requested"] = view.request.cutover_requested;
  out["reviews"] = reviews;
  out["shards"] = ShardsJson(view.migrations, migration_purpose::kDeploy, &progress);
  out["progress"] = progress;
  out["revert_shards"] = ShardsJson(view.migrations, migration_purpose::kRevert, nullptr);
  return out;
}

}  // namespace tessera::schema
