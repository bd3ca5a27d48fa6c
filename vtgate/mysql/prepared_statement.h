// The prepared statements of one client connection, as the protocol layer
// keeps them: the SQL text, the parameter types bound by the last execution
// that sent them, and values collected by COM_STMT_SEND_LONG_DATA until the
// next execution or reset. Ids are per connection, counted from 1 (an id is
// reused only after 2^32 - 2 prepares).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/mysql/binary_param.h"

namespace tessera::vtgate::mysql {

struct PreparedStatement {
  uint32_t id = 0;
  std::string sql;
  uint16_t param_count = 0;
  std::vector<ParamType> param_types;  // empty until an execution binds types
  // One entry per parameter; set while long data for it is pending.
  std::vector<std::optional<std::string>> long_data;
  size_t long_data_bytes = 0;
  // A COM_STMT_SEND_LONG_DATA that failed (it has no answer of its own):
  // reported by the next execution.
  std::optional<Error> long_data_error;

  // An open cursor: the whole result of the execution that asked for it,
  // the columns as sent, and the next row COM_STMT_FETCH sends.
  std::optional<ResultSet> cursor;
  std::vector<Field> cursor_columns;
  size_t cursor_next = 0;

  void CloseCursor() {
    cursor.reset();
    cursor_columns.clear();
    cursor_next = 0;
  }

  void ResetLongData() {
    for (auto& d : long_data) d.reset();
    long_data_bytes = 0;
    long_data_error.reset();
  }
};

class PreparedStatements {
 public:
  explicit PreparedStatements(size_t max_statements) : max_statements_(max_statements) {}

  // Registers a statement; nullptr when the connection holds the maximum.
  PreparedStatement* Add(std::string sql, uint16_t param_count);
  // The statement with `id`; 0xffffffff names the one added last. nullptr
  // when there is none.
  PreparedStatement* Find(uint32_t id);
  void Remove(uint32_t id);
  // Forgets every statement; ids keep counting, so an old id stays unknown.
  void Clear();
  size_t size() const { return statements_.size(); }
  size_t max_statements() const { return max_statements_; }

 private:
  size_t max_statements_;
  uint32_t next_id_ = 1;
  uint32_t last_id_ = 0;
  std::unordered_map<uint32_t, std::unique_ptr<PreparedStatement>> statements_;
};

}  // namespace tessera::vtgate::mysql
