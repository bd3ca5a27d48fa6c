// Keyspace-id vectors for the functional vindexes. Where Vitess publishes
// vectors for a vindex type, the expected ids here are the same values.
#include <gtest/gtest.h>

#include <random>

#include "vtgate/vindexes/binary_md5_vindex.h"
#include "vtgate/vindexes/binary_vindex.h"
#include "vtgate/vindexes/hash_vindex.h"
#include "vtgate/vindexes/numeric_vindex.h"
#include "vtgate/vindexes/unicode_loose_md5_vindex.h"
#include "vtgate/vindexes/vindex_registry.h"
#include "vtgate/vindexes/vindex_value_bytes.h"
#include "vtgate/vindexes/xxhash_vindex.h"

namespace tessera::vtgate {
namespace {

using Kind = VindexValue::Kind;

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// Hex of the keyspace id, or "error: <message>".
std::string MapHex(const Vindex& vindex, Kind kind, std::string text) {
  auto id = vindex.Map({kind, std::move(text)});
  if (!id.ok()) return "error: " + id.error().message;
  return Hex(*id);
}

std::string Normal(std::string_view text) {
  auto normal = UnicodeLooseMd5Vindex::LooseNormalForm(text);
  if (!normal.ok()) return "error: " + normal.error().message;
  return *normal;
}

TEST(XxhashVindexTest, KnownKeyspaceIds) {
  XxhashVindex vindex;
  EXPECT_EQ(MapHex(vindex, Kind::kString, "test1"), "d01ab7e4d6978f0b");
  EXPECT_EQ(MapHex(vindex, Kind::kString, "test2"), "87eb11714c0a0e89");
  EXPECT_EQ(MapHex(vindex, Kind::kString, "testaverylongvaluetomakesurethisworks"),
            "81d8c38e0d850e6a");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "1"), "d46405367612b4b7");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "-1"), "d8e2a6a7c8c7623d");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "18446744073709551615"), "477cfa8d6d8f1f8d");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "9223372036854775807"), "b37eb01f7bffafd8");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "-9223372036854775808"), "102c27ddb26a609e");
  EXPECT_EQ(Hex(XxhashVindex::MapBytes("")), "99e9d85137db46ef");
}

TEST(XxhashVindexTest, IntegersHashTheirCanonicalText) {
  XxhashVindex vindex;
  const std::string one = MapHex(vindex, Kind::kInteger, "1");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "+1"), one);
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "0001"), one);
  EXPECT_EQ(MapHex(vindex, Kind::kString, "1"), one);
  // A string is hashed as sent: '01' is not the integer 1.
  EXPECT_NE(MapHex(vindex, Kind::kString, "01"), one);
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "-0"), MapHex(vindex, Kind::kInteger, "0"));
}

TEST(NumericVindexTest, KnownKeyspaceIds) {
  NumericVindex vindex;
  for (int i = 1; i <= 8; ++i) {
    EXPECT_EQ(MapHex(vindex, Kind::kInteger, std::to_string(i)),
              "000000000000000" + std::to_string(i));
  }
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "256"), "0000000000000100");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "18446744073709551615"), "ffffffffffffffff");
  EXPECT_EQ(MapHex(vindex, Kind::kString, "42"), MapHex(vindex, Kind::kInteger, "42"));
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "-0"), "0000000000000000");
}

TEST(NumericVindexTest, UnmapInvertsMap) {
  for (uint64_t v : {0ULL, 1ULL, 42ULL, 1ULL << 40, ~0ULL}) {
    auto back = NumericVindex::Unmap(NumericVindex::MapUint64(v));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, v);
  }
  EXPECT_FALSE(NumericVindex::Unmap("aa").ok());
}

TEST(NumericVindexTest, RefusesNonIntegers) {
  NumericVindex vindex;
  for (auto [kind, text] :
       std::vector<std::pair<Kind, std::string>>{{Kind::kString, "aa"},
                                                 {Kind::kOther, "1.1"},
                                                 {Kind::kInteger, "-1"},
                                                 {Kind::kInteger, "18446744073709551616"},
                                                 {Kind::kString, ""},
                                                 {Kind::kString, "1 "}}) {
    auto id = vindex.Map({kind, text});
    ASSERT_FALSE(id.ok()) << text;
    EXPECT_NE(id.error().message.find("'" + text + "'"), std::string::npos) << id.error().message;
  }
}

// Drivers send numbers as DOUBLE (4000900e0) or DECIMAL literals; a BIGINT
// column stores the integer, so an integer-valued one maps as that integer.
TEST(IntegralNumberTextTest, IntegerValuedDecimalAndFloatLiterals) {
  const std::vector<std::pair<std::string, std::string>> integral = {
      {"4000900e0", "4000900"},
      {"4000900.000", "4000900"},
      {"4.0009e6", "4000900"},
      {"-5e0", "-5"},
      {"+7.0", "7"},
      {"0.0", "0"},
      {"120E-1", "12"},
      {"1e15", "1000000000000000"},
      {"9007199254740992e0", "9007199254740992"},
      {"123456789012345678901234567890.0", "123456789012345678901234567890"}};
  for (const auto& [text, want] : integral) {
    auto got = IntegralNumberText(text);
    ASSERT_TRUE(got.has_value()) << text;
    EXPECT_EQ(*got, want) << text;
  }
  for (const char* text : {"1.5", "4000900.01", "1e-1", "9007199254740993e0", "abc", "1e", "",
                           "1.2.3", "e5", "1e99999"}) {
    EXPECT_FALSE(IntegralNumberText(text).has_value()) << text;
  }
  HashVindex hash;
  NumericVindex numeric;
  for (const Vindex* vindex : std::initializer_list<const Vindex*>{&hash, &numeric}) {
    auto as_double = vindex->Map({Kind::kOther, "4000900e0"});
    ASSERT_TRUE(as_double.ok()) << as_double.error().message;
    auto as_integer = vindex->Map({Kind::kInteger, "4000900"});
    ASSERT_TRUE(as_integer.ok());
    EXPECT_EQ(*as_double, *as_integer);
    EXPECT_FALSE(vindex->Map({Kind::kOther, "4000900.5"}).ok());
  }
}

TEST(BinaryVindexTest, KeyspaceIdIsTheBytes) {
  BinaryVindex vindex;
  auto id = vindex.Map({Kind::kString, "test1"});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "test1");
  id = vindex.Map({Kind::kString, std::string("\x00\xff", 2)});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, std::string("\x00\xff", 2));
  id = vindex.Map({Kind::kInteger, "0042"});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "42");
  id = vindex.Map({Kind::kString, ""});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "");
}

TEST(BinaryMd5VindexTest, KnownKeyspaceIds) {
  BinaryMd5Vindex vindex;
  EXPECT_EQ(MapHex(vindex, Kind::kString, "Test"), "0cbc6611f5540bd0809a388dc95a615b");
  EXPECT_EQ(MapHex(vindex, Kind::kString, "TEST"), "033bd94b1168d7e4f0d644c3c95e35bf");
  EXPECT_EQ(MapHex(vindex, Kind::kString, "hello"), "5d41402abc4b2a76b9719d911017c592");
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "1"), MapHex(vindex, Kind::kString, "1"));
}

TEST(UnicodeLooseMd5VindexTest, NormalForm) {
  EXPECT_EQ(Normal("Hello"), "hello");
  EXPECT_EQ(Normal("HELLO "), "hello");
  EXPECT_EQ(Normal("h\xC3\xA9llo"), "hello");   // héllo
  EXPECT_EQ(Normal("he\xCC\x81llo"), "hello");  // he + U+0301 + llo
  EXPECT_EQ(Normal("Stra\xC3\x9F"
                   "e"),
            "strasse");                            // Straße
  EXPECT_EQ(Normal("\xC3\x86r\xC3\xB8"), "aero");  // Ærø
  EXPECT_EQ(Normal("\xC5\x81\xC3\xB3"
                   "d\xC5\xBA"),
            "lodz");                                    // Łódź
  EXPECT_EQ(Normal("\xC5\x92uvre"), "oeuvre");          // Œuvre
  EXPECT_EQ(Normal("\xEF\xBC\xA8\xEF\xBD\x89"), "hi");  // fullwidth Ｈｉ
  EXPECT_EQ(Normal("\xCE\x86\xCE\x9B\xCE\xA6\xCE\x91"),
            "\xCE\xB1\xCE\xBB\xCF\x86\xCE\xB1");  // ΆΛΦΑ -> αλφα
  EXPECT_EQ(Normal("\xD0\x81\xD0\x9B\xD0\x9A\xD0\x90"),
            "\xD0\xB5\xD0\xBB\xD0\xBA\xD0\xB0");  // ЁЛКА -> елка
  EXPECT_EQ(Normal("  "), "");
  EXPECT_EQ(Normal(" Test"), " test");
  EXPECT_EQ(Normal("Test\t"), "test\t");
  EXPECT_EQ(Normal("\xE4\xB8\xAD"), "\xE4\xB8\xAD");  // 中 kept
}

TEST(UnicodeLooseMd5VindexTest, EqualUnderCollationMeansSameKeyspaceId) {
  UnicodeLooseMd5Vindex vindex;
  const std::string hello = MapHex(vindex, Kind::kString, "hello");
  EXPECT_EQ(hello, "5d41402abc4b2a76b9719d911017c592");
  for (const char* same : {"Hello", "HELLO ", "h\xC3\xA9llo", "H\xC3\x89LL\xC3\x96   "}) {
    EXPECT_EQ(MapHex(vindex, Kind::kString, same), hello) << same;
  }
  const std::string test = MapHex(vindex, Kind::kString, "Test");
  for (const char* same : {"TEST", "Te\xCC\x81st", "T\xC3\xA9st", "Test "}) {
    EXPECT_EQ(MapHex(vindex, Kind::kString, same), test) << same;
  }
  for (const char* other : {"B\xC3\xA9st", " Test", "Test\t", "Tests"}) {
    EXPECT_NE(MapHex(vindex, Kind::kString, other), test) << other;
  }
  EXPECT_EQ(MapHex(vindex, Kind::kInteger, "007"), MapHex(vindex, Kind::kString, "7"));
}

TEST(UnicodeLooseMd5VindexTest, InvalidUtf8IsAnError) {
  UnicodeLooseMd5Vindex vindex;
  for (std::string bad : {
           std::string("\x99\xeb\x9d\x18\xa4G\x84\x04]\x87\xf3\xc6|\xf2'F"),
           std::string("D\x86\x15\xbb\xda\b1?j\x8e\xb6h\xd2\v\xf5\x05"),
           std::string("\xC0\xAF"),          // overlong '/'
           std::string("\xE0\x80\xAF"),      // overlong '/'
           std::string("\xED\xA0\x80"),      // surrogate U+D800
           std::string("\xF4\x90\x80\x80"),  // above U+10FFFF
           std::string("abc\xE2\x82"),       // truncated
           std::string("\xFF"),
       }) {
    auto id = vindex.Map({Kind::kString, bad});
    ASSERT_FALSE(id.ok()) << Hex(bad);
    EXPECT_NE(id.error().message.find("invalid UTF-8"), std::string::npos);
  }
}

TEST(UnicodeLooseMd5VindexTest, NormalFormIsIdempotent) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<uint32_t> latin(0x20, 0x4FF);
  std::uniform_int_distribution<uint32_t> any(0x20, 0x10FFFF);
  for (int round = 0; round < 2000; ++round) {
    std::u32string points;
    for (int i = 0; i < 12; ++i) {
      char32_t cp = round % 2 ? any(rng) : latin(rng);
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x';
      points += cp;
    }
    std::string utf8;
    for (char32_t cp : points) {
      if (cp < 0x80) {
        utf8 += static_cast<char>(cp);
      } else if (cp < 0x800) {
        utf8 += static_cast<char>(0xC0 | (cp >> 6));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        utf8 += static_cast<char>(0xE0 | (cp >> 12));
        utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        utf8 += static_cast<char>(0xF0 | (cp >> 18));
        utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      }
    }
    auto once = UnicodeLooseMd5Vindex::LooseNormalForm(utf8);
    ASSERT_TRUE(once.ok()) << Hex(utf8);
    auto twice = UnicodeLooseMd5Vindex::LooseNormalForm(*once);
    ASSERT_TRUE(twice.ok());
    EXPECT_EQ(*twice, *once) << Hex(utf8);
  }
}

TEST(VindexesTest, RandomBytesNeverCrash) {
  XxhashVindex xxhash;
  NumericVindex numeric;
  BinaryVindex binary;
  BinaryMd5Vindex binary_md5;
  UnicodeLooseMd5Vindex unicode_loose_md5;
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> length(0, 48);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 5000; ++round) {
    std::string text(static_cast<size_t>(length(rng)), '\0');
    for (char& c : text) c = static_cast<char>(byte(rng));
    for (Kind kind : {Kind::kString, Kind::kInteger, Kind::kOther, Kind::kNull}) {
      const VindexValue value{kind, text};
      const bool bytes_ok =
          kind == Kind::kString || (kind == Kind::kInteger && binary.Map(value).ok());
      auto x = xxhash.Map(value);
      EXPECT_EQ(x.ok(), bytes_ok);
      if (x.ok()) {
        EXPECT_EQ(x->size(), 8u);
      }
      auto m = binary_md5.Map(value);
      EXPECT_EQ(m.ok(), bytes_ok);
      if (m.ok()) {
        EXPECT_EQ(m->size(), 16u);
      }
      auto u = unicode_loose_md5.Map(value);
      if (u.ok()) {
        EXPECT_EQ(u->size(), 16u);
      }
      auto n = numeric.Map(value);
      if (n.ok()) {
        EXPECT_EQ(n->size(), 8u);
      }
    }
  }
}

TEST(VindexesTest, NullAndOtherKindsAreErrors) {
  XxhashVindex xxhash;
  NumericVindex numeric;
  BinaryVindex binary;
  BinaryMd5Vindex binary_md5;
  UnicodeLooseMd5Vindex unicode_loose_md5;
  for (const Vindex* vindex :
       std::vector<const Vindex*>{&xxhash, &numeric, &binary, &binary_md5, &unicode_loose_md5}) {
    auto null = vindex->Map({Kind::kNull, ""});
    ASSERT_FALSE(null.ok()) << vindex->type();
    EXPECT_NE(null.error().message.find("NULL"), std::string::npos) << null.error().message;
    EXPECT_NE(null.error().message.find(std::string(vindex->type())), std::string::npos);
    auto other = vindex->Map({Kind::kOther, "1.5"});
    ASSERT_FALSE(other.ok()) << vindex->type();
    EXPECT_NE(other.error().message.find("'1.5'"), std::string::npos) << other.error().message;
    EXPECT_FALSE(vindex->Map({Kind::kInteger, "12a"}).ok()) << vindex->type();
  }
}

TEST(VindexesTest, Properties) {
  struct Expected {
    const char* type;
    int cost;
  };
  for (auto [type, cost] :
       {Expected{"hash", 1}, Expected{"xxhash", 1}, Expected{"numeric", 0}, Expected{"binary", 0},
        Expected{"binary_md5", 1}, Expected{"unicode_loose_md5", 1}}) {
    auto vindex = CreateVindex(type, {});
    ASSERT_TRUE(vindex.ok()) << type;
    EXPECT_EQ((*vindex)->type(), type);
    EXPECT_EQ((*vindex)->cost(), cost) << type;
    EXPECT_TRUE((*vindex)->is_unique()) << type;
  }
}

TEST(VindexesTest, RegistryRefusesUnknownTypes) {
  for (const char* type : {"nosuch", "", "XXHASH", "unicode_loose_xxhash"}) {
    auto vindex = CreateVindex(type, {});
    ASSERT_FALSE(vindex.ok()) << type;
    EXPECT_NE(vindex.error().message.find("'" + std::string(type) + "'"), std::string::npos);
  }
}

}  // namespace
}  // namespace tessera::vtgate
