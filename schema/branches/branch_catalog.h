// BranchCatalog: the branches of every keyspace of a Topology. A branch is a
// set of databases, one per shard server of its keyspace, plus a row in the
// metadata store. Creating a branch copies its parent's table definitions
// (schema only) to every shard; deleting it drops them on every shard.
//
// Invariants:
//  - every keyspace has the production branch "main" (database vt_<ks>),
//    registered by RegisterProductionBranches() at schemad start;
//  - a branch row exists while any of its databases may exist: the row is
//    written before the databases are made and removed after they are
//    dropped, so a crash leaves a row to retry delete on, never an orphan;
//  - production branches cannot be deleted or reset.
//
// Mutating operations are serialized by one mutex (they run DDL on shard
// servers and must not interleave); reads are not. A failure on one shard is
// an error whose message names it: "shard customer/80-: ...".
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "common/error.h"
#include "config/topology.h"
#include "schema/store/branch_record.h"
#include "schema/store/metadata_store.h"
#include "schema/store/sql_session.h"

namespace tessera::schema {

class BranchCatalog {
 public:
  // `topology` and `store` must outlive the catalog.
  BranchCatalog(const config::Topology& topology, MetadataStore& store);

  // Records "main" for every keyspace that has no row for it yet.
  Status RegisterProductionBranches();

  const config::Topology& topology() const { return topology_; }
  // NotFound for an unknown keyspace.
  Result<const config::KeyspaceConfig*> Keyspace(const std::string& keyspace) const;

  Result<std::vector<BranchRecord>> List(const std::string& keyspace);
  Result<BranchRecord> Get(const std::string& keyspace, const std::string& branch);
  // Copies `parent`'s schema into a new branch on every shard.
  Result<BranchRecord> Create(const std::string& keyspace, const std::string& branch,
                              const std::string& parent);
  // Refused (Conflict) for production branches and branches with open
  // deploy requests.
  Status Delete(const std::string& keyspace, const std::string& branch);
  // Replaces the branch's tables (and data) with its parent's current schema.
  Result<BranchRecord> Reset(const std::string& keyspace, const std::string& branch);
  Result<BranchRecord> Promote(const std::string& keyspace, const std::string& branch);
  // Production branches only.
  Result<BranchRecord> SetSafeMigrations(const std::string& keyspace, const std::string& branch,
                                         bool enabled);

  // CREATE TABLE statements of the branch as its first shard has them.
  Result<std::vector<std::string>> CurrentSchema(const std::string& keyspace,
                                                 const std::string& branch);
  // Data and index bytes of the branch's databases summed over all shards.
  Result<uint64_t> SizeBytes(const std::string& keyspace, const std::string& branch);

 private:
  using ShardAction = std::function<Status(const config::ShardConfig&, SqlSession&)>;
  // Runs `action` on a fresh session to each shard in order; stops at the
  // first failure, which is prefixed "shard <ks>/<shard>".
  Status ForEachShard(const config::KeyspaceConfig& keyspace, const ShardAction& action) const;
  Result<std::vector<std::string>> ReadSchema(const config::KeyspaceConfig& keyspace,
                                              const std::string& database) const;
  Result<BranchRecord> GetExisting(const config::KeyspaceConfig& keyspace,
                                   const std::string& branch);

  const config::Topology& topology_;
  MetadataStore& store_;
  std::mutex mutations_;
};

}  // namespace tessera::schema
