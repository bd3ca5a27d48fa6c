// COM_STMT_PREPARE_OK: the first packet of a successful prepare (statement
// id, column count, parameter count, warnings). Parameter definitions and
// column definitions follow it; see response_encoder.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct StmtPrepareOk {
  uint32_t statement_id = 0;
  uint16_t column_count = 0;
  uint16_t param_count = 0;
  uint16_t warnings = 0;

  bool operator==(const StmtPrepareOk&) const = default;
};

void EncodeStmtPrepareOk(const StmtPrepareOk& ok, std::string* out);
Result<StmtPrepareOk> DecodeStmtPrepareOk(std::string_view payload);

}  // namespace tessera::vtgate::mysql
