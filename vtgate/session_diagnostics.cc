// Session: SHOW WARNINGS, SHOW ERRORS and SHOW COUNT(*) WARNINGS / ERRORS.
// vtgate answers them from the diagnostics of the session's last statement:
// the warnings every shard reported for it (each tablet reads SHOW WARNINGS
// on the same MariaDB connection right after the statement), or the error
// it ended with. Sent to a shard, they would describe whatever ran last on
// a pooled connection, possibly another client's statement.
#include <algorithm>
#include <charconv>
#include <iterator>

#include "vtgate/session.h"

namespace tessera::vtgate {
namespace asio = boost::asio;
namespace ast = sql::ast;

namespace {

Field DiagnosticsField(const char* name, FieldType type, uint32_t length) {
  Field f;
  f.name = f.org_name = name;
  f.type = type;
  f.column_length = length;
  return f;
}

// A LIMIT operand: a non-negative integer literal.
std::optional<uint64_t> LimitValue(const ast::ExprPtr& e) {
  if (!e || e->kind() != ast::ExprKind::kLiteral) return std::nullopt;
  const std::string& text = e->As<ast::Literal>().text;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

void Session::RecordDiagnostics(Result<ResultSet>& result) {
  // A plain function: GCC 12 mishandles such temporaries inside coroutines.
  std::vector<Warning> warnings = cursor_.TakeWarnings();
  if (!result.ok()) {
    last_warnings_.assign(1, Warning{"Error", result.error().code, result.error().message});
    last_warning_count_ = 1;
    return;
  }
  // Warnings vtgate itself raised while finishing the result (GROUP_CONCAT cut).
  warnings.insert(warnings.end(), std::make_move_iterator(result->warning_list.begin()),
                  std::make_move_iterator(result->warning_list.end()));
  result->warning_list.clear();
  if (warnings.empty() && result->warnings == 0) {
    if (!keeps_diagnostics_) {
      last_warnings_.clear();
      last_warning_count_ = 0;
    }
    return;
  }
  // A scatter's count is the sum of its shards'; the list has them all.
  if (warnings.size() > result->warnings)
    result->warnings = static_cast<uint16_t>(std::min<size_t>(warnings.size(), 65535));
  last_warning_count_ = result->warnings;
  last_warnings_ = std::move(warnings);
}

bool Session::KeepsDiagnostics(const ast::Statement& stmt) {
  switch (stmt.kind()) {
    case ast::StatementKind::kSet:
    case ast::StatementKind::kUse:
    case ast::StatementKind::kBegin:
    case ast::StatementKind::kCommit:
    case ast::StatementKind::kRollback:
    case ast::StatementKind::kPrepare:
    case ast::StatementKind::kDeallocate:
      return true;
    case ast::StatementKind::kSelect:
      return stmt.As<ast::SelectStatement>().from.empty();
    case ast::StatementKind::kShow:
      switch (stmt.As<ast::ShowStatement>().what) {
        case ast::ShowKind::kWarnings:
        case ast::ShowKind::kErrors:
        case ast::ShowKind::kWarningCount:
        case ast::ShowKind::kErrorCount:
          return true;
        default:
          return false;
      }
    default:
      return false;
  }
}

uint64_t Session::DiagnosticsCount(bool errors_only) const {
  if (!errors_only) return std::max<uint64_t>(last_warning_count_, last_warnings_.size());
  return static_cast<uint64_t>(std::count_if(last_warnings_.begin(), last_warnings_.end(),
                                             [](const Warning& w) { return w.level == "Error"; }));
}

asio::awaitable<Result<ResultSet>> Session::ShowDiagnostics(const ast::ShowStatement& show) {
  const bool errors_only =
      show.what == ast::ShowKind::kErrors || show.what == ast::ShowKind::kErrorCount;
  std::vector<const Warning*> listed;
  for (const Warning& w : last_warnings_) {
    if (!errors_only || w.level == "Error") listed.push_back(&w);
  }
  ResultSet rs;
  if (show.what == ast::ShowKind::kWarningCount || show.what == ast::ShowKind::kErrorCount) {
    Field f = DiagnosticsField(errors_only ? "@@session.error_count" : "@@session.warning_count",
                               FieldType::kLongLong, 21);
    rs.fields.push_back(std::move(f));
    rs.rows.push_back(Row{Value(std::to_string(DiagnosticsCount(errors_only)))});
    co_return rs;
  }
  rs.fields = {DiagnosticsField("Level", FieldType::kVarString, 7),
               DiagnosticsField("Code", FieldType::kLong, 4),
               DiagnosticsField("Message", FieldType::kVarString, 512)};
  uint64_t offset = 0;
  uint64_t count = listed.size();
  if (show.limit.count) {
    auto c = LimitValue(show.limit.count);
    auto o = show.limit.offset ? LimitValue(show.limit.offset) : std::optional<uint64_t>(0);
    if (!c || !o) co_return Error::Make(mysql_errno::kParse, "LIMIT takes integer literals here");
    count = *c;
    offset = *o;
  }
  for (uint64_t i = offset; i < listed.size() && i - offset < count; ++i) {
    rs.rows.push_back(Row{Value(listed[i]->level), Value(std::to_string(listed[i]->code)),
                          Value(listed[i]->message)});
  }
  co_return rs;
}

}  // namespace tessera::vtgate
