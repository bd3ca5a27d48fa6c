#include "sqlparser/parser.h"

#include "sqlparser/transform/parse_driver.h"

namespace tessera::sql {

Parser::Parser() = default;
Parser::~Parser() = default;

Result<std::unique_ptr<ast::Statement>> Parser::Parse(std::string_view sql) {
  transform::ParseStats stats;
  auto result = transform::RunParse(sql, stats);
  // RunParse only skips ANTLR for lexer errors and empty input; count the
  // invocations of the parser proper.
  if (result.ok() || result.error().code != mysql_errno::kEmptyQuery) ++parse_count_;
  if (stats.used_ll) ++ll_fallback_count_;
  return result;
}

}  // namespace tessera::sql
