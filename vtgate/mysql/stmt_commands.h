// Arguments of the small prepared-statement commands (the payload after the
// command byte): COM_STMT_CLOSE and COM_STMT_RESET carry a statement id,
// COM_STMT_SEND_LONG_DATA a statement id, a parameter index and a chunk of
// the parameter's value, COM_STMT_FETCH a statement id and a row count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

// COM_STMT_CLOSE, COM_STMT_RESET. Trailing bytes are ignored.
Result<uint32_t> DecodeStmtId(std::string_view argument);

struct StmtLongData {
  uint32_t statement_id = 0;
  uint16_t param_id = 0;
  std::string_view data;  // points into the argument
};
Result<StmtLongData> DecodeStmtLongData(std::string_view argument);

struct StmtFetchRequest {
  uint32_t statement_id = 0;
  uint32_t rows = 0;
};
Result<StmtFetchRequest> DecodeStmtFetch(std::string_view argument);

// Appends the argument of COM_STMT_SEND_LONG_DATA (used by tests and clients).
void EncodeStmtLongData(const StmtLongData& data, std::string* out);

}  // namespace tessera::vtgate::mysql
