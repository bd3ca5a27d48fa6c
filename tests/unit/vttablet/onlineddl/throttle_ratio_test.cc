// The pause that makes a migration's copy honour its throttle ratio
// (throttle_ratio.h).
#include "vttablet/onlineddl/throttle_ratio.h"

#include <gtest/gtest.h>

namespace tessera::vttablet::onlineddl {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST(ThrottlePause, MakesTheCopyWorkTheRestOfTheTime) {
  EXPECT_EQ(ThrottlePause(0, milliseconds(100)), nanoseconds(0));
  EXPECT_EQ(ThrottlePause(500, milliseconds(100)), milliseconds(100));
  EXPECT_EQ(ThrottlePause(750, milliseconds(100)), milliseconds(300));
  EXPECT_EQ(ThrottlePause(200, milliseconds(100)), milliseconds(25));
  EXPECT_EQ(ThrottlePause(1000, milliseconds(1)), nanoseconds::max());
  EXPECT_EQ(ThrottlePause(500, nanoseconds(0)), nanoseconds(0));
  // Work share = worked / (worked + pause) = 1 - r.
  for (uint32_t permille : {100u, 330u, 900u, 999u}) {
    nanoseconds worked = milliseconds(80);
    double share = static_cast<double>(worked.count()) /
                   static_cast<double>((worked + ThrottlePause(permille, worked)).count());
    EXPECT_NEAR(share, 1.0 - permille / 1000.0, 1e-6) << permille;
  }
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
