#include "common/keyrange/key_range.h"

#include <gtest/gtest.h>

namespace tessera {
namespace {

KeyRange MustParse(std::string_view name) {
  auto r = KeyRange::Parse(name);
  EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : KeyRange{};
}

TEST(KeyRangeTest, ParsesShardNotation) {
  EXPECT_TRUE(MustParse("0").IsFull());
  EXPECT_TRUE(MustParse("-").IsFull());
  EXPECT_EQ(MustParse("-80"), (KeyRange{"", "\x80"}));
  EXPECT_EQ(MustParse("80-"), (KeyRange{"\x80", ""}));
  EXPECT_EQ(MustParse("40-80"), (KeyRange{"\x40", "\x80"}));
  EXPECT_EQ(MustParse("4000-8A00"),
            (KeyRange{std::string("\x40\x00", 2), std::string("\x8a\x00", 2)}));
  EXPECT_EQ(MustParse("4000-8A00").ToString(), "4000-8a00");
  EXPECT_EQ(MustParse("0").ToString(), "-");
  EXPECT_EQ(MustParse("-80").ToString(), "-80");
}

TEST(KeyRangeTest, RejectsBadNames) {
  for (std::string_view bad : {"", "8-", "zz-", "80", "-80-", "80-40", "80-80", "1"}) {
    auto r = KeyRange::Parse(bad);
    EXPECT_FALSE(r.ok()) << "accepted \"" << bad << "\"";
  }
  auto r = KeyRange::Parse("8-");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("even number of hex digits"), std::string::npos);
}

TEST(KeyRangeTest, ContainsComparesUnsignedBytes) {
  KeyRange low = MustParse("-80");
  KeyRange high = MustParse("80-");
  std::string id_7f = std::string("\x7f\xff\xff\xff\xff\xff\xff\xff", 8);
  std::string id_80 = std::string("\x80\x00\x00\x00\x00\x00\x00\x00", 8);
  std::string id_ff = std::string("\xff\x00", 2);
  EXPECT_TRUE(low.Contains(id_7f));
  EXPECT_FALSE(low.Contains(id_80));
  EXPECT_TRUE(high.Contains(id_80));
  EXPECT_TRUE(high.Contains(id_ff));
  EXPECT_FALSE(high.Contains(id_7f));
  EXPECT_TRUE(low.Contains(""));
  EXPECT_TRUE(MustParse("0").Contains(id_ff));
  KeyRange mid = MustParse("40-80");
  EXPECT_TRUE(mid.Contains("\x40"));
  EXPECT_FALSE(mid.Contains("\x3f\xff"));
}

TEST(KeyRangeTest, Overlaps) {
  EXPECT_FALSE(MustParse("-80").Overlaps(MustParse("80-")));
  EXPECT_TRUE(MustParse("-80").Overlaps(MustParse("40-c0")));
  EXPECT_TRUE(MustParse("0").Overlaps(MustParse("40-80")));
  EXPECT_FALSE(MustParse("-8000").Overlaps(MustParse("80-")));
}

TEST(KeyRangeTest, ExactCoverageAccepted) {
  EXPECT_TRUE(CheckExactCoverage({MustParse("0")}).ok());
  EXPECT_TRUE(CheckExactCoverage({MustParse("80-"), MustParse("-80")}).ok());
  EXPECT_TRUE(CheckExactCoverage({MustParse("-40"), MustParse("c0-"), MustParse("40-c0")}).ok());
  EXPECT_TRUE(CheckExactCoverage({MustParse("-8000"), MustParse("80-")}).ok());
}

TEST(KeyRangeTest, GapsAndOverlapsNamed) {
  Status gap = CheckExactCoverage({MustParse("-80"), MustParse("c0-")});
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().message, "shards leave the key range 80-c0 uncovered");

  Status tail = CheckExactCoverage({MustParse("-80")});
  ASSERT_FALSE(tail.ok());
  EXPECT_EQ(tail.error().message, "shards leave the key range 80- uncovered");

  Status head = CheckExactCoverage({MustParse("40-")});
  ASSERT_FALSE(head.ok());
  EXPECT_EQ(head.error().message, "shards leave the key range -40 uncovered");

  Status overlap = CheckExactCoverage({MustParse("-80"), MustParse("40-")});
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().message, "shards -80 and 40- overlap");

  Status full_twice = CheckExactCoverage({MustParse("0"), MustParse("-80")});
  ASSERT_FALSE(full_twice.ok());
  EXPECT_NE(full_twice.error().message.find("overlap"), std::string::npos);
}

}  // namespace
}  // namespace tessera
