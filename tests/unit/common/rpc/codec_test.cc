#include <string>

#include <gtest/gtest.h>

#include "common/rpc/execute_codec.h"
#include "common/rpc/frame.h"
#include "common/rpc/health_codec.h"
#include "common/rpc/transaction_codec.h"

namespace tessera::rpc {
namespace {

// Splits a frame produced by AppendFrame into its header and payload.
struct SplitFrame {
  FrameHeader header;
  std::string payload;
};

SplitFrame Split(const std::string& frame) {
  auto header = DecodeFrameHeader(frame);
  EXPECT_TRUE(header.ok());
  EXPECT_EQ(frame.size(), kFrameHeaderSize + header->payload_length);
  return {header.value(), frame.substr(kFrameHeaderSize)};
}

ResultSet SampleResultSet() {
  ResultSet rs;
  Field id{"id",
           "id",
           "t",
           "t",
           "db",
           FieldType::kLongLong,
           field_flag::kNotNull | field_flag::kPrimaryKey,
           kCharsetBinary,
           20,
           0};
  Field name{"n", "name", "t1", "t", "db", FieldType::kVarString, 0, kCharsetUtf8mb4GeneralCi,
             400, 0};
  Field price{"", "", "", "", "", FieldType::kNewDecimal, field_flag::kNum, kCharsetBinary, 12, 2};
  rs.fields = {id, name, price};
  rs.rows.push_back({"1", "alice", "1.50"});
  rs.rows.push_back({"2", std::nullopt, std::string()});
  rs.rows.push_back({"3", std::string("\0\xff\x01 bin", 7), std::nullopt});
  rs.rows.push_back({"4", std::string(100000, 'x'), "9.99"});
  rs.affected_rows = 0;
  rs.last_insert_id = 42;
  rs.warnings = 3;
  rs.info = "Rows matched: 1";
  rs.warning_list = {{"Warning", 1292, "Truncated incorrect INTEGER value: 'abc'"},
                     {"Note", 1003, std::string("\0bin", 4)},
                     {"Error", 1366, ""}};
  return rs;
}

// Every strict prefix of a payload must fail to decode, and so must a payload
// with a trailing byte.
template <class Decode>
void ExpectTruncationsFail(const std::string& payload, Decode decode) {
  for (size_t len = 0; len < payload.size(); ++len) {
    EXPECT_FALSE(decode(std::string_view(payload.data(), len)).ok()) << "prefix " << len;
  }
  EXPECT_FALSE(decode(payload + '\0').ok());
}

TEST(FrameHeader, RoundTrip) {
  std::string out;
  AppendFrame(out, 77, CommitRequest{5});
  auto header = DecodeFrameHeader(out);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->request_id, 77u);
  EXPECT_EQ(header->type, MessageType::kCommitRequest);
  EXPECT_EQ(header->payload_length, 8u);
}

TEST(FrameHeader, RejectsOversizedLengthAndUnknownType) {
  std::string out;
  AppendFrame(out, 1, ExecuteRequest{"db", "select 1"});
  auto limited = DecodeFrameHeader(out, 4);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, 1153);

  std::string huge = "\xff\xff\xff\xff\x01\x00\x00\x00\x01";
  EXPECT_FALSE(DecodeFrameHeader(huge).ok());

  std::string bad_type = out;
  bad_type[8] = 99;
  EXPECT_FALSE(DecodeFrameHeader(bad_type).ok());
  EXPECT_FALSE(DecodeFrameHeader(out.substr(0, 8)).ok());
}

TEST(ExecuteRequestCodec, RoundTripAndTruncation) {
  ExecuteRequest req{
      "vt_customer", std::string("select '\0\xfe'", 12), 9, true, 1000, 250, "'tsr.1','2'", true};
  std::string out;
  AppendFrame(out, 3, req);
  auto frame = Split(out);
  EXPECT_EQ(frame.header.type, MessageType::kExecuteRequest);
  auto decoded = DecodeExecuteRequest(frame.payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value(), req);
  ExpectTruncationsFail(frame.payload, DecodeExecuteRequest);

  // A bool byte other than 0 or 1 is corrupt.
  std::string corrupt = frame.payload;
  corrupt[4 + 11 + 4 + 12 + 8] = 7;
  EXPECT_FALSE(DecodeExecuteRequest(corrupt).ok());
}

TEST(ExecuteRequestCodec, EmptyStrings) {
  std::string out;
  AppendFrame(out, 0, ExecuteRequest{});
  auto decoded = DecodeExecuteRequest(Split(out).payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value(), ExecuteRequest{});
}

TEST(ExecuteResponseCodec, ResultSetRoundTrip) {
  ExecuteResponse resp{SampleResultSet(), 12};
  std::string out;
  AppendFrame(out, 4, resp);
  auto frame = Split(out);
  EXPECT_EQ(frame.header.type, MessageType::kExecuteResponse);
  auto decoded = DecodeExecuteResponse(frame.payload);
  ASSERT_TRUE(decoded.ok());
  ASSERT_TRUE(decoded->result.ok());
  EXPECT_EQ(decoded->result.value(), SampleResultSet());
  EXPECT_FALSE(decoded->result.value().rows[1][1].has_value());
  EXPECT_TRUE(decoded->result.value().rows[1][2].has_value());
  EXPECT_EQ(decoded->transaction_id, 12u);
}

TEST(ExecuteResponseCodec, ResultSetTruncationAndCorruption) {
  ResultSet small;
  small.fields.push_back(Field{"a", "a", "t", "t", "d", FieldType::kLong, 0, 63, 11, 0});
  small.rows.push_back({"1"});
  small.rows.push_back({std::nullopt});
  small.info = "x";
  std::string out;
  AppendFrame(out, 4, ExecuteResponse{small, 0});
  std::string payload = Split(out).payload;
  ExpectTruncationsFail(payload, DecodeExecuteResponse);

  // Huge field and row counts must fail without allocating.
  std::string bad_fields = payload;
  bad_fields.replace(1, 4, "\xff\xff\xff\x7f");
  EXPECT_FALSE(DecodeExecuteResponse(bad_fields).ok());
  size_t rows_at = 1 + 4 + (5 * 4 + 5) + 5 + 2 + 2 + 4 + 1;
  std::string bad_rows = payload;
  bad_rows.replace(rows_at, 8, "\xff\xff\xff\xff\xff\xff\xff\x7f");
  EXPECT_FALSE(DecodeExecuteResponse(bad_rows).ok());
  // A cell length past the end.
  std::string bad_cell = payload;
  bad_cell.replace(rows_at + 8, 4, "\x00\x00\x00\x70", 4);
  EXPECT_FALSE(DecodeExecuteResponse(bad_cell).ok());
}

TEST(ExecuteResponseCodec, NoFieldsOkPacket) {
  ResultSet ok;
  ok.affected_rows = 5;
  ok.last_insert_id = 1ull << 40;
  std::string out;
  AppendFrame(out, 4, ExecuteResponse{ok, 0});
  auto decoded = DecodeExecuteResponse(Split(out).payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->result.value(), ok);
  EXPECT_FALSE(decoded->result.value().has_rows());
}

TEST(ExecuteResponseCodec, ErrorRoundTripAndTruncation) {
  ExecuteResponse resp{Error{1062, "23000", "Duplicate entry '1' for key 'PRIMARY'"}, 3};
  std::string out;
  AppendFrame(out, 5, resp);
  std::string payload = Split(out).payload;
  auto decoded = DecodeExecuteResponse(payload);
  ASSERT_TRUE(decoded.ok());
  ASSERT_FALSE(decoded->result.ok());
  EXPECT_EQ(decoded->result.error().code, 1062);
  EXPECT_EQ(decoded->result.error().sql_state, "23000");
  EXPECT_EQ(decoded->result.error().message, "Duplicate entry '1' for key 'PRIMARY'");
  EXPECT_EQ(decoded->transaction_id, 3u);
  ExpectTruncationsFail(payload, DecodeExecuteResponse);
}

TEST(TransactionCodec, RoundTripAndTruncation) {
  std::string out;
  AppendFrame(out, 1, CommitRequest{0xfedcba9876543210ull});
  auto commit = Split(out);
  EXPECT_EQ(commit.header.type, MessageType::kCommitRequest);
  ASSERT_TRUE(DecodeCommitRequest(commit.payload).ok());
  EXPECT_EQ(DecodeCommitRequest(commit.payload)->transaction_id, 0xfedcba9876543210ull);
  ExpectTruncationsFail(commit.payload, DecodeCommitRequest);

  out.clear();
  AppendFrame(out, 2, RollbackRequest{17});
  auto rollback = Split(out);
  EXPECT_EQ(rollback.header.type, MessageType::kRollbackRequest);
  EXPECT_EQ(DecodeRollbackRequest(rollback.payload)->transaction_id, 17u);
  ExpectTruncationsFail(rollback.payload, DecodeRollbackRequest);
}

TEST(TransactionCodec, StatusResponse) {
  std::string out;
  AppendFrame(out, 1, StatusResponse{});
  auto ok = DecodeStatusResponse(Split(out).payload);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->status.ok());

  out.clear();
  AppendFrame(out, 1, StatusResponse{Error::Internal("no transaction 9")});
  std::string payload = Split(out).payload;
  auto failed = DecodeStatusResponse(payload);
  ASSERT_TRUE(failed.ok());
  ASSERT_FALSE(failed->status.ok());
  EXPECT_EQ(failed->status.error().code, 1105);
  EXPECT_EQ(failed->status.error().message, "no transaction 9");
  ExpectTruncationsFail(payload, DecodeStatusResponse);
}

TEST(HealthCodec, RoundTripAndTruncation) {
  std::string out;
  AppendFrame(out, 8, HealthRequest{});
  auto req = Split(out);
  EXPECT_EQ(req.header.type, MessageType::kHealthRequest);
  EXPECT_TRUE(DecodeHealthRequest(req.payload).ok());
  EXPECT_FALSE(DecodeHealthRequest("x").ok());

  HealthResponse resp{true, "serving", 123456789, 4};
  out.clear();
  AppendFrame(out, 8, resp);
  auto frame = Split(out);
  auto decoded = DecodeHealthResponse(frame.payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value(), resp);
  ExpectTruncationsFail(frame.payload, DecodeHealthResponse);
}

}  // namespace
}  // namespace tessera::rpc
