#include "vtgate/planner/limit_clause.h"

#include "vtgate/engine/limit.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate {

Result<std::unique_ptr<Primitive>> LimitOver(std::unique_ptr<Primitive> plan,
                                             const sql::ast::Limit& limit) {
  if (!limit.count) return plan;
  auto count = ValueRefOf(*limit.count);
  std::optional<ValueRef> offset = ValueRef{-1, {VindexValue::Kind::kInteger, "0"}};
  if (limit.offset) offset = ValueRefOf(*limit.offset);
  if (!count || !offset)
    return Error::Make(mysql_errno::kNotSupportedYet, "unsupported: LIMIT that is not a number");
  return std::unique_ptr<Primitive>(std::make_unique<Limit>(std::move(plan), *count, *offset));
}

}  // namespace tessera::vtgate
