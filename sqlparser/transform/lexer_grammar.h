// LexerGrammar: what FastLexer takes from the generated MySqlLexer, read
// from the generated lexer's ATN when a LexerGrammar is built, so that the
// scanner follows MySqlLexer.g4 instead of a copy of it.
//
// Contract:
// - Every rule that is a fixed list of spellings is read: words (keywords,
//   charset introducers) into a case-insensitive word table, punctuation
//   into an operator table. A word that ID, defined first, also matches is
//   left to ID; an operator spelled by two rules goes to the first.
// - Every other rule must be one the scanner follows by hand (whitespace,
//   comments, numbers, strings, identifiers, variables), in the order the
//   scanner expects, with the fingerprint of its ATN the scanner was
//   written against.
// - When the grammar is not like that, unsupported_rule() says why and the
//   tables are incomplete: they must not be used.
// - Immutable once built; may be shared between threads.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::sql::transform {

class LexerGrammar {
 public:
  struct Operator {
    std::string spelling;
    size_t type = 0;  // MySqlLexer token type
  };

  // Reads the generated MySqlLexer's rules.
  LexerGrammar();

  // Empty when every rule of the grammar is one the scanner follows;
  // otherwise why it does not.
  const std::string& unsupported_rule() const { return unsupported_rule_; }

  // The token type of a word (an ID_START character then ID_PART ones): the
  // keyword or introducer it spells in any letter case, else MySqlLexer::ID.
  size_t WordType(std::string_view word) const;

  // The operators spelled starting with ASCII character `first` (below
  // 0x80), longest first.
  const std::vector<Operator>& OperatorsStartingWith(unsigned char first) const {
    return operators_[first];
  }

 private:
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using WordTable = std::unordered_map<std::string, size_t, WordHash, std::equal_to<>>;

  void Read();
  void AddSpelling(const std::string& rule, size_t type, const std::string& spelling,
                   bool after_id);

  WordTable words_;  // lower-case keyword or introducer -> token type
  size_t longest_word_ = 0;
  std::array<std::vector<Operator>, 128> operators_;  // by first character, longest first
  std::string unsupported_rule_;
};

}  // namespace tessera::sql::transform
