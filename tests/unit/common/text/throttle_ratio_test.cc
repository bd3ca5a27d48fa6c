// The throttle ratio's text form (common/throttle_ratio.h).
#include "common/throttle_ratio.h"

#include <gtest/gtest.h>

namespace tessera {
namespace {

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

}  // namespace
}  // namespace tessera
