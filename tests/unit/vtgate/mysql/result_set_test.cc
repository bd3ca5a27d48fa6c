// Column definitions, text rows and whole result-set responses.
#include <gtest/gtest.h>

#include "vtgate/mysql/column_definition.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/text_row.h"
#include "vtgate/mysql/wire_reader.h"

namespace tessera::vtgate::mysql {
namespace {

Field SampleField() {
  return Field{.name = "id",
               .org_name = "id",
               .table = "t",
               .org_table = "customer",
               .database = "commerce",
               .type = FieldType::kLongLong,
               .flags = field_flag::kNotNull | field_flag::kPrimaryKey,
               .charset = kCharsetBinary,
               .column_length = 20};
}

// Splits a buffer of framed packets into payloads (single-packet payloads).
std::vector<std::string> Payloads(const std::string& wire) {
  std::vector<std::string> out;
  std::string scratch;
  std::string_view rest = wire;
  uint8_t seq = 1;
  while (!rest.empty()) {
    Frame f;
    EXPECT_EQ(ExtractPacket(rest, seq, 1 << 24, &scratch, &f), FrameStatus::kComplete);
    out.emplace_back(f.payload);
    rest.remove_prefix(f.consumed);
    seq = f.next_seq;
  }
  return out;
}

TEST(ColumnDefinition, RoundTripAndTruncation) {
  Field f = SampleField();
  std::string payload;
  EncodeColumnDefinition(f, &payload);
  Result<Field> decoded = DecodeColumnDefinition(payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, f);
  for (size_t n = 0; n + 2 < payload.size(); ++n) {  // the 2 filler bytes are optional
    EXPECT_FALSE(DecodeColumnDefinition(std::string_view(payload).substr(0, n)).ok()) << n;
  }
}

TEST(TextRow, RoundTripWithNullsAndEmptyStrings) {
  Row row{std::string("1"), std::nullopt, std::string(""), std::string(300, 'q')};
  std::string payload;
  EncodeTextRow(row, &payload);
  Result<Row> decoded = DecodeTextRow(payload, row.size());
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, row);
  for (size_t n = 0; n < payload.size(); ++n) {
    EXPECT_FALSE(DecodeTextRow(std::string_view(payload).substr(0, n), row.size()).ok()) << n;
  }
  EXPECT_FALSE(DecodeTextRow(payload, row.size() - 1).ok());  // trailing bytes
}

ResultSet SampleResultSet() {
  ResultSet rs;
  rs.fields = {SampleField(), SampleField()};
  rs.fields[1].name = "name";
  rs.fields[1].type = FieldType::kVarString;
  rs.rows = {{std::string("1"), std::string("alice")}, {std::string("2"), std::nullopt}};
  return rs;
}

TEST(ResultSetResponse, ClassicEofLayout) {
  std::string wire;
  PacketWriter w(&wire, 1);
  EncodeResultSetResponse(SampleResultSet(), capability::kProtocol41, 2, &w);
  std::vector<std::string> p = Payloads(wire);
  ASSERT_EQ(p.size(), 1u + 2 + 1 + 2 + 1);
  EXPECT_EQ(p[0], "\x02");
  EXPECT_EQ(DecodeColumnDefinition(p[2])->name, "name");
  EXPECT_TRUE(DecodeEofPacket(p[3]).ok());
  EXPECT_EQ(DecodeTextRow(p[5], 2).value(), (Row{std::string("2"), std::nullopt}));
  EXPECT_EQ(DecodeEofPacket(p[6])->status_flags, 2);
  EXPECT_EQ(w.next_seq(), 8);
}

TEST(ResultSetResponse, DeprecateEofLayout) {
  std::string wire;
  PacketWriter w(&wire, 1);
  EncodeResultSetResponse(SampleResultSet(), capability::kProtocol41 | capability::kDeprecateEof, 3,
                          &w);
  std::vector<std::string> p = Payloads(wire);
  ASSERT_EQ(p.size(), 1u + 2 + 2 + 1);
  EXPECT_EQ(DecodeTextRow(p[3], 2).value(), (Row{std::string("1"), std::string("alice")}));
  ASSERT_TRUE(IsEndOfRows(p[5]));
  EXPECT_EQ(DecodeOkPacket(p[5])->status_flags, 3);
}

TEST(ResultSetResponse, NoFieldsIsOk) {
  ResultSet rs;
  rs.affected_rows = 5;
  rs.last_insert_id = 9;
  rs.info = "Records: 5";
  std::string wire;
  PacketWriter w(&wire, 1);
  EncodeQueryResponse(rs, capability::kProtocol41, 2, &w);
  std::vector<std::string> p = Payloads(wire);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(DecodeOkPacket(p[0]).value(), (OkPacket{5, 9, 2, 0, "Records: 5"}));
}

TEST(ResultSetResponse, ErrorIsErr) {
  std::string wire;
  PacketWriter w(&wire, 1);
  EncodeQueryResponse(Error::Make(mysql_errno::kDupEntry, "dup"), capability::kProtocol41, 2, &w);
  std::vector<std::string> p = Payloads(wire);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(DecodeErrPacket(p[0])->error.sql_state, "23000");
}

}  // namespace
}  // namespace tessera::vtgate::mysql
