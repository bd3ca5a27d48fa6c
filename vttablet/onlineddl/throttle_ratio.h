// Throttle pause: how a migration's row copy honours its throttle ratio
// (common/throttle_ratio.h), set with MIGRATION THROTTLE '<uuid>' RATIO r
// (vtgate: ALTER MIGRATION '<uuid>' THROTTLE RATIO r). After a pass that
// worked for t, the copy waits t * r / (1 - r), so it works (1 - r) of the
// time and leaves the rest of the server to the application. 0 never
// pauses; 1 stops the copy like THROTTLE. The binlog is applied to the ghost
// table during the pauses. Pure function.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/throttle_ratio.h"

namespace tessera::vttablet::onlineddl {

// The pause after a pass that worked for `worked`: worked * r / (1 - r).
// Zero for ratio 0; the largest duration for ratio 1 or more.
std::chrono::nanoseconds ThrottlePause(uint32_t permille, std::chrono::nanoseconds worked);

}  // namespace tessera::vttablet::onlineddl
