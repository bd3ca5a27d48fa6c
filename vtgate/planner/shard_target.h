// ShardTarget: plans the statements of a session that targets one shard
// (`USE keyspace:shard`, as in Vitess). A statement goes to that shard as
// written, with keyspace qualifiers dropped, past vindexes, sequences and
// lookup tables: as if the client were connected to the shard's MariaDB.
//
// Contract: `target` is "keyspace:shard"; an unknown keyspace or shard is
// 1049. Reads and writes (SELECT, UNION, INSERT, REPLACE, UPDATE, DELETE)
// and queries of system schemas are planned; DDL (which goes through the
// schema workflow) and statements naming tables of another keyspace are
// refused with 1235.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

// Splits "keyspace:shard"; false when `target` names no shard.
bool SplitShardTarget(std::string_view target, std::string_view& keyspace, std::string_view& shard);

Result<std::unique_ptr<Primitive>> PlanShardTarget(sql::ast::Statement& stmt,
                                                   const VSchema& vschema, std::string_view target,
                                                   size_t bind_count);

}  // namespace tessera::vtgate
