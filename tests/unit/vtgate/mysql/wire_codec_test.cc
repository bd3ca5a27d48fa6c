// Length-encoded integers and strings, fixed integers, NUL strings.
#include <gtest/gtest.h>

#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

TEST(WireCodec, LenencIntRoundTripsAtEveryWidthBoundary) {
  for (uint64_t v :
       {0ull, 250ull, 251ull, 0xffffull, 0x10000ull, 0xffffffull, 0x1000000ull, ~0ull}) {
    std::string buf;
    AppendLenencInt(&buf, v);
    EXPECT_EQ(buf.size(), LenencIntSize(v)) << v;
    WireReader r(buf);
    uint64_t out = 0;
    ASSERT_TRUE(r.ReadLenencInt(&out)) << v;
    EXPECT_EQ(out, v);
    EXPECT_TRUE(r.empty());
  }
}

TEST(WireCodec, LenencIntTruncatedFailsWithoutConsuming) {
  std::string buf;
  AppendLenencInt(&buf, 0x123456789ull);
  for (size_t n = 0; n < buf.size(); ++n) {
    WireReader r(std::string_view(buf).substr(0, n));
    uint64_t out = 0;
    EXPECT_FALSE(r.ReadLenencInt(&out)) << n;
    EXPECT_EQ(r.remaining(), n);
  }
}

TEST(WireCodec, NullAndErrorMarkersAreNotIntegers) {
  for (char marker : {'\xfb', '\xff'}) {
    std::string buf(1, marker);
    WireReader r(buf);
    uint64_t out = 0;
    EXPECT_FALSE(r.ReadLenencInt(&out));
  }
}

TEST(WireCodec, LenencStringRoundTripAndTruncation) {
  std::string value(300, 'x');
  std::string buf;
  AppendLenencString(&buf, value);
  WireReader r(buf);
  std::string_view out;
  ASSERT_TRUE(r.ReadLenencString(&out));
  EXPECT_EQ(out, value);
  for (size_t n = 0; n < buf.size(); ++n) {
    WireReader t(std::string_view(buf).substr(0, n));
    EXPECT_FALSE(t.ReadLenencString(&out)) << n;
    EXPECT_EQ(t.remaining(), n);
  }
}

TEST(WireCodec, LenencStringClaimingMoreThanAvailableFails) {
  std::string buf = std::string(1, '\xfe') + std::string(8, '\x7f') + "abc";
  WireReader r(buf);
  std::string_view out;
  EXPECT_FALSE(r.ReadLenencString(&out));
}

TEST(WireCodec, NulStringNeedsTerminator) {
  std::string buf;
  AppendNulString(&buf, "root");
  WireReader r(buf);
  std::string_view out;
  ASSERT_TRUE(r.ReadNulString(&out));
  EXPECT_EQ(out, "root");
  WireReader t("root");
  EXPECT_FALSE(t.ReadNulString(&out));
  EXPECT_EQ(t.ReadNulOrRest(), "root");
}

TEST(WireCodec, FixedIntegersAreLittleEndian) {
  std::string buf;
  AppendU16(&buf, 0x0102);
  AppendU32(&buf, 0x03040506);
  EXPECT_EQ(buf, std::string("\x02\x01\x06\x05\x04\x03", 6));
  WireReader r(buf);
  uint16_t a = 0;
  uint32_t b = 0, c = 0;
  ASSERT_TRUE(r.Read(&a));
  ASSERT_TRUE(r.Read(&b));
  EXPECT_EQ(a, 0x0102);
  EXPECT_EQ(b, 0x03040506u);
  EXPECT_FALSE(r.Read(&c));
}

}  // namespace
}  // namespace tessera::vtgate::mysql
