// CompareWithGeneratedLexer: FastLexer against the generated MySqlLexer on
// one text, for the differential unit test and the lexer fuzz target. Not
// used by the parser; it is here because only sqlparser/transform/ sees the
// generated lexer.
//
// Contract:
// - `declined`: Lex declined the text.
// - `lexer_error`: the generated lexer reports an error, or its input
//   stream refuses the text.
// - `difference`: the first difference between the two token streams (the
//   tokens, their texts and their input streams' texts), empty when they
//   agree or Lex declined. Lex giving tokens where the generated lexer
//   reports an error is a difference.
#pragma once

#include <string>
#include <string_view>

#include "sqlparser/transform/fast_lexer.h"

namespace tessera::sql::transform {

struct LexerComparison {
  bool declined = false;
  bool lexer_error = false;
  std::string difference;
};

LexerComparison CompareWithGeneratedLexer(const FastLexer& lexer, std::string_view text);

// `s` for messages: printable ASCII as is, backslashes and other bytes as \xNN.
std::string Escaped(std::string_view s);

}  // namespace tessera::sql::transform
