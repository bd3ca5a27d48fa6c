// Planner: turns a parsed statement that touches tables (SELECT, UNION,
// INSERT, REPLACE, UPDATE, DELETE, DDL) into an executable primitive tree,
// deciding which shards each part must reach. Statements vtgate answers by
// itself (USE, BEGIN, SET, SHOW DATABASES, ...) are the executor's business.
//
// Contract: a statement the planner cannot run correctly on the shards is
// refused (1235 naming the construct), never planned into a wrong answer.
// A SELECT or UNION it cannot split across shards runs whole on one shard
// over copies of the rows it reads, when that means the same
// (materialized_query.h); it is refused when it does not.
// The planner is stateless apart from the VSchema it reads and the
// session's connection id; it may rewrite
// the statement it is given (it owns it for the duration of Build).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

class Planner {
 public:
  // `connection_id`: what CONNECTION_ID() in a statement becomes (the
  // client connection's id; a plan of such a statement must not be cached).
  // `max_memory_rows`: rows one query may hold in vtgate memory to sort,
  // aggregate, deduplicate or join; beyond it the query fails (ERR 1105).
  explicit Planner(const VSchema& vschema, uint32_t connection_id = 0,
                   size_t max_memory_rows = 100000)
      : vschema_(vschema), connection_id_(connection_id), max_memory_rows_(max_memory_rows) {}

  // `sql` is the statement's original text (sent unchanged when no rewrite
  // is needed); `default_keyspace` is the session's current keyspace ("" if
  // none), or "keyspace:shard" for a session that targets one shard
  // (shard_target.h).
  // `bind_count` > 0: the statement comes from normalized text whose
  // `:v1`..`:v<bind_count>` are filled at run time from BindValues; the plan's
  // texts are then QueryTemplates with a hole per bind variable. A `:vN`
  // beyond bind_count is refused (1235). `last_insert_id` is the session's
  // value, which LAST_INSERT_ID() in the statement becomes: a plan of such a
  // statement must not be cached.
  Result<std::unique_ptr<Primitive>> Build(sql::ast::Statement& stmt, std::string_view sql,
                                           const std::string& default_keyspace,
                                           size_t bind_count = 0,
                                           uint64_t last_insert_id = 0) const;

 private:
  // Build without the last resort of running the statement over copied rows.
  Result<std::unique_ptr<Primitive>> BuildSplit(sql::ast::Statement& stmt, std::string_view sql,
                                                const std::string& default_keyspace,
                                                size_t bind_count, uint64_t last_insert_id) const;

  const VSchema& vschema_;
  uint32_t connection_id_;
  size_t max_memory_rows_;
};

}  // namespace tessera::vtgate
