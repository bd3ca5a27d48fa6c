// BranchCatalog: the branches of every keyspace of a Topology. A branch is a
// set of databases, one per shard server of its keyspace, plus a row in the
// metadata store. Creating a branch copies its parent's table definitions
// (schema only) to every shard; deleting it drops them on every shard. With
// data, the branch is made schema-only first (usable at once) and then its
// parent's rows are copied in the background by a BranchDataCopier
// (branch_data_copier.h): data state "copying", then "complete" or "failed".
//
// Invariants:
//  - every keyspace has the production branch "main" (database vt_<ks>),
//    registered by RegisterProductionBranches() at schemad start;
//  - a branch row exists while any of its databases may exist: the row is
//    written before the databases are made and removed after they are
//    dropped, so a crash leaves a row to retry delete on, never an orphan;
//  - production branches cannot be deleted or reset;
//  - at most one data copy per branch runs; delete and reset stop it first;
//    a branch cannot be made from, or promoted while, a parent still copying.
//
// Mutating operations are serialized by one mutex (they run DDL on shard
// servers and must not interleave); reads are not. A failure on one shard is
// an error whose message names it: "shard customer/80-: ...".
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "config/topology.h"
#include "schema/branches/branch_data_copier.h"
#include "schema/store/branch_record.h"
#include "schema/store/metadata_store.h"
#include "schema/store/sql_session.h"

namespace tessera::schema {

class BranchCatalog {
 public:
  // `topology`, `store` and `copier` must outlive the catalog. Without a
  // copier, asking for data is refused (InvalidArgument).
  BranchCatalog(const config::Topology& topology, MetadataStore& store,
                BranchDataCopier* copier = nullptr);

  // Records "main" for every keyspace that has no row for it yet.
  Status RegisterProductionBranches();
  // At start-up: copies a previous schemad left "copying" cannot be resumed
  // (their snapshots are gone); they become "failed", saying so and that
  // `branch reset --with-data` copies again.
  Status FailInterruptedDataCopies();

  const config::Topology& topology() const { return topology_; }
  // NotFound for an unknown keyspace.
  Result<const config::KeyspaceConfig*> Keyspace(const std::string& keyspace) const;

  Result<std::vector<BranchRecord>> List(const std::string& keyspace);
  Result<BranchRecord> Get(const std::string& keyspace, const std::string& branch);
  // Copies `parent`'s schema into a new branch on every shard; `with_data`
  // then starts copying the parent's rows in the background (the answer
  // says "copying").
  Result<BranchRecord> Create(const std::string& keyspace, const std::string& branch,
                              const std::string& parent, bool with_data = false);
  // Refused (Conflict) for production branches and branches with open
  // deploy requests.
  Status Delete(const std::string& keyspace, const std::string& branch);
  // Replaces the branch's tables (and data) with its parent's current
  // schema, stopping a data copy in progress; `with_data` then copies the
  // parent's current rows as Create does.
  Result<BranchRecord> Reset(const std::string& keyspace, const std::string& branch,
                             bool with_data = false);
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
  // Refuses data for a parent that has none to give; nullopt if fine.
  std::optional<Error> CheckDataSource(const BranchRecord& parent) const;
  // Marks the branch "copying" and starts its copier. Holds mutations_.
  Result<BranchRecord> StartDataCopy(const config::KeyspaceConfig& keyspace,
                                     const BranchRecord& record);

  const config::Topology& topology_;
  MetadataStore& store_;
  BranchDataCopier* copier_;
  std::mutex mutations_;
};

}  // namespace tessera::schema
