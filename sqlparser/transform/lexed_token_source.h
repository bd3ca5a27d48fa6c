// MakeTokenSource: the ANTLR token source the parser reads when FastLexer
// lexed a statement, in place of the generated MySqlLexer.
//
// Contract:
// - It hands out `tokens` (as FastLexer::Lex returns them, ending with the
//   EOF token) in order as CommonTokens of `text`, on the default channel,
//   with their texts set; after the EOF token, EOF again.
// - Its input stream is a StatementCharStream of `text`: size() and
//   getText(Interval) count code points as ANTLRInputStream's do.
// - `text` must outlive the source and every token it gives.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sqlparser/transform/lexed_token.h"

namespace antlr4 {
class TokenSource;
}

namespace tessera::sql::transform {

std::unique_ptr<antlr4::TokenSource> MakeTokenSource(std::string_view text,
                                                     std::vector<LexedToken> tokens);

}  // namespace tessera::sql::transform
