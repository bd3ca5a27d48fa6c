#include "vttablet/onlineddl/throttle_ratio.h"

namespace tessera::vttablet::onlineddl {

std::chrono::nanoseconds ThrottlePause(uint32_t permille, std::chrono::nanoseconds worked) {
  if (permille == 0 || worked.count() <= 0) return std::chrono::nanoseconds(0);
  if (permille >= kFullThrottlePermille) return std::chrono::nanoseconds::max();
  // worked * r / (1 - r) with r = permille / 1000; worked is far below the
  // range where this product overflows (hours of nanoseconds times 999).
  return std::chrono::nanoseconds(worked.count() * permille / (kFullThrottlePermille - permille));
}

}  // namespace tessera::vttablet::onlineddl
