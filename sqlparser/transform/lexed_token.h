// LexedToken: one token as FastLexer gives it and MakeTokenSource hands it
// to the parser, in the units ANTLR's tokens report, plus its bytes.
//
// Contract:
// - `begin` and `end` are byte offsets into the lexed text; `start`, `stop`
//   and `column` count code points, as the generated lexer's tokens do.
// - The last token of a text is the EOF token: empty, and its `start` is
//   the text's length in code points.
#pragma once

#include <cstddef>

namespace tessera::sql::transform {

struct LexedToken {
  size_t type = 0;    // MySqlLexer token type; antlr4::Token::EOF for the last token
  size_t begin = 0;   // byte offset of its first byte in the text
  size_t end = 0;     // byte offset just past it
  size_t start = 0;   // code-point index of its first character (Token::getStartIndex)
  size_t stop = 0;    // code-point index of its last character (Token::getStopIndex)
  size_t line = 1;    // Token::getLine
  size_t column = 0;  // Token::getCharPositionInLine, in code points
};

}  // namespace tessera::sql::transform
