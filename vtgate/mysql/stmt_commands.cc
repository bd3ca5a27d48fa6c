#include "vtgate/mysql/stmt_commands.h"

#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

Error Malformed(std::string_view command) {
  return Error::Make(mysql_errno::kNetReadError, "Malformed " + std::string(command) + " packet");
}

}  // namespace

Result<uint32_t> DecodeStmtId(std::string_view argument) {
  WireReader r(argument);
  uint32_t id = 0;
  if (!r.Read(&id)) return Malformed("statement");
  return id;
}

Result<StmtLongData> DecodeStmtLongData(std::string_view argument) {
  WireReader r(argument);
  StmtLongData d;
  if (!r.Read(&d.statement_id) || !r.Read(&d.param_id)) return Malformed("COM_STMT_SEND_LONG_DATA");
  d.data = r.ReadRest();
  return d;
}

Result<StmtFetchRequest> DecodeStmtFetch(std::string_view argument) {
  WireReader r(argument);
  StmtFetchRequest f;
  if (!r.Read(&f.statement_id) || !r.Read(&f.rows)) return Malformed("COM_STMT_FETCH");
  return f;
}

void EncodeStmtLongData(const StmtLongData& d, std::string* out) {
  AppendU32(out, d.statement_id);
  AppendU16(out, d.param_id);
  out->append(d.data);
}

}  // namespace tessera::vtgate::mysql
