// COM_STMT_EXECUTE: statement id, cursor flags, iteration count, then for a
// statement with parameters a NULL bitmap, the new-params-bound flag, the
// parameter types when that flag is set, and the binary values of the
// parameters that are neither NULL nor sent with COM_STMT_SEND_LONG_DATA.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "vtgate/mysql/binary_param.h"

namespace tessera::vtgate::mysql {

namespace cursor_flag {
inline constexpr uint8_t kNoCursor = 0;
inline constexpr uint8_t kReadOnly = 1;
inline constexpr uint8_t kForUpdate = 2;
inline constexpr uint8_t kScrollable = 4;
}  // namespace cursor_flag

// MariaDB clients may name "the statement prepared last" with this id.
inline constexpr uint32_t kLastPreparedStatementId = 0xffffffff;

struct StmtExecuteHeader {
  uint32_t statement_id = 0;
  uint8_t flags = 0;
  uint32_t iteration_count = 0;
  std::string_view params;  // the rest of the payload: the parameter block
};

// Parses the fixed part of a COM_STMT_EXECUTE argument (the payload after
// the command byte).
Result<StmtExecuteHeader> DecodeStmtExecuteHeader(std::string_view argument);

// Decodes the parameter block of a statement with `long_data.size()`
// parameters into one SQL literal per parameter. `types` holds the types
// bound by an earlier execution and is replaced when the block binds new
// ones; a block that binds none before any was bound is an error (1210).
// A parameter with long data takes that value; the block carries none.
Result<std::vector<std::string>> DecodeStmtExecuteParams(
    std::string_view block, std::vector<ParamType>* types,
    const std::vector<std::optional<std::string>>& long_data);

// One parameter as a client sends it: its type and its binary value
// (nullopt for NULL).
struct BinaryParam {
  ParamType type;
  std::optional<std::string> value;
};

// Appends a COM_STMT_EXECUTE payload (command byte included); `bind_types`
// sets the new-params-bound flag. Used by tests and clients.
void EncodeStmtExecute(uint32_t statement_id, uint8_t flags, const std::vector<BinaryParam>& params,
                       bool bind_types, std::string* out);

}  // namespace tessera::vtgate::mysql
