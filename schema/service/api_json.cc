#include "schema/service/api_json.h"

#include "schema/branches/branch_name.h"

namespace tessera::schema {

nlohmann::json KeyspaceJson(const config::KeyspaceConfig& keyspace) {
  nlohmann::json shards = nlohmann::json::array();
  for (const auto& shard : keyspace.shards) shards.push_back(shard.name);
  return {{"name", keyspace.name}, {"sharded", keyspace.sharded}, {"shards", shards}};
}

nlohmann::json BranchJson(const BranchRecord& branch) {
  return {
      {"keyspace", branch.keyspace},
      {"name", branch.name},
      {"parent", branch.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(branch.parent)},
      {"production", branch.production},
      {"safe_migrations", branch.safe_migrations},
      {"data_state", branch.data_state},
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

}  // namespace tessera::schema
