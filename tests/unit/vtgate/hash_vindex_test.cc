#include "vtgate/vindexes/hash_vindex.h"

#include <gtest/gtest.h>

#include "vtgate/vindexes/vindex_registry.h"

namespace tessera::vtgate {
namespace {

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

TEST(HashVindexTest, KnownKeyspaceIds) {
  HashVindex vindex;
  EXPECT_EQ(Hex(vindex.MapUint64(1)), "166b40b44aba4bd6");
  EXPECT_EQ(Hex(vindex.MapUint64(2)), "06e7ea22ce92708f");
  EXPECT_EQ(Hex(vindex.MapUint64(3)), "4eb190c9a2fa169c");
  EXPECT_EQ(Hex(vindex.MapUint64(4)), "d2fd8867d50d2dfe");
  EXPECT_EQ(Hex(vindex.MapUint64(5)), "70bb023c810ca87a");
  EXPECT_EQ(Hex(vindex.MapUint64(6)), "f098480ac4c4be71");
}

TEST(HashVindexTest, UnmapInvertsMap) {
  HashVindex vindex;
  for (uint64_t v : {0ULL, 1ULL, 42ULL, 1ULL << 40, ~0ULL}) {
    EXPECT_EQ(vindex.Unmap(vindex.MapUint64(v)), v);
  }
}

TEST(HashVindexTest, MapsLiteralValues) {
  HashVindex vindex;
  auto one = vindex.Map({VindexValue::Kind::kInteger, "1"});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(Hex(*one), "166b40b44aba4bd6");
  // A string holding an integer compares numerically in MySQL.
  auto quoted = vindex.Map({VindexValue::Kind::kString, "1"});
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(*quoted, *one);
  // Negative values use their two's-complement bit pattern.
  auto negative = vindex.Map({VindexValue::Kind::kInteger, "-1"});
  ASSERT_TRUE(negative.ok());
  EXPECT_EQ(*negative, vindex.MapUint64(~0ULL));
  auto max = vindex.Map({VindexValue::Kind::kInteger, "18446744073709551615"});
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(*max, vindex.MapUint64(~0ULL));
}

TEST(HashVindexTest, RefusesNonIntegers) {
  HashVindex vindex;
  EXPECT_FALSE(vindex.Map({VindexValue::Kind::kString, "abc"}).ok());
  EXPECT_FALSE(vindex.Map({VindexValue::Kind::kInteger, "18446744073709551616"}).ok());
  EXPECT_FALSE(vindex.Map({VindexValue::Kind::kNull, ""}).ok());
  EXPECT_FALSE(vindex.Map({VindexValue::Kind::kOther, "1.5"}).ok());
}

TEST(HashVindexTest, Properties) {
  HashVindex vindex;
  EXPECT_TRUE(vindex.is_unique());
  EXPECT_EQ(vindex.type(), "hash");
  EXPECT_EQ(vindex.cost(), 1);
}

TEST(VindexRegistryTest, CreatesKnownTypesOnly) {
  auto hash = CreateVindex("hash", {});
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ((*hash)->type(), "hash");
  auto unknown = CreateVindex("nosuch", {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("nosuch"), std::string::npos);
}

}  // namespace
}  // namespace tessera::vtgate
