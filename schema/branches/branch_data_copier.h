// BranchDataCopier: runs branch data copies in schemad's background. A copy
// fills a new (or reset) branch's databases with its parent's rows, one
// ShardDataCopy per shard, all shards in parallel, each from its own
// consistent snapshot.
//
// Contract:
//  - Start is called with the branch's data state already "copying" in the
//    metadata store; it returns at once. The copy's thread then saves the
//    progress (rows copied / estimated, per shard and in total, elapsed
//    time) about every `progress_interval`, and at the end the state
//    "complete" or "failed" with the first shard's error as the message
//    ("shard <ks>/<shard>: table `t`: ..."). Every save is conditional on
//    the stored state still being "copying".
//  - Cancel stops a branch's copy and waits for its threads; a cancelled
//    copy saves nothing more (the caller decides the branch's next state).
//    The destructor cancels every copy.
//  - A copy does not survive the process: a schemad that starts finds its
//    predecessor's copies still "copying" and must fail them
//    (BranchCatalog::FailInterruptedDataCopies).
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "config/topology.h"
#include "schema/branches/shard_data_copy.h"
#include "schema/store/metadata_store.h"

namespace tessera::schema {

struct DataCopySettings {
  DataCopyOptions copy;
  std::chrono::milliseconds progress_interval{1000};
};

class BranchDataCopier {
 public:
  // `store` must outlive the copier.
  explicit BranchDataCopier(MetadataStore& store, DataCopySettings settings = {});
  ~BranchDataCopier();
  BranchDataCopier(const BranchDataCopier&) = delete;
  BranchDataCopier& operator=(const BranchDataCopier&) = delete;

  // Copies database `from` into database `to` on every shard of `keyspace`
  // (copied by value), saving progress on branch (keyspace.name, branch).
  // Cancels and replaces a copy of the same branch still running.
  void Start(const config::KeyspaceConfig& keyspace, const std::string& branch,
             const std::string& from, const std::string& to);
  void Cancel(const std::string& keyspace, const std::string& branch);

 private:
  struct Job;
  using Key = std::pair<std::string, std::string>;
  void RunJob(Job& job);
  // Joins the threads of finished jobs and forgets them. Holds mutex_.
  void ReapFinishedLocked();

  MetadataStore& store_;
  DataCopySettings settings_;
  std::mutex mutex_;
  std::map<Key, std::unique_ptr<Job>> jobs_;
};

}  // namespace tessera::schema
