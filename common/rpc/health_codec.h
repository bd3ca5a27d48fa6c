// Wire codec for HealthRequest / HealthResponse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/rpc/health_messages.h"

namespace tessera::rpc {

void AppendFrame(std::string& out, uint32_t request_id, const HealthRequest& request);
void AppendFrame(std::string& out, uint32_t request_id, const HealthResponse& response);

Result<HealthRequest> DecodeHealthRequest(std::string_view payload);
Result<HealthResponse> DecodeHealthResponse(std::string_view payload);

}  // namespace tessera::rpc
