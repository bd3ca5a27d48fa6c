#include "vtgate/mysql/stmt_execute.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

Error Malformed() {
  return Error::Make(mysql_errno::kNetReadError, "Malformed COM_STMT_EXECUTE packet");
}

}  // namespace

Result<StmtExecuteHeader> DecodeStmtExecuteHeader(std::string_view argument) {
  WireReader r(argument);
  StmtExecuteHeader h;
  if (!r.Read(&h.statement_id) || !r.Read(&h.flags) || !r.Read(&h.iteration_count)) {
    return Malformed();
  }
  h.params = r.ReadRest();
  return h;
}

Result<std::vector<std::string>> DecodeStmtExecuteParams(
    std::string_view block, std::vector<ParamType>* types,
    const std::vector<std::optional<std::string>>& long_data) {
  const size_t count = long_data.size();
  std::vector<std::string> literals;
  if (count == 0) return literals;
  WireReader r(block);
  std::string_view null_bitmap;
  uint8_t bound = 0;
  if (!r.ReadBytes((count + 7) / 8, &null_bitmap) || !r.Read(&bound)) return Malformed();
  if (bound != 0) {
    std::vector<ParamType> fresh(count);
    for (ParamType& t : fresh) {
      uint8_t type = 0;
      uint8_t flags = 0;
      if (!r.Read(&type) || !r.Read(&flags)) return Malformed();
      t.type = static_cast<FieldType>(type);
      t.is_unsigned = (flags & kParamUnsignedFlag) != 0;
    }
    *types = std::move(fresh);
  } else if (types->size() != count) {
    return Error::Make(1210, "Incorrect arguments to mysqld_stmt_execute");
  }
  literals.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (long_data[i]) {
      literals.push_back(LongDataLiteral(*long_data[i], (*types)[i]));
      continue;
    }
    bool is_null = (static_cast<uint8_t>(null_bitmap[i / 8]) >> (i % 8)) & 1;
    if (is_null) {
      literals.emplace_back("NULL");
      continue;
    }
    Result<std::string> literal = ReadParamLiteral(&r, (*types)[i]);
    if (!literal.ok()) return literal.error();
    literals.push_back(std::move(literal).value());
  }
  return literals;
}

void EncodeStmtExecute(uint32_t statement_id, uint8_t flags, const std::vector<BinaryParam>& params,
                       bool bind_types, std::string* out) {
  AppendU8(out, static_cast<uint8_t>(CommandCode::kStmtExecute));
  AppendU32(out, statement_id);
  AppendU8(out, flags);
  AppendU32(out, 1);
  if (params.empty()) return;
  std::string bitmap((params.size() + 7) / 8, '\0');
  for (size_t i = 0; i < params.size(); ++i) {
    if (!params[i].value) bitmap[i / 8] = static_cast<char>(bitmap[i / 8] | (1 << (i % 8)));
  }
  out->append(bitmap);
  AppendU8(out, bind_types ? 1 : 0);
  if (bind_types) {
    for (const BinaryParam& p : params) {
      AppendU8(out, static_cast<uint8_t>(p.type.type));
      AppendU8(out, p.type.is_unsigned ? kParamUnsignedFlag : 0);
    }
  }
  for (const BinaryParam& p : params) {
    if (p.value) out->append(*p.value);
  }
}

}  // namespace tessera::vtgate::mysql
