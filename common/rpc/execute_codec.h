// Wire codec for ExecuteRequest / ExecuteResponse. AppendFrame writes a whole
// frame (header + payload) to `out`; Decode* parse a payload and fail (never
// read out of bounds) on truncated or malformed input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/rpc/execute_messages.h"

namespace tessera::rpc {

void AppendFrame(std::string& out, uint32_t request_id, const ExecuteRequest& request);
void AppendFrame(std::string& out, uint32_t request_id, const ExecuteResponse& response);

Result<ExecuteRequest> DecodeExecuteRequest(std::string_view payload);
Result<ExecuteResponse> DecodeExecuteResponse(std::string_view payload);

}  // namespace tessera::rpc
