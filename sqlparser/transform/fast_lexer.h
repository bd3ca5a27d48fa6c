// FastLexer: a hand-written scanner that gives the tokens the generated
// MySqlLexer gives (type, text, channel, code-point start and stop, line and
// position in line) without ANTLR's ATN simulation and its UTF-32 copy of
// the text. It is a shortcut to the generated lexer, not a second definition
// of the language:
// - Keywords, charset introducers and operators are read from the generated
//   lexer's rules when a FastLexer is built (LexerGrammar), so a rule added
//   to MySqlLexer.g4 that is a fixed list of spellings is picked up.
// - The other rules (whitespace, comments, numbers, strings, identifiers,
//   variables) are scanned by hand, each checked against a fingerprint of
//   its ATN as it was when the scanner was written. A hand-scanned rule that
//   changed, or a rule that is neither, turns the FastLexer off:
//   unsupported_rule() says which, and Lex declines every text.
// - Lex declines (nullopt) where the generated lexer reports an error, and
//   where it is not sure to agree (a text starting with a byte order mark);
//   the caller then lexes with the generated lexer, which gives the error
//   and its position.
// A FastLexer is immutable once built and may be shared between threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlparser/transform/lexed_token.h"
#include "sqlparser/transform/lexer_grammar.h"

namespace tessera::sql::transform {

class FastLexer {
 public:
  // Reads the generated MySqlLexer's rules.
  FastLexer() = default;

  // Empty when every rule of the grammar is one the scanner follows;
  // otherwise why it does not (and Lex declines every text).
  const std::string& unsupported_rule() const { return grammar_.unsupported_rule(); }

  // The tokens of `text`, the channel of each being the default one, ending
  // with the EOF token; nullopt when the scanner declines.
  std::optional<std::vector<LexedToken>> Lex(std::string_view text) const;

 private:
  LexerGrammar grammar_;
};

}  // namespace tessera::sql::transform
