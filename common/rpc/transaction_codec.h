// Wire codec for CommitRequest, RollbackRequest and StatusResponse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/rpc/transaction_messages.h"

namespace tessera::rpc {

void AppendFrame(std::string& out, uint32_t request_id, const CommitRequest& request);
void AppendFrame(std::string& out, uint32_t request_id, const RollbackRequest& request);
void AppendFrame(std::string& out, uint32_t request_id, const StatusResponse& response);

Result<CommitRequest> DecodeCommitRequest(std::string_view payload);
Result<RollbackRequest> DecodeRollbackRequest(std::string_view payload);
Result<StatusResponse> DecodeStatusResponse(std::string_view payload);

}  // namespace tessera::rpc
