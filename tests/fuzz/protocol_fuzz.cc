// Fuzz target for the MySQL protocol decoders of vtgate/mysql: packet
// framing and every command and packet parser a client's bytes reach.
//
// The first input byte picks the decoder, the rest is its input. Checked
// for every input:
// - no crash, hang, leak or undefined behaviour (the sanitizers and
//   libFuzzer's limits);
// - ExtractPacket keeps its contract: a complete payload fits the limit and
//   the bytes it consumed are within the input; kNeedMore asks for more
//   than there is;
// - a decoded command encodes back to the same payload.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fuzz/fuzz_failure.h"
#include "vtgate/mysql/auth_more_data.h"
#include "vtgate/mysql/auth_switch.h"
#include "vtgate/mysql/binary_param.h"
#include "vtgate/mysql/binary_row.h"
#include "vtgate/mysql/change_user.h"
#include "vtgate/mysql/column_definition.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/handshake_response.h"
#include "vtgate/mysql/handshake_v10.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/packet_framing.h"
#include "vtgate/mysql/stmt_commands.h"
#include "vtgate/mysql/stmt_execute.h"
#include "vtgate/mysql/stmt_prepare_ok.h"
#include "vtgate/mysql/text_row.h"

namespace tessera::fuzz {
namespace {

namespace mysql = vtgate::mysql;

// Field types a result row or a parameter may have, for the row decoders.
constexpr FieldType kTypes[] = {
    FieldType::kTiny,    FieldType::kShort,     FieldType::kLong,      FieldType::kFloat,
    FieldType::kDouble,  FieldType::kNull,      FieldType::kTimestamp, FieldType::kLongLong,
    FieldType::kInt24,   FieldType::kDate,      FieldType::kTime,      FieldType::kDateTime,
    FieldType::kYear,    FieldType::kVarchar,   FieldType::kBit,       FieldType::kNewDecimal,
    FieldType::kBlob,    FieldType::kVarString, FieldType::kString,    FieldType::kJson,
    FieldType::kDecimal, FieldType::kEnum,      FieldType::kGeometry,  FieldType::kLongBlob};

// Takes a count (0..max) and that many types from the front of `input`.
std::vector<FieldType> TakeTypes(std::string_view& input, size_t max) {
  std::vector<FieldType> types;
  if (input.empty()) return types;
  const size_t n = static_cast<unsigned char>(input[0]) % (max + 1);
  input.remove_prefix(1);
  for (size_t i = 0; i < n && !input.empty(); ++i) {
    types.push_back(kTypes[static_cast<unsigned char>(input[0]) % std::size(kTypes)]);
    input.remove_prefix(1);
  }
  return types;
}

void Framing(std::string_view input) {
  if (input.size() < 2) return;
  const auto seq = static_cast<uint8_t>(input[0]);
  const size_t max_payload = 1 + static_cast<unsigned char>(input[1]) * 97;
  input.remove_prefix(2);
  std::string scratch;
  mysql::Frame frame;
  // Drain the input packet by packet, as a connection reads it.
  uint8_t expected = seq;
  while (!input.empty()) {
    const mysql::FrameStatus status =
        mysql::ExtractPacket(input, expected, max_payload, &scratch, &frame);
    if (status == mysql::FrameStatus::kComplete) {
      if (frame.payload.size() > max_payload || frame.consumed == 0 ||
          frame.consumed > input.size()) {
        FuzzFailure("ExtractPacket: a complete payload breaks its bounds",
                    {{"input", input}, {"payload", frame.payload}});
      }
      input.remove_prefix(frame.consumed);
      expected = frame.next_seq;
      continue;
    }
    if (status == mysql::FrameStatus::kNeedMore && frame.needed <= input.size()) {
      FuzzFailure("ExtractPacket: kNeedMore with enough input", {{"input", input}});
    }
    return;
  }
}

void Command(std::string_view input) {
  Result<mysql::Command> command = mysql::DecodeCommand(input);
  if (!command.ok()) return;
  std::string again;
  mysql::EncodeCommand(command->code, command->argument, &again);
  if (again != input) {
    FuzzFailure("DecodeCommand/EncodeCommand do not round-trip",
                {{"input", input}, {"again", again}});
  }
}

void ExecuteParams(std::string_view input) {
  Result<mysql::StmtExecuteHeader> header = mysql::DecodeStmtExecuteHeader(input);
  if (!header.ok()) return;
  std::string_view rest = header->params;
  // The statement's parameter count and which of them got long data come
  // from the statement id's bytes.
  const size_t count = header->statement_id % 9;
  std::vector<std::optional<std::string>> long_data(count);
  for (size_t i = 0; i < count; ++i) {
    if (header->statement_id & (1u << (8 + i))) long_data[i] = "long";
  }
  std::vector<mysql::ParamType> types;
  if (header->flags & 0x80) {
    for (size_t i = 0; i < count; ++i)
      types.push_back({kTypes[(header->iteration_count >> i) % std::size(kTypes)], false});
  }
  (void)mysql::DecodeStmtExecuteParams(rest, &types, long_data);
  // A second execution with the types of the first, as a client may send.
  (void)mysql::DecodeStmtExecuteParams(rest, &types, long_data);
}

void Rows(std::string_view input, bool binary) {
  std::vector<FieldType> types = TakeTypes(input, 12);
  std::vector<Field> fields;
  for (FieldType t : types) {
    Field f;
    f.type = t;
    fields.push_back(f);
  }
  if (binary) {
    (void)mysql::DecodeBinaryRow(input, fields);
  } else {
    (void)mysql::DecodeTextRow(input, fields.size());
  }
}

}  // namespace
}  // namespace tessera::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tessera;
  namespace mysql = vtgate::mysql;
  if (size == 0) return 0;
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const uint32_t capabilities =
      input.size() >= 4 ? static_cast<uint32_t>(static_cast<unsigned char>(input[0])) |
                              static_cast<uint32_t>(static_cast<unsigned char>(input[1])) << 8 |
                              static_cast<uint32_t>(static_cast<unsigned char>(input[2])) << 16 |
                              static_cast<uint32_t>(static_cast<unsigned char>(input[3])) << 24
                        : 0;
  switch (data[0] % 18) {
    case 0:
      fuzz::Framing(input);
      break;
    case 1:
      fuzz::Command(input);
      break;
    case 2:
      (void)mysql::DecodeHandshakeResponse(input);
      (void)mysql::IsSslRequest(input);
      break;
    case 3:
      (void)mysql::DecodeChangeUser(input.size() >= 4 ? input.substr(4) : input, capabilities);
      break;
    case 4:
      fuzz::ExecuteParams(input);
      break;
    case 5:
      (void)mysql::DecodeStmtId(input);
      break;
    case 6:
      (void)mysql::DecodeStmtLongData(input);
      break;
    case 7:
      (void)mysql::DecodeStmtFetch(input);
      break;
    case 8:
      (void)mysql::DecodeAuthMoreData(input);
      break;
    case 9:
      (void)mysql::DecodeAuthSwitchRequest(input);
      break;
    case 10:
      (void)mysql::DecodeColumnDefinition(input);
      break;
    case 11:
      (void)mysql::DecodeOkPacket(input);
      break;
    case 12:
      (void)mysql::DecodeErrPacket(input);
      break;
    case 13:
      (void)mysql::DecodeEofPacket(input);
      break;
    case 14:
      (void)mysql::DecodeHandshakeV10(input);
      break;
    case 15:
      (void)mysql::DecodeStmtPrepareOk(input);
      break;
    case 16:
      fuzz::Rows(input, /*binary=*/true);
      break;
    case 17:
      fuzz::Rows(input, /*binary=*/false);
      break;
  }
  return 0;
}
