#include "vtgate/mysql/prepared_statement.h"

#include "vtgate/mysql/stmt_execute.h"

namespace tessera::vtgate::mysql {

PreparedStatement* PreparedStatements::Add(std::string sql, uint16_t param_count) {
  if (statements_.size() >= max_statements_) return nullptr;
  auto stmt = std::make_unique<PreparedStatement>();
  stmt->id = next_id_++;
  if (next_id_ == kLastPreparedStatementId) next_id_ = 1;
  stmt->sql = std::move(sql);
  stmt->param_count = param_count;
  stmt->long_data.resize(param_count);
  PreparedStatement* raw = stmt.get();
  last_id_ = raw->id;
  statements_[raw->id] = std::move(stmt);
  return raw;
}

PreparedStatement* PreparedStatements::Find(uint32_t id) {
  if (id == kLastPreparedStatementId) id = last_id_;
  auto it = statements_.find(id);
  return it == statements_.end() ? nullptr : it->second.get();
}

void PreparedStatements::Remove(uint32_t id) {
  if (id == kLastPreparedStatementId) id = last_id_;
  statements_.erase(id);
}

void PreparedStatements::Clear() {
  statements_.clear();
  last_id_ = 0;
}

}  // namespace tessera::vtgate::mysql
