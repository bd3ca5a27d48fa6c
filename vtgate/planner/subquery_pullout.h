// Subquery pull-out: a subquery that reads sharded tables cannot travel to
// the shards inside the statement around it (each shard would only see its
// own rows). When it does not refer to that statement (it is uncorrelated),
// vtgate runs it first and puts its answer into the statement as a value
// (Pullout primitive): `x = (SELECT ...)`, `x [NOT] IN (SELECT ...)`,
// `[NOT] EXISTS (SELECT ...)`, anywhere in the statement's expressions.
//
// Contract: each pulled subquery is replaced by the bind variable
// :v<bind_count + 1 + k> (k = its position in the result) and moved into the
// result; the statement keeps every other subquery. A subquery counts as
// uncorrelated when every table qualifier its columns use names one of its
// own tables (an unqualified column naming an outer one makes MariaDB answer
// "Unknown column" when the subquery runs alone: an error, never a wrong
// answer). `pull` decides which uncorrelated subqueries to pull.
#pragma once

#include <functional>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/pullout.h"

namespace tessera::vtgate {

struct PulledSubquery {
  sql::ast::StatementPtr query;
  Pullout::Spec spec;
};

Result<std::vector<PulledSubquery>> PullOutSubqueries(
    sql::ast::Statement& stmt, size_t bind_count,
    const std::function<bool(sql::ast::Statement&)>& pull);

}  // namespace tessera::vtgate
