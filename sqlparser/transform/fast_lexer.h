// FastLexer: a hand-written scanner that gives the tokens the generated
// MySqlLexer gives (type, text, channel, code-point start and stop, line and
// position in line) without ANTLR's ATN simulation and its UTF-32 copy of
// the text. It is a shortcut to the generated lexer, not a second definition
// of the language:
// - Keywords, charset introducers and operators are read from the generated
//   lexer's rules when a FastLexer is built, so a rule added to
//   MySqlLexer.g4 that is a fixed list of spellings is picked up.
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

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace antlr4 {
class TokenSource;
}

namespace tessera::sql::transform {

// One token of a text, in the units ANTLR's tokens report.
struct LexedToken {
  size_t type = 0;    // MySqlLexer token type; antlr4::Token::EOF for the last token
  size_t begin = 0;   // byte offset of its first byte in the text
  size_t end = 0;     // byte offset just past it
  size_t start = 0;   // code-point index of its first character (Token::getStartIndex)
  size_t stop = 0;    // code-point index of its last character (Token::getStopIndex)
  size_t line = 1;    // Token::getLine
  size_t column = 0;  // Token::getCharPositionInLine, in code points
};

class FastLexer {
 public:
  // Reads the generated MySqlLexer's rules.
  FastLexer();

  // Empty when every rule of the grammar is one the scanner follows;
  // otherwise why it does not (and Lex declines every text).
  const std::string& unsupported_rule() const { return unsupported_rule_; }

  // The tokens of `text`, the channel of each being the default one, ending
  // with the EOF token; nullopt when the scanner declines.
  std::optional<std::vector<LexedToken>> Lex(std::string_view text) const;

 private:
  struct Operator {
    std::string spelling;
    size_t type = 0;
  };
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordTable = std::unordered_map<std::string, size_t, WordHash, std::equal_to<>>;

  class Scanner;  // one pass over one text

  void ReadGrammar();
  void AddSpelling(const std::string& rule, size_t type, const std::string& spelling,
                   bool after_id);

  WordTable words_;  // lower-case keyword or introducer -> token type
  size_t longest_word_ = 0;
  std::array<std::vector<Operator>, 128> operators_;  // by first character, longest first
  std::string unsupported_rule_;
};

// An ANTLR token source handing out `tokens` (as Lex returns them) as
// CommonTokens of `text`, with their texts set and an input stream whose
// size() and getText(Interval) count code points as ANTLRInputStream's do.
// `text` must outlive the source and every token it gives.
std::unique_ptr<antlr4::TokenSource> MakeTokenSource(std::string_view text,
                                                     std::vector<LexedToken> tokens);

// How Lex and the generated lexer compare on one text, for tests: whether
// Lex declined, whether the generated lexer reports an error (or its input
// stream refuses the text), and the first difference between the two token
// streams (tokens, their texts and their input streams' texts), empty when
// they agree or Lex declined. Lex giving tokens where the generated lexer
// reports an error is a difference.
struct LexerComparison {
  bool declined = false;
  bool lexer_error = false;
  std::string difference;
};
LexerComparison CompareWithGeneratedLexer(const FastLexer& lexer, std::string_view text);

}  // namespace tessera::sql::transform
