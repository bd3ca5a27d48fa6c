// Prepared-statement packets: COM_STMT_PREPARE_OK, COM_STMT_EXECUTE,
// COM_STMT_SEND_LONG_DATA / CLOSE / RESET / FETCH, and the encoded
// prepare and execute responses.
#include <bit>

#include <gtest/gtest.h>

#include "vtgate/mysql/binary_row.h"
#include "vtgate/mysql/binary_temporal.h"
#include "vtgate/mysql/column_definition.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/packet_framing.h"
#include "vtgate/mysql/prepared_statement.h"
#include "vtgate/mysql/stmt_commands.h"
#include "vtgate/mysql/stmt_execute.h"
#include "vtgate/mysql/stmt_prepare_ok.h"
#include "vtgate/mysql/stmt_response_encoder.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

std::string Fixed(uint64_t v, size_t bytes) {
  std::string out;
  AppendFixed(&out, v, bytes);
  return out;
}

std::string Lenenc(std::string_view s) {
  std::string out;
  AppendLenencString(&out, s);
  return out;
}

// Payloads of the framed packets in `buffer`.
std::vector<std::string> Payloads(const std::string& buffer) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos + 4 <= buffer.size()) {
    size_t len = static_cast<uint8_t>(buffer[pos]) | (static_cast<uint8_t>(buffer[pos + 1]) << 8) |
                 (static_cast<uint8_t>(buffer[pos + 2]) << 16);
    out.push_back(buffer.substr(pos + 4, len));
    pos += 4 + len;
  }
  EXPECT_EQ(pos, buffer.size());
  return out;
}

// ---- COM_STMT_PREPARE_OK --------------------------------------------------

TEST(StmtPrepareOk, RoundTrip) {
  StmtPrepareOk ok{0x01020304, 3, 70, 2};
  std::string payload;
  EncodeStmtPrepareOk(ok, &payload);
  EXPECT_EQ(payload.size(), 12u);
  Result<StmtPrepareOk> back = DecodeStmtPrepareOk(payload);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, ok);
}

TEST(StmtPrepareOk, TruncatedFails) {
  std::string payload;
  EncodeStmtPrepareOk(StmtPrepareOk{1, 2, 3, 4}, &payload);
  for (size_t n = 0; n < payload.size(); ++n) {
    EXPECT_FALSE(DecodeStmtPrepareOk(std::string_view(payload).substr(0, n)).ok()) << n;
  }
}

// ---- COM_STMT_EXECUTE -----------------------------------------------------

std::vector<std::optional<std::string>> NoLongData(size_t n) {
  return std::vector<std::optional<std::string>>(n);
}

TEST(StmtExecute, HeaderRoundTrip) {
  std::string payload;
  EncodeStmtExecute(77, cursor_flag::kReadOnly, {}, true, &payload);
  Result<Command> command = DecodeCommand(payload);
  ASSERT_TRUE(command.ok());
  EXPECT_EQ(command->code, CommandCode::kStmtExecute);
  Result<StmtExecuteHeader> header = DecodeStmtExecuteHeader(command->argument);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->statement_id, 77u);
  EXPECT_EQ(header->flags, cursor_flag::kReadOnly);
  EXPECT_EQ(header->iteration_count, 1u);
  EXPECT_TRUE(header->params.empty());
  for (size_t n = 0; n < command->argument.size(); ++n) {
    EXPECT_FALSE(DecodeStmtExecuteHeader(command->argument.substr(0, n)).ok()) << n;
  }
}

// Every parameter type, bound in one packet, decoded to its literal.
TEST(StmtExecute, EveryParamTypeDecodesToItsLiteral) {
  std::string dt, date, time;
  AppendBinaryDateTime({2023, 12, 31, 23, 59, 59, 999999}, &dt);
  AppendBinaryDateTime({2023, 12, 31, 0, 0, 0, 0}, &date);
  AppendBinaryTime({true, 0, 10, 0, 0, 0}, &time);
  std::vector<BinaryParam> params;
  std::vector<std::string> expected;
  // Built one by one: a braced table of optionals trips GCC 12's
  // -Wmaybe-uninitialized.
  auto add = [&](FieldType type, bool is_unsigned, std::optional<std::string> value,
                 std::string literal) {
    params.push_back(BinaryParam{ParamType{type, is_unsigned}, std::move(value)});
    expected.push_back(std::move(literal));
  };
  add(FieldType::kTiny, false, Fixed(0x80, 1), "-128");
  add(FieldType::kTiny, true, Fixed(0x80, 1), "128");
  add(FieldType::kShort, false, Fixed(0xfffe, 2), "-2");
  add(FieldType::kShort, true, Fixed(0xfffe, 2), "65534");
  add(FieldType::kLong, false, Fixed(0x80000000u, 4), "-2147483648");
  add(FieldType::kLong, true, Fixed(0x80000000u, 4), "2147483648");
  add(FieldType::kInt24, false, Fixed(123, 4), "123");
  add(FieldType::kLongLong, false, Fixed(~0ull, 8), "-1");
  add(FieldType::kLongLong, true, Fixed(~0ull, 8), "18446744073709551615");
  add(FieldType::kYear, true, Fixed(1999, 2), "1999");
  add(FieldType::kFloat, false, Fixed(std::bit_cast<uint32_t>(-0.25f), 4), "-0.25e0");
  add(FieldType::kDouble, false, Fixed(std::bit_cast<uint64_t>(3.5), 8), "3.5e0");
  add(FieldType::kDecimal, false, Lenenc("1.10"), "1.10");
  add(FieldType::kNewDecimal, false, Lenenc("-99.5"), "-99.5");
  add(FieldType::kDate, false, date, "'2023-12-31'");
  add(FieldType::kDateTime, false, dt, "'2023-12-31 23:59:59.999999'");
  add(FieldType::kTimestamp, false, date, "'2023-12-31 00:00:00'");
  add(FieldType::kTime, false, time, "'-10:00:00'");
  add(FieldType::kVarchar, false, Lenenc("a'b"), "'a\\'b'");
  add(FieldType::kVarString, false, Lenenc("x"), "'x'");
  add(FieldType::kString, false, Lenenc("y"), "'y'");
  add(FieldType::kTinyBlob, false, Lenenc("z"), "'z'");
  add(FieldType::kMediumBlob, false, Lenenc("\xfe"), "X'FE'");
  add(FieldType::kLongBlob, false, Lenenc(""), "''");
  add(FieldType::kBlob, false, Lenenc(std::string(300, 'b')), "'" + std::string(300, 'b') + "'");
  add(FieldType::kJson, false, Lenenc("{\"k\":1}"), "'{\"k\":1}'");
  add(FieldType::kEnum, false, Lenenc("red"), "'red'");
  add(FieldType::kSet, false, Lenenc("a,b"), "'a,b'");
  add(FieldType::kBit, false, Lenenc("\x03"), "X'03'");
  add(FieldType::kGeometry, false, Lenenc("g"), "'g'");
  add(FieldType::kVarString, false, std::nullopt, "NULL");
  add(FieldType::kNull, false, std::nullopt, "NULL");
  add(FieldType::kLongLong, false, std::nullopt, "NULL");
  std::string payload;
  EncodeStmtExecute(1, 0, params, true, &payload);
  Result<StmtExecuteHeader> header = DecodeStmtExecuteHeader(std::string_view(payload).substr(1));
  ASSERT_TRUE(header.ok());
  std::vector<ParamType> types;
  Result<std::vector<std::string>> literals =
      DecodeStmtExecuteParams(header->params, &types, NoLongData(params.size()));
  ASSERT_TRUE(literals.ok()) << literals.error().message;
  EXPECT_EQ(*literals, expected);
  ASSERT_EQ(types.size(), params.size());
  for (size_t i = 0; i < params.size(); ++i) EXPECT_EQ(types[i], params[i].type) << i;

  // Every truncation of the parameter block fails instead of reading past it.
  for (size_t n = 0; n < header->params.size(); ++n) {
    std::vector<ParamType> scratch;
    EXPECT_FALSE(
        DecodeStmtExecuteParams(header->params.substr(0, n), &scratch, NoLongData(params.size()))
            .ok())
        << n;
  }
}

TEST(StmtExecute, LaterExecutionReusesBoundTypes) {
  std::vector<BinaryParam> params = {{{FieldType::kLongLong, true}, Fixed(5, 8)},
                                     {{FieldType::kVarString, false}, Lenenc("s")}};
  std::string first, second;
  EncodeStmtExecute(1, 0, params, true, &first);
  params[0].value = Fixed(6, 8);
  params[1].value = std::nullopt;
  EncodeStmtExecute(1, 0, params, false, &second);

  std::vector<ParamType> types;
  auto h1 = DecodeStmtExecuteHeader(std::string_view(first).substr(1));
  ASSERT_TRUE(DecodeStmtExecuteParams(h1->params, &types, NoLongData(2)).ok());
  auto h2 = DecodeStmtExecuteHeader(std::string_view(second).substr(1));
  Result<std::vector<std::string>> literals =
      DecodeStmtExecuteParams(h2->params, &types, NoLongData(2));
  ASSERT_TRUE(literals.ok()) << literals.error().message;
  EXPECT_EQ(*literals, (std::vector<std::string>{"6", "NULL"}));
}

TEST(StmtExecute, UnboundTypesOnFirstExecutionFail) {
  std::string payload;
  EncodeStmtExecute(1, 0, {{{FieldType::kLong, false}, Fixed(1, 4)}}, false, &payload);
  auto header = DecodeStmtExecuteHeader(std::string_view(payload).substr(1));
  std::vector<ParamType> types;
  auto literals = DecodeStmtExecuteParams(header->params, &types, NoLongData(1));
  ASSERT_FALSE(literals.ok());
  EXPECT_EQ(literals.error().code, 1210);
}

TEST(StmtExecute, LongDataParamCarriesNoValue) {
  // Parameter 0 came via COM_STMT_SEND_LONG_DATA; the packet holds only param 1.
  std::string block;
  block.push_back('\0');                        // null bitmap
  block.push_back('\1');                        // types follow
  block += std::string("\xfc\x00\x03\x00", 4);  // BLOB, LONG
  block += Fixed(9, 4);
  std::vector<ParamType> types;
  std::vector<std::optional<std::string>> long_data = {std::string("it's long"), std::nullopt};
  auto literals = DecodeStmtExecuteParams(block, &types, long_data);
  ASSERT_TRUE(literals.ok()) << literals.error().message;
  EXPECT_EQ(*literals, (std::vector<std::string>{"'it\\'s long'", "9"}));
}

TEST(StmtExecute, NoParamsIgnoresTheBlock) {
  std::vector<ParamType> types;
  auto literals = DecodeStmtExecuteParams("", &types, NoLongData(0));
  ASSERT_TRUE(literals.ok());
  EXPECT_TRUE(literals->empty());
}

// ---- small commands -------------------------------------------------------

TEST(StmtCommands, StatementIdRoundTripAndTruncation) {
  std::string arg = Fixed(0xdeadbeef, 4);
  ASSERT_TRUE(DecodeStmtId(arg).ok());
  EXPECT_EQ(DecodeStmtId(arg).value(), 0xdeadbeefu);
  for (size_t n = 0; n < arg.size(); ++n) EXPECT_FALSE(DecodeStmtId(arg.substr(0, n)).ok());
}

TEST(StmtCommands, LongDataRoundTripAndTruncation) {
  std::string arg;
  EncodeStmtLongData(StmtLongData{7, 2, "chunk"}, &arg);
  Result<StmtLongData> back = DecodeStmtLongData(arg);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->statement_id, 7u);
  EXPECT_EQ(back->param_id, 2u);
  EXPECT_EQ(back->data, "chunk");
  for (size_t n = 0; n < 6; ++n) EXPECT_FALSE(DecodeStmtLongData(arg.substr(0, n)).ok()) << n;
  Result<StmtLongData> empty = DecodeStmtLongData(arg.substr(0, 6));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->data.empty());
}

TEST(StmtCommands, FetchRoundTripAndTruncation) {
  std::string arg = Fixed(3, 4) + Fixed(100, 4);
  Result<StmtFetchRequest> back = DecodeStmtFetch(arg);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->statement_id, 3u);
  EXPECT_EQ(back->rows, 100u);
  for (size_t n = 0; n < arg.size(); ++n) EXPECT_FALSE(DecodeStmtFetch(arg.substr(0, n)).ok()) << n;
}

// ---- the connection's statement registry ----------------------------------

TEST(PreparedStatements, AddFindRemoveAndLimit) {
  PreparedStatements statements(2);
  PreparedStatement* a = statements.Add("select ?", 1);
  PreparedStatement* b = statements.Add("select 2", 0);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(a->long_data.size(), 1u);
  EXPECT_EQ(statements.Add("select 3", 0), nullptr);
  EXPECT_EQ(statements.Find(a->id), a);
  EXPECT_EQ(statements.Find(kLastPreparedStatementId), b);
  uint32_t a_id = a->id;
  statements.Remove(a_id);
  EXPECT_EQ(statements.Find(a_id), nullptr);
  EXPECT_NE(statements.Add("select 4", 0), nullptr);
}

// ---- responses ------------------------------------------------------------

Field Column(std::string name, FieldType type, uint16_t flags = 0) {
  Field f;
  f.name = f.org_name = std::move(name);
  f.type = type;
  f.flags = flags;
  return f;
}

TEST(StmtPrepareResponse, ParamsAndColumnsWithAndWithoutEof) {
  std::vector<Field> columns = {Column("id", FieldType::kLongLong),
                                Column("name", FieldType::kVarString)};
  for (bool deprecate_eof : {false, true}) {
    std::string buffer;
    PacketWriter w(&buffer, 1);
    EncodeStmtPrepareResponse(9, 2, columns, deprecate_eof ? capability::kDeprecateEof : 0, &w);
    std::vector<std::string> p = Payloads(buffer);
    ASSERT_EQ(p.size(), deprecate_eof ? 5u : 7u);
    Result<StmtPrepareOk> ok = DecodeStmtPrepareOk(p[0]);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(*ok, (StmtPrepareOk{9, 2, 2, 0}));
    size_t i = 1;
    for (int k = 0; k < 2; ++k) {
      Result<Field> param = DecodeColumnDefinition(p[i++]);
      ASSERT_TRUE(param.ok());
      EXPECT_EQ(param->name, "?");
    }
    if (!deprecate_eof) {
      EXPECT_TRUE(DecodeEofPacket(p[i++]).ok());
    }
    for (const Field& c : columns) {
      Result<Field> column = DecodeColumnDefinition(p[i++]);
      ASSERT_TRUE(column.ok());
      EXPECT_EQ(*column, c);
    }
    if (!deprecate_eof) {
      EXPECT_TRUE(DecodeEofPacket(p[i++]).ok());
    }
    EXPECT_EQ(i, p.size());
  }
}

TEST(StmtPrepareResponse, NoParamsNoColumnsIsOnePacket) {
  for (uint32_t caps : {0u, capability::kDeprecateEof}) {
    std::string buffer;
    PacketWriter w(&buffer, 1);
    EncodeStmtPrepareResponse(1, 0, {}, caps, &w);
    EXPECT_EQ(Payloads(buffer).size(), 1u);
  }
}

TEST(ExecuteResponse, BinaryRowsWithEofOrOk) {
  ResultSet rs;
  rs.fields = {Column("id", FieldType::kLongLong), Column("name", FieldType::kVarString)};
  rs.rows = {{std::string("1"), std::string("a")}, {std::string("2"), std::nullopt}};
  for (bool deprecate_eof : {false, true}) {
    std::string buffer;
    PacketWriter w(&buffer, 1);
    EncodeExecuteResponse(rs, deprecate_eof ? capability::kDeprecateEof : 0,
                          server_status::kAutocommit, &w);
    std::vector<std::string> p = Payloads(buffer);
    ASSERT_EQ(p.size(), deprecate_eof ? 6u : 7u);
    WireReader count(p[0]);
    uint64_t n = 0;
    ASSERT_TRUE(count.ReadLenencInt(&n));
    EXPECT_EQ(n, 2u);
    size_t i = 3;
    if (!deprecate_eof) {
      EXPECT_TRUE(DecodeEofPacket(p[i++]).ok());
    }
    for (const Row& row : rs.rows) {
      Result<Row> back = DecodeBinaryRow(p[i++], rs.fields);
      ASSERT_TRUE(back.ok());
      EXPECT_EQ(*back, row);
    }
    EXPECT_TRUE(IsEndOfRows(p[i]));
    if (deprecate_eof) {
      Result<OkPacket> ok = DecodeOkPacket(p[i]);
      ASSERT_TRUE(ok.ok());
      EXPECT_EQ(ok->status_flags, server_status::kAutocommit);
    } else {
      EXPECT_EQ(DecodeEofPacket(p[i])->status_flags, server_status::kAutocommit);
    }
  }
}

TEST(ExecuteResponse, MisfitColumnIsSentAsString) {
  ResultSet rs;
  rs.fields = {Column("n", FieldType::kLongLong, field_flag::kUnsigned),
               Column("d", FieldType::kDouble)};
  rs.rows = {{std::string("1"), std::string("1.5")}, {std::string("many"), std::string("2")}};
  std::string buffer;
  PacketWriter w(&buffer, 1);
  EncodeExecuteResponse(rs, capability::kDeprecateEof, 0, &w);
  std::vector<std::string> p = Payloads(buffer);
  ASSERT_EQ(p.size(), 6u);
  Result<Field> n = DecodeColumnDefinition(p[1]);
  Result<Field> d = DecodeColumnDefinition(p[2]);
  ASSERT_TRUE(n.ok() && d.ok());
  EXPECT_EQ(n->type, FieldType::kVarString);
  EXPECT_EQ(d->type, FieldType::kDouble);
  std::vector<Field> sent = {*n, *d};
  EXPECT_EQ(DecodeBinaryRow(p[3], sent).value(), rs.rows[0]);
  EXPECT_EQ(DecodeBinaryRow(p[4], sent).value(), rs.rows[1]);
  // The packets are numbered without gaps despite the retry.
  uint8_t seq = 1;
  for (size_t pos = 0; pos < buffer.size(); ++seq) {
    size_t len = static_cast<uint8_t>(buffer[pos]) | (static_cast<uint8_t>(buffer[pos + 1]) << 8);
    EXPECT_EQ(static_cast<uint8_t>(buffer[pos + 3]), seq);
    pos += 4 + len;
  }
}

TEST(CursorResponse, OpenThenFetchInBatches) {
  ResultSet rs;
  rs.fields = {Column("n", FieldType::kLong), Column("s", FieldType::kLong)};
  for (int i = 0; i < 5; ++i)
    rs.rows.push_back({std::to_string(i), std::string(i == 3 ? "x" : "1")});
  std::vector<Field> columns = BinaryColumns(rs);
  EXPECT_EQ(columns[0].type, FieldType::kLong);
  EXPECT_EQ(columns[1].type, FieldType::kVarString);  // "x" does not fit
  for (bool deprecate_eof : {false, true}) {
    const uint32_t caps = deprecate_eof ? capability::kDeprecateEof : 0;
    std::string open;
    PacketWriter w(&open, 1);
    EncodeCursorOpenResponse(columns, caps, server_status::kAutocommit, &w);
    std::vector<std::string> p = Payloads(open);
    ASSERT_EQ(p.size(), 4u);  // count, 2 definitions, end marker
    uint16_t status =
        deprecate_eof ? DecodeOkPacket(p[3])->status_flags : DecodeEofPacket(p[3])->status_flags;
    EXPECT_TRUE(status & server_status::kCursorExists);

    size_t next = 0;
    std::vector<size_t> batch_sizes;
    std::vector<uint16_t> statuses;
    while (next < rs.rows.size()) {
      std::string fetched;
      PacketWriter fw(&fetched, 1);
      size_t before = next;
      EncodeCursorFetchResponse(rs, columns, &next, 2, caps, 0, &fw);
      p = Payloads(fetched);
      ASSERT_EQ(p.size(), next - before + 1);
      for (size_t i = 0; i + 1 < p.size(); ++i) {
        EXPECT_EQ(DecodeBinaryRow(p[i], columns).value(), rs.rows[before + i]);
      }
      batch_sizes.push_back(next - before);
      statuses.push_back(deprecate_eof ? DecodeOkPacket(p.back())->status_flags
                                       : DecodeEofPacket(p.back())->status_flags);
    }
    EXPECT_EQ(batch_sizes, (std::vector<size_t>{2, 2, 1}));
    ASSERT_EQ(statuses.size(), 3u);
    EXPECT_TRUE(statuses[0] & server_status::kCursorExists);
    EXPECT_TRUE(statuses[1] & server_status::kCursorExists);
    EXPECT_TRUE(statuses[2] & server_status::kLastRowSent);
    EXPECT_FALSE(statuses[2] & server_status::kCursorExists);
  }
}

TEST(ExecuteResponse, NoFieldsIsOkAndErrorIsErr) {
  ResultSet rs;
  rs.affected_rows = 3;
  rs.last_insert_id = 8;
  std::string buffer;
  PacketWriter w(&buffer, 1);
  EncodeExecuteResponse(rs, 0, 0, &w);
  std::vector<std::string> p = Payloads(buffer);
  ASSERT_EQ(p.size(), 1u);
  Result<OkPacket> ok = DecodeOkPacket(p[0]);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->affected_rows, 3u);
  EXPECT_EQ(ok->last_insert_id, 8u);

  std::string err_buffer;
  PacketWriter ew(&err_buffer, 1);
  EncodeExecuteResponse(Error::Make(mysql_errno::kDupEntry, "dup"), 0, 0, &ew);
  p = Payloads(err_buffer);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(static_cast<uint8_t>(p[0][0]), kErrHeader);
}

}  // namespace
}  // namespace tessera::vtgate::mysql
