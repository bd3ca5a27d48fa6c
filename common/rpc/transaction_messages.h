// Commit / Rollback of a tablet-side transaction, answered by a StatusResponse.
#pragma once

#include <cstdint>

#include "common/error.h"

namespace tessera::rpc {

struct CommitRequest {
  uint64_t transaction_id = 0;
};

struct RollbackRequest {
  uint64_t transaction_id = 0;
};

struct StatusResponse {
  Status status;
};

}  // namespace tessera::rpc
