// INSERT ... SELECT whose rows vtgate must place: into a sharded or reference
// table, or from another keyspace or from sharded tables into an unsharded
// one. The SELECT is planned on its own (`plan_select`) and InsertSelect
// routes its rows. Returns a null plan when the statement can run whole on
// one shard (source and target in the same unsharded keyspace).
// A sharded or reference target needs a column list naming the vindex
// column; an auto-increment column the list leaves out is refused.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

using PlanSelect = std::function<Result<std::unique_ptr<Primitive>>(sql::ast::Statement&)>;

Result<std::unique_ptr<Primitive>> PlanInsertSelect(sql::ast::InsertStatement& insert,
                                                    const VSchema& vschema,
                                                    const std::string& default_keyspace,
                                                    size_t bind_count,
                                                    const PlanSelect& plan_select);

}  // namespace tessera::vtgate
