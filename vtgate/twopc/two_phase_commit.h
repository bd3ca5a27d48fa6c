// CommitTwoPhase: commits a session transaction that spans several shards
// atomically (transaction_mode twopc). Each shard's part is an XA branch
// (see transaction_log.h):
//   1. the record goes to the log shard (the first branch's) in `prepare`;
//   2. every branch is prepared (all shards at once); if one fails, all are
//      rolled back;
//   3. the record moves to `commit`: the decision, after which the
//      transaction commits whatever fails;
//   4. every branch commits (all at once), then the record is deleted.
// A branch whose commit fails (its tablet or MariaDB is down, the tablet
// restarted) is reported as a warning and left prepared, with the record,
// for the TwoPcResolver, which also finishes what a crashed coordinator
// left behind. Before the decision any failure rolls back and is an error;
// when the decision itself cannot be recorded or read, the error says the
// outcome is left to the resolver.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {
class WorkerContext;
}

namespace tessera::vtgate::twopc {

struct Branch {
  const ShardInfo* shard = nullptr;
  uint64_t transaction_id = 0;  // the tablet's
  size_t ordinal = 0;           // its XA bqual
};

// `branches` in ordinal order, at least two. Warnings go to `warnings`.
boost::asio::awaitable<Status> CommitTwoPhase(WorkerContext& worker, const std::string& dtid,
                                              std::vector<Branch> branches,
                                              std::vector<Warning>& warnings);

}  // namespace tessera::vtgate::twopc
