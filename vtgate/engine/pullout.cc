#include "vtgate/engine/pullout.h"

#include <fmt/format.h>

#include "vtgate/engine/cell_bind_value.h"

namespace tessera::vtgate {

namespace {

BindValue Condition(bool value) {
  std::string text = value ? "TRUE" : "FALSE";
  return MakeBindValue(VindexValue::Kind::kOther, text, text);
}

}  // namespace

Result<BindValue> Pullout::ValueOf(const ResultSet& answer, const Spec& spec) {
  if (spec.kind == Kind::kExists) return Condition(!answer.rows.empty());
  if (answer.fields.size() != 1)
    return Error::Make(mysql_errno::kOperandColumns, "Operand should contain 1 column(s)");
  if (spec.kind == Kind::kValue) {
    if (answer.rows.size() > 1)
      return Error::Make(mysql_errno::kSubqueryNo1Row, "Subquery returns more than 1 row");
    if (answer.rows.empty()) return BindValueOfCell(answer.fields[0], std::nullopt);
    return BindValueOfCell(answer.fields[0], answer.rows[0][0]);
  }
  if (answer.rows.empty()) return Condition(spec.negated);
  std::string list;
  for (const auto& row : answer.rows) {
    if (!list.empty()) list += ", ";
    list += BindValueOfCell(answer.fields[0], row[0]).sql;
  }
  std::string text = "(" + spec.operand + (spec.negated ? " NOT IN (" : " IN (") + list + "))";
  return MakeBindValue(VindexValue::Kind::kOther, text, text);
}

boost::asio::awaitable<Result<ResultSet>> Pullout::Execute(VCursor& cursor,
                                                           const BindValues& binds) const {
  auto answer = co_await subquery_->Execute(cursor, binds);
  if (!answer.ok()) co_return answer.error();
  auto value = ValueOf(*answer, spec_);
  if (!value.ok()) co_return value.error();
  BindValues extended = binds;
  extended.resize(spec_.bind_index);
  extended.push_back(std::move(value).value());
  co_return co_await outer_->Execute(cursor, extended);
}

std::string Pullout::Describe(int indent) const {
  const char* kind = spec_.kind == Kind::kValue ? "value"
                     : spec_.kind == Kind::kIn  ? (spec_.negated ? "not_in" : "in")
                                                : "exists";
  return fmt::format("{}Pullout {} :v{}\n{}{}", std::string(static_cast<size_t>(indent), ' '), kind,
                     spec_.bind_index + 1, subquery_->Describe(indent + 2),
                     outer_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
