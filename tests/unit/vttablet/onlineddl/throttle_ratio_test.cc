// The throttle ratio of an online migration's copy (throttle_ratio.h).
#include "vttablet/onlineddl/throttle_ratio.h"

#include <gtest/gtest.h>

namespace tessera::vttablet::onlineddl {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST(ThrottleRatio, ParsesDecimalsFromZeroToOne) {
  EXPECT_EQ(ParseThrottleRatio("0"), 0u);
  EXPECT_EQ(ParseThrottleRatio("0.5"), 500u);
  EXPECT_EQ(ParseThrottleRatio(".25"), 250u);
  EXPECT_EQ(ParseThrottleRatio("0.125"), 125u);
  EXPECT_EQ(ParseThrottleRatio("0.05"), 50u);
  EXPECT_EQ(ParseThrottleRatio("1"), 1000u);
  EXPECT_EQ(ParseThrottleRatio("1.000"), 1000u);
  EXPECT_EQ(ParseThrottleRatio("1."), 1000u);
}

TEST(ThrottleRatio, RefusesWhatIsNotARatio) {
  for (const char* bad :
       {"", ".", "-0.5", "1.001", "2", "10", "0.1234", "0,5", "half", "0.5x", " 0.5", "1e-1"})
    EXPECT_FALSE(ParseThrottleRatio(bad).has_value()) << "'" << bad << "'";
}

TEST(ThrottleRatio, FormatsWithoutTrailingZeros) {
  EXPECT_EQ(FormatThrottleRatio(0), "0");
  EXPECT_EQ(FormatThrottleRatio(500), "0.5");
  EXPECT_EQ(FormatThrottleRatio(125), "0.125");
  EXPECT_EQ(FormatThrottleRatio(50), "0.05");
  EXPECT_EQ(FormatThrottleRatio(1000), "1");
  for (uint32_t permille = 0; permille <= 1000; ++permille)
    EXPECT_EQ(ParseThrottleRatio(FormatThrottleRatio(permille)), permille) << permille;
}

TEST(ThrottleRatio, PauseMakesTheCopyWorkTheRestOfTheTime) {
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
