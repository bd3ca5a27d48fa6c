// WorkerContext: what one vtgate worker thread owns: its io_context, its SQL
// parser, and its own clients to every tablet. Sessions on a worker use only
// that worker's context, so nothing here is shared between threads.
#pragma once

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "sqlparser/parser.h"
#include "vtgate/branch_directory.h"
#include "vtgate/gateway/tablet_client.h"
#include "vtgate/plan_cache.h"
#include "vtgate/twopc/dtid_source.h"
#include "vtgate/twopc/transaction_settings.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

using UserKeyspaces = std::map<std::string, std::vector<std::string>>;

class WorkerContext {
 public:
  // `branches` (may be null: no schemad) and `user_keyspaces` (user ->
  // the keyspaces it may use; may be null, and a user not in it may use
  // all) are shared by all workers.
  WorkerContext(boost::asio::io_context& io, std::shared_ptr<const VSchema> vschema,
                const BranchDirectory* branches = nullptr,
                const UserKeyspaces* user_keyspaces = nullptr,
                TransactionSettings transactions = {}, size_t max_memory_rows = 100000);

  boost::asio::io_context& io() { return io_; }
  const VSchema& vschema() const { return *vschema_; }
  const BranchDirectory* branches() const { return branches_; }
  // The keyspaces `user` may use; empty: all of them.
  std::vector<std::string> AllowedKeyspaces(const std::string& user) const;
  sql::Parser& parser() { return parser_; }
  // Plans of normalized statements for the sessions of this worker.
  PlanCache& plan_cache() { return plan_cache_; }
  // The client of `shard`'s tablet, created on first use.
  TabletClient& tablet(const ShardInfo& shard);
  const TransactionSettings& transaction_settings() const { return transactions_; }
  // Rows one query may hold in vtgate memory (sort, aggregate, join).
  size_t max_memory_rows() const { return max_memory_rows_; }
  // A new distributed transaction id.
  std::string NextDtid() { return dtids_.Next(); }
  // A random (version 4) UUID, e.g. for an online migration. The generator
  // lives here, not in each session: its state is 2.5 KiB.
  std::string NewUuid();

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<const VSchema> vschema_;
  const BranchDirectory* branches_;
  const UserKeyspaces* user_keyspaces_;
  sql::Parser parser_;
  PlanCache plan_cache_;
  TransactionSettings transactions_;
  size_t max_memory_rows_;
  twopc::DtidSource dtids_;
  std::mt19937_64 uuid_random_;
  // Indexed by keyspace position, then shard index.
  std::vector<std::vector<std::unique_ptr<TabletClient>>> tablets_;
};

}  // namespace tessera::vtgate
