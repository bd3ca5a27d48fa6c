// RunParse: lexes one statement with FastLexer, falling back to the
// generated lexer when FastLexer declines (that lexer then reports any lexer
// error), drives the generated parser over the tokens and hands the tree to
// Transformer. SLL prediction with a bail-out error strategy first; on
// failure the tokens are rewound and parsed again with full LL and error
// reporting. Errors come back as values (see sqlparser/parser.h).
#pragma once

#include <string_view>

#include "common/error.h"
#include "sqlparser/ast/statement.h"

namespace tessera::sql::transform {

struct ParseStats {
  bool used_ll = false;
};

Result<ast::StatementPtr> RunParse(std::string_view sql, ParseStats& stats);

}  // namespace tessera::sql::transform
