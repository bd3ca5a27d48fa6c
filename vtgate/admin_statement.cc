#include "vtgate/admin_statement.h"

#include <cctype>

#include "common/ascii.h"
#include "common/word_scanner.h"

namespace tessera::vtgate {

AdminParse ParseAdminStatement(std::string_view sql) {
  WordScanner s(sql);
  std::string first = s.Word();
  if (first != "show" && first != "alter" && first != "revert" && first != "vexplain") return {};
  std::string second = s.Word();
  AdminParse out;
  if (first == "vexplain") {
    if (second != "plan") {
      out.error = "expected VEXPLAIN PLAN <statement>";
      return out;
    }
    std::string query(s.Rest());
    if (query.empty()) {
      out.error = "VEXPLAIN PLAN needs a statement to explain";
      return out;
    }
    out.statement = AdminStatement{AdminStatement::Kind::kVexplainPlan, "", "", std::move(query)};
    return out;
  }
  if (first == "show") {
    std::optional<AdminStatement::Kind> kind;
    if (second == "keyspaces") kind = AdminStatement::Kind::kShowKeyspaces;
    if (second == "shards") kind = AdminStatement::Kind::kShowShards;
    if (second == "tablets") kind = AdminStatement::Kind::kShowTablets;
    if (second == "vschema") {
      if (s.Word() != "tables") {
        out.error = "expected SHOW VSCHEMA TABLES";
        return out;
      }
      kind = AdminStatement::Kind::kShowVschemaTables;
    }
    if (kind) {
      if (!s.AtEnd())
        out.error = "SHOW " + AsciiUpper(second) + " takes no arguments";
      else
        out.statement = AdminStatement{*kind, "", "", ""};
      return out;
    }
  }
  if (first == "show" && second == "branches") {
    if (!s.AtEnd())
      out.error = "SHOW BRANCHES takes no arguments";
    else
      out.statement = AdminStatement{AdminStatement::Kind::kShowBranches, "", "", ""};
    return out;
  }
  if (first == "show" && second == "migrations") {
    AdminStatement st{AdminStatement::Kind::kShowMigrations, "", "", ""};
    if (!s.AtEnd()) {
      if (s.Word() != "like") {
        out.error = "expected SHOW MIGRATIONS [LIKE '<uuid>']";
        return out;
      }
      auto pattern = s.Quoted();
      if (!pattern || !s.AtEnd()) {
        out.error = "expected a quoted uuid after LIKE";
        return out;
      }
      st.uuid = *pattern;
    }
    out.statement = st;
    return out;
  }
  if ((first == "alter" || first == "revert") && second == "migration") {
    auto uuid = s.Quoted();
    if (!uuid) {
      out.error = "expected a quoted migration uuid";
      return out;
    }
    if (first == "revert") {
      if (!s.AtEnd())
        out.error = "unexpected text after REVERT MIGRATION '<uuid>'";
      else
        out.statement = AdminStatement{AdminStatement::Kind::kRevertMigration, *uuid, "", ""};
      return out;
    }
    std::string action = s.Word();
    if (action == "complete") action = "cutover";
    if ((action != "cutover" && action != "cancel" && action != "throttle" &&
         action != "unthrottle") ||
        !s.AtEnd()) {
      out.error =
          "expected ALTER MIGRATION '<uuid>' CUTOVER | COMPLETE | CANCEL | THROTTLE | UNTHROTTLE";
      return out;
    }
    out.statement = AdminStatement{AdminStatement::Kind::kAlterMigration, *uuid, action, ""};
    return out;
  }
  return {};
}

}  // namespace tessera::vtgate
