#include "vtgate/mysql/stmt_prepare_ok.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeStmtPrepareOk(const StmtPrepareOk& ok, std::string* out) {
  AppendU8(out, kOkHeader);
  AppendU32(out, ok.statement_id);
  AppendU16(out, ok.column_count);
  AppendU16(out, ok.param_count);
  AppendU8(out, 0);  // filler
  AppendU16(out, ok.warnings);
}

Result<StmtPrepareOk> DecodeStmtPrepareOk(std::string_view payload) {
  WireReader r(payload);
  uint8_t header = 0;
  uint8_t filler = 0;
  StmtPrepareOk ok;
  if (!r.Read(&header) || header != kOkHeader || !r.Read(&ok.statement_id) ||
      !r.Read(&ok.column_count) || !r.Read(&ok.param_count) || !r.Read(&filler) ||
      !r.Read(&ok.warnings)) {
    return Error::Make(mysql_errno::kNetReadError, "Malformed COM_STMT_PREPARE_OK packet");
  }
  return ok;
}

}  // namespace tessera::vtgate::mysql
