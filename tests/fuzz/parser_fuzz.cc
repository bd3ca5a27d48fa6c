// Fuzz target for sql::Parser and sql::Format (sqlparser/parser.h, format.h).
//
// Checked for every input:
// - no crash, hang or leak (the sanitizers and libFuzzer's limits);
// - a rejected statement carries 1064, 1065 or 1235 and nothing else (a 1105
//   means the transform threw, i.e. a bug);
// - an accepted statement round-trips: Format() gives text that parses, and
//   that parses to the same formatted text; Clone() formats the same;
// - the AST walkers and the vtgate formatting options run without crashing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "sqlparser/parser.h"
#include "tests/fuzz/fuzz_failure.h"
#include "tests/fuzz/known_issues.h"

namespace tessera::fuzz {
namespace {

bool IsParserErrorCode(uint16_t code) {
  return code == mysql_errno::kParse || code == mysql_errno::kEmptyQuery ||
         code == mysql_errno::kNotSupportedYet;
}

void ExerciseRewriters(sql::ast::Statement& stmt) {
  sql::ast::ForEachTableName(stmt, [](sql::ast::TableName&) {});
  sql::ast::ForEachColumn(stmt, [](sql::ast::ColumnRef&) {});
  sql::ast::ForEachExpr(stmt, [](sql::ast::Expr&) {});
  sql::FormatOptions options;
  options.strip_qualifiers = true;
  options.bind_var = [](const sql::ast::BindVar&) { return std::string("'b'"); };
  options.placeholder = [](const sql::ast::Placeholder&) { return std::string("1"); };
  options.user_var = [](const sql::ast::Variable&) { return std::string("NULL"); };
  options.system_var = [](const sql::ast::Variable&) { return std::string(); };
  (void)sql::Format(stmt, options);
}

}  // namespace
}  // namespace tessera::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tessera::fuzz::FuzzFailure;
  namespace sql = tessera::sql;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static sql::Parser parser;

  auto first = parser.Parse(input);
  if (!first.ok()) {
    const tessera::Error& e = first.error();
    if (!tessera::fuzz::IsParserErrorCode(e.code)) {
      const std::string code = std::to_string(e.code);
      FuzzFailure("Parse() failed with a code other than 1064/1065/1235",
                  {{"input", input}, {"code", code}, {"message", e.message}});
    }
    return 0;
  }

  const std::string formatted = sql::Format(**first);
  auto second = parser.Parse(formatted);
  if (!second.ok()) {
    FuzzFailure("Format() output does not parse",
                {{"input", input}, {"formatted", formatted}, {"error", second.error().message}});
  }
  if (!second.ok()) return 0;
  const std::string reformatted = sql::Format(**second);
  if (reformatted != formatted) {
    FuzzFailure("Format(Parse(Format(s))) != Format(s)",
                {{"input", input}, {"formatted", formatted}, {"reformatted", reformatted}});
  }
  if ((*second)->kind() != (*first)->kind()) {
    FuzzFailure("the formatted text parses to another statement kind",
                {{"input", input}, {"formatted", formatted}});
  }
  const std::string cloned = sql::Format(*(*first)->Clone());
  if (cloned != formatted) {
    FuzzFailure("Format(Clone()) != Format()",
                {{"input", input}, {"formatted", formatted}, {"cloned", cloned}});
  }
  tessera::fuzz::ExerciseRewriters(**first);
  return 0;
}
