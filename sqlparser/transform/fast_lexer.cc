#include "sqlparser/transform/fast_lexer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "MySqlLexer.h"
#include "antlr4-runtime.h"

namespace tessera::sql::transform {

namespace {

using tessera_sql::MySqlLexer;

// The longest keyword or operator the scanner takes from the grammar.
constexpr size_t kMaxSpellingLength = 64;

// The rules the scanner follows by hand, in the order the grammar defines
// them, with a fingerprint of each rule's ATN (RuleFingerprints below) as it
// was when the scanner was written. A rule whose fingerprint differs turns
// the FastLexer off until the scanner is checked against the new rule and
// the fingerprint updated (unsupported_rule() gives the new value).
struct HandScannedRule {
  size_t type;
  uint64_t fingerprint;
};
constexpr HandScannedRule kHandScanned[] = {
    {MySqlLexer::WS, 0xec6865213dfefd4aULL},
    {MySqlLexer::BLOCK_COMMENT, 0x2ff7d1176a90ec90ULL},
    {MySqlLexer::LINE_COMMENT, 0x8717e8e480ba089dULL},
    {MySqlLexer::HEX_STRING, 0x1b33e7c9492a1911ULL},
    {MySqlLexer::BIT_STRING, 0x1fd5f90144dc11f6ULL},
    {MySqlLexer::BAD_HEX_STRING, 0x1bb37d7a2833ea29ULL},
    {MySqlLexer::BAD_BIT_STRING, 0x291d52843ae663b4ULL},
    {MySqlLexer::HEX_NUM, 0x31e04a281faad40cULL},
    {MySqlLexer::BIT_NUM, 0xafaef27aad620ddeULL},
    {MySqlLexer::FLOAT_NUM, 0x833ba195a1b160c2ULL},
    {MySqlLexer::DECIMAL_NUM, 0x9aafeb2dca9fb23cULL},
    {MySqlLexer::INT_NUM, 0xe02d83049e9f1fb4ULL},
    {MySqlLexer::SQ_STRING, 0x65741769ccadb2baULL},
    {MySqlLexer::NATIONAL_STRING, 0x18f34a17b387a049ULL},
    {MySqlLexer::DQ_STRING, 0x3ff18c3a637e7639ULL},
    {MySqlLexer::BQ_ID, 0x6cd01d272923f5cfULL},
    {MySqlLexer::ID, 0x53bbfc61ff1457eaULL},
    {MySqlLexer::SYSTEM_VAR, 0x1f1cf28c6c63b101ULL},
    {MySqlLexer::USER_VAR, 0x1783aab4ee2977f3ULL},
    {MySqlLexer::BIND_VAR, 0x628753ea784a26ebULL},
};

// Characters an operator may be spelled with: ASCII punctuation that starts
// no literal, identifier, variable or comment.
bool IsOperatorChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > ' ' && u < 0x7F && !std::isalnum(u) &&
         std::string_view("_$'\"`@#").find(c) == std::string_view::npos;
}

bool IsWordSpelling(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && (std::isalnum(u) || c == '_' || c == '$');
  });
}

// Fingerprints of lexer rules: an FNV-1a hash of a description of the rule's
// ATN with its states numbered in visiting order, so that it changes when
// the rule (or a fragment it uses) changes and not when other rules come or
// go.
class RuleFingerprints {
 public:
  RuleFingerprints(const antlr4::atn::ATN& atn, const std::vector<std::string>& rule_names)
      : atn_(atn), rule_names_(rule_names) {}

  uint64_t Of(size_t rule) {
    if (auto it = memo_.find(rule); it != memo_.end()) return it->second;
    memo_[rule] = 0;  // a rule that uses itself
    const std::string description = Describe(rule);
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : description) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
    memo_[rule] = hash;
    return hash;
  }

 private:
  std::string Describe(size_t rule) {
    using antlr4::atn::ATNState;
    using antlr4::atn::Transition;
    std::unordered_map<ATNState*, size_t> ids;
    std::vector<ATNState*> order;
    const auto id = [&](ATNState* s) {
      auto [it, added] = ids.emplace(s, ids.size());
      if (added) order.push_back(s);
      return std::to_string(it->second);
    };
    id(atn_.ruleToStartState[rule]);
    std::string out;
    for (size_t i = 0; i < order.size(); ++i) {
      ATNState* s = order[i];
      out += "s" + std::to_string(s->getStateType());
      if (auto* d = dynamic_cast<antlr4::atn::DecisionState*>(s); d && d->nonGreedy) out += "?";
      if (s->getStateType() == ATNState::RULE_STOP) {  // its transitions go back to callers
        out += ';';
        continue;
      }
      for (Transition* t : s->transitions) {
        const auto kind = t->getSerializationType();
        out += ' ' + std::to_string(kind) + ':';
        ATNState* next = t->target;
        switch (kind) {
          case Transition::ATOM:
          case Transition::RANGE:
          case Transition::SET:
          case Transition::NOT_SET:
            out += t->label().toString();
            break;
          case Transition::RULE: {
            auto* call = static_cast<antlr4::atn::RuleTransition*>(t);
            char hex[24];
            std::snprintf(hex, sizeof hex, "%016llx",
                          static_cast<unsigned long long>(Of(call->ruleIndex)));
            out += rule_names_[call->ruleIndex] + '#' + hex;
            next = call->followState;
            break;
          }
          case Transition::ACTION: {
            auto* action = static_cast<antlr4::atn::ActionTransition*>(t);
            out += "a" + std::to_string(static_cast<int>(
                             atn_.lexerActions.at(action->actionIndex)->getActionType()));
            break;
          }
          default:
            break;
        }
        out += '>' + id(next);
      }
      out += ';';
    }
    return out;
  }

  const antlr4::atn::ATN& atn_;
  const std::vector<std::string>& rule_names_;
  std::unordered_map<size_t, uint64_t> memo_;
};

// The spellings of a lexer rule that matches a fixed, small set of strings
// made of ASCII characters, a letter spelled with a fragment like [aA]
// matching either case (and read in lower case).
class RuleSpellings {
 public:
  explicit RuleSpellings(const antlr4::atn::ATN& atn) : atn_(atn) {}

  // False when the rule is not such a set.
  bool Read(size_t rule, std::vector<std::string>& out) {
    out_ = &out;
    returns_.clear();
    prefix_.clear();
    steps_ = 0;
    return Walk(atn_.ruleToStartState[rule]);
  }

 private:
  static constexpr size_t kMaxSteps = 100000;
  static constexpr size_t kMaxSpellings = 64;

  bool Walk(antlr4::atn::ATNState* s) {
    using antlr4::atn::Transition;
    if (++steps_ > kMaxSteps || prefix_.size() > kMaxSpellingLength) return false;
    if (s->getStateType() == antlr4::atn::ATNState::RULE_STOP) {
      if (returns_.empty()) {
        if (out_->size() == kMaxSpellings) return false;
        out_->push_back(prefix_);
        return true;
      }
      antlr4::atn::ATNState* follow = returns_.back();
      returns_.pop_back();
      const bool ok = Walk(follow);
      returns_.push_back(follow);
      return ok;
    }
    for (Transition* t : s->transitions) {
      bool ok = false;
      switch (t->getSerializationType()) {
        case Transition::EPSILON:
          ok = Walk(t->target);
          break;
        case Transition::RULE:
          returns_.push_back(static_cast<antlr4::atn::RuleTransition*>(t)->followState);
          ok = Walk(t->target);
          returns_.pop_back();
          break;
        case Transition::ATOM:
        case Transition::RANGE:
        case Transition::SET: {
          const int c = Character(t->label());
          if (c < 0) return false;
          prefix_.push_back(static_cast<char>(c));
          ok = Walk(t->target);
          prefix_.pop_back();
          break;
        }
        default:
          return false;
      }
      if (!ok) return false;
    }
    return true;
  }

  // The character a transition matches: an ASCII non-letter, or a letter in
  // either case (given in lower case); -1 for anything else.
  static int Character(const antlr4::misc::IntervalSet& set) {
    const ssize_t c = set.getMinElement();
    if (c < 0 || c >= 0x80) return -1;
    const auto u = static_cast<unsigned char>(c);
    if (set.size() == 1) return std::isalpha(u) ? -1 : u;
    if (set.size() == 2 && std::isupper(u) && set.contains(static_cast<size_t>(std::tolower(u)))) {
      return std::tolower(u);
    }
    return -1;
  }

  const antlr4::atn::ATN& atn_;
  std::vector<std::string>* out_ = nullptr;
  std::vector<antlr4::atn::ATNState*> returns_;
  std::string prefix_;
  size_t steps_ = 0;
};

// Length of the valid UTF-8 sequence at `i` (shortest form, no surrogates,
// at most U+10FFFF) and its code point; 0 when there is none.
size_t Utf8Sequence(std::string_view s, size_t i, uint32_t& code_point) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(i);
  if (c < 0x80) {
    code_point = c;
    return 1;
  }
  const size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (at(i + k) & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  code_point = cp;
  return n;
}

bool IsDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool IsHexDigit(unsigned char c) {
  return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
// The ASCII characters of the grammar's ID_START and ID_PART fragments.
bool IsAsciiIdStart(unsigned char c) {
  return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' || c == '$';
}
bool IsAsciiIdPart(unsigned char c) {
  return IsAsciiIdStart(c) || IsDigit(c);
}

// Byte offset in `text` of code point number `index` (the text's size past
// its end).
size_t ByteOffsetOf(std::string_view text, size_t index) {
  size_t i = 0;
  for (size_t seen = 0; i < text.size() && seen < index; ++seen) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return std::min(i, text.size());
}

}  // namespace

// One pass over one text. Every scan function starts at the first character
// of a token (or of skipped text) and returns false to decline.
class FastLexer::Scanner {
 public:
  Scanner(const FastLexer& lexer, std::string_view text) : lexer_(lexer), text_(text) {}

  std::optional<std::vector<LexedToken>> Run() {
    if (!lexer_.unsupported_rule_.empty()) return std::nullopt;
    // ANTLRInputStream drops a byte order mark, which would shift indexes.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") return std::nullopt;
    tokens_.reserve(text_.size() / 4 + 2);
    while (pos_ < text_.size()) {
      Mark();
      if (!Next()) return std::nullopt;
    }
    Mark();
    Emit(antlr4::Token::EOF);
    return std::move(tokens_);
  }

 private:
  bool Next() {
    const unsigned char c = At(pos_);
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case '\f':
        return Advance();
      case '#':
        return SkipLineRest();
      case '-':
        if (At(pos_ + 1) == '-') {
          // '--' then a blank and the rest of the line, a line end, or the end.
          const size_t after = pos_ + 2;
          if (after == text_.size()) return AdvanceAscii(2);
          const unsigned char next = At(after);
          if (next == ' ' || next == '\t' || next == '\f') return SkipLineRest();
          if (next == '\n') return AdvanceTo(after + 1);
          if (next == '\r' && At(after + 1) == '\n') return AdvanceTo(after + 2);
        }
        return Operator();
      case '/':
        if (At(pos_ + 1) == '*') {
          // An unterminated comment is a '/' (then '*' and the rest).
          const size_t close = text_.find("*/", pos_ + 2);
          if (close != std::string_view::npos) return AdvanceTo(close + 2);
        }
        return Operator();
      case '\'':
        return Quoted('\'') && Emit(MySqlLexer::SQ_STRING);
      case '"':
        return Quoted('"') && Emit(MySqlLexer::DQ_STRING);
      case '`':
        return Backquoted() && Emit(MySqlLexer::BQ_ID);
      case '@':
        return Variable();
      case ':':
        if (IdStartLength(pos_ + 1) > 0) {
          AdvanceAscii(1);
          SkipIdParts();
          return Emit(MySqlLexer::BIND_VAR);
        }
        return Operator();
      case '.':
        return IsDigit(At(pos_ + 1)) ? Number() : Operator();
      default:
        if (IsDigit(c)) return Number();
        if (IdStartLength(pos_) > 0) return Word();
        // Above U+FFFF or not UTF-8: only strings and comments hold those.
        return c < 0x80 && Operator();
    }
  }

  // '#' or '-- ': up to the line end, which is not part of it.
  bool SkipLineRest() {
    const size_t end = text_.find_first_of("\r\n", pos_);
    return AdvanceTo(end == std::string_view::npos ? text_.size() : end);
  }

  // A text in quotes `q` ('...' or "..."): a backslash escapes any
  // character, a doubled quote is one. Declines when unterminated.
  bool Quoted(char q) {
    AdvanceAscii(1);
    while (pos_ < text_.size()) {
      const unsigned char c = At(pos_);
      if (c == '\\') {
        AdvanceAscii(1);
        if (pos_ == text_.size() || !Advance()) return false;
      } else if (c == q) {
        AdvanceAscii(1);
        if (At(pos_) != q) return true;
        AdvanceAscii(1);
      } else if (!Advance()) {
        return false;
      }
    }
    return false;
  }

  // `name`, at least one character, a doubled backquote being one.
  bool Backquoted() {
    AdvanceAscii(1);
    bool empty = true;
    while (pos_ < text_.size()) {
      if (At(pos_) == '`') {
        if (At(pos_ + 1) != '`') {
          AdvanceAscii(1);
          return !empty;
        }
        AdvanceAscii(2);
      } else if (!Advance()) {
        return false;
      }
      empty = false;
    }
    return false;
  }

  // @@name[.name], @name, @'name', @"name", @`name`.
  bool Variable() {
    if (At(pos_ + 1) == '@') {
      if (IdStartLength(pos_ + 2) == 0) return false;
      AdvanceAscii(2);
      SkipIdParts();
      if (At(pos_) == '.' && IdStartLength(pos_ + 1) > 0) {
        AdvanceAscii(1);
        SkipIdParts();
      }
      return Emit(MySqlLexer::SYSTEM_VAR);
    }
    AdvanceAscii(1);
    if (pos_ == text_.size()) return false;
    bool ok = false;
    switch (At(pos_)) {
      case '\'':
      case '"':
        ok = Quoted(static_cast<char>(At(pos_)));
        break;
      case '`':
        ok = Backquoted();
        break;
      default:
        ok = IdPartLength(pos_) > 0;
        SkipIdParts();
    }
    return ok && Emit(MySqlLexer::USER_VAR);
  }

  // A keyword, an introducer or an identifier; or X'..', B'..', N'..'.
  bool Word() {
    const size_t first = pos_;
    SkipIdParts();
    if (pos_ - first == 1 && At(pos_) == '\'') {
      switch (At(first) | 0x20) {
        case 'x':
          return DelimitedDigits(IsHexDigit, 2, MySqlLexer::HEX_STRING, MySqlLexer::BAD_HEX_STRING);
        case 'b':
          return DelimitedDigits([](unsigned char c) { return c == '0' || c == '1'; }, 1,
                                 MySqlLexer::BIT_STRING, MySqlLexer::BAD_BIT_STRING);
        case 'n':
          return Quoted('\'') && Emit(MySqlLexer::NATIONAL_STRING);
        default:
          break;
      }
    }
    return Emit(WordType(text_.substr(first, pos_ - first)));
  }

  // '..' after X or B: `good` when it holds only `digit`s, a multiple of
  // `group` of them; `bad` otherwise. Declines when unterminated.
  template <class Digit>
  bool DelimitedDigits(Digit digit, size_t group, size_t good, size_t bad) {
    const size_t close = text_.find('\'', pos_ + 1);
    if (close == std::string_view::npos) return false;
    const std::string_view body = text_.substr(pos_ + 1, close - pos_ - 1);
    const bool digits = body.size() % group == 0 &&
                        std::all_of(body.begin(), body.end(),
                                    [&](char c) { return digit(static_cast<unsigned char>(c)); });
    return AdvanceTo(close + 1) && Emit(digits ? good : bad);
  }

  size_t WordType(std::string_view word) const {
    if (word.size() > lexer_.longest_word_) return MySqlLexer::ID;
    char lower[kMaxSpellingLength];
    for (size_t i = 0; i < word.size(); ++i) {
      const auto c = static_cast<unsigned char>(word[i]);
      if (c >= 0x80) return MySqlLexer::ID;
      lower[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    const auto it = lexer_.words_.find(std::string_view(lower, word.size()));
    return it == lexer_.words_.end() ? size_t{MySqlLexer::ID} : it->second;
  }

  // 0x.., 0b.., digits[.digits][e[+-]digits], .digits[e[+-]digits].
  bool Number() {
    const unsigned char c = At(pos_);
    if (c == '0' && At(pos_ + 1) == 'x' && IsHexDigit(At(pos_ + 2))) {
      size_t end = pos_ + 2;
      while (IsHexDigit(At(end))) ++end;
      return AdvanceAscii(end - pos_) && Emit(MySqlLexer::HEX_NUM);
    }
    if (c == '0' && At(pos_ + 1) == 'b' && (At(pos_ + 2) == '0' || At(pos_ + 2) == '1')) {
      size_t end = pos_ + 2;
      while (At(end) == '0' || At(end) == '1') ++end;
      return AdvanceAscii(end - pos_) && Emit(MySqlLexer::BIT_NUM);
    }
    size_t end = pos_;
    while (IsDigit(At(end))) ++end;
    size_t type = MySqlLexer::INT_NUM;
    if (At(end) == '.') {
      ++end;
      while (IsDigit(At(end))) ++end;
      type = MySqlLexer::DECIMAL_NUM;
    }
    if ((At(end) | 0x20) == 'e') {
      size_t exponent = end + 1;
      if (At(exponent) == '+' || At(exponent) == '-') ++exponent;
      if (IsDigit(At(exponent))) {
        end = exponent;
        while (IsDigit(At(end))) ++end;
        type = MySqlLexer::FLOAT_NUM;
      }
    }
    return AdvanceAscii(end - pos_) && Emit(type);
  }

  // The longest operator spelled at pos_.
  bool Operator() {
    const unsigned char c = At(pos_);
    if (c >= 0x80) return false;
    for (const FastLexer::Operator& op : lexer_.operators_[c]) {
      if (text_.compare(pos_, op.spelling.size(), op.spelling) == 0) {
        return AdvanceAscii(op.spelling.size()) && Emit(op.type);
      }
    }
    return false;
  }

  // Byte lengths of the character at `i` when it is an ID_START / ID_PART
  // character of the grammar ([a-zA-Z_$\u0080-\uFFFF], and digits), else 0.
  size_t IdStartLength(size_t i) const {
    if (i >= text_.size()) return 0;
    const unsigned char c = At(i);
    if (c < 0x80) return IsAsciiIdStart(c) ? 1 : 0;
    uint32_t cp = 0;
    const size_t n = Utf8Sequence(text_, i, cp);
    return cp <= 0xFFFF ? n : 0;
  }
  size_t IdPartLength(size_t i) const {
    return i < text_.size() && IsDigit(At(i)) ? 1 : IdStartLength(i);
  }
  void SkipIdParts() {
    while (pos_ < text_.size()) {
      const unsigned char c = At(pos_);
      size_t n = 1;
      if (c >= 0x80) {
        n = IdStartLength(pos_);
        if (n == 0) return;
      } else if (!IsAsciiIdPart(c)) {
        return;
      }
      pos_ += n;
      ++index_;
      ++column_;
    }
  }

  unsigned char At(size_t i) const {
    return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0;
  }

  // Moves past `n` ASCII characters that are not line ends.
  bool AdvanceAscii(size_t n) {
    pos_ += n;
    index_ += n;
    column_ += n;
    return true;
  }

  // Moves past one character; false when it is not UTF-8.
  bool Advance() {
    const unsigned char c = At(pos_);
    if (c < 0x80) {
      ++pos_;
      if (c == '\n') {
        ++line_;
        column_ = 0;
      } else {
        ++column_;
      }
    } else {
      uint32_t cp = 0;
      const size_t n = Utf8Sequence(text_, pos_, cp);
      if (n == 0) return false;
      pos_ += n;
      ++column_;
    }
    ++index_;
    return true;
  }

  bool AdvanceTo(size_t end) {
    while (pos_ < end) {
      if (!Advance()) return false;
    }
    return true;
  }

  void Mark() {
    begin_ = pos_;
    start_ = index_;
    start_line_ = line_;
    start_column_ = column_;
  }

  bool Emit(size_t type) {
    tokens_.push_back({type, begin_, pos_, start_, index_ - 1, start_line_, start_column_});
    return true;
  }

  const FastLexer& lexer_;
  std::string_view text_;
  std::vector<LexedToken> tokens_;
  size_t pos_ = 0;    // bytes
  size_t index_ = 0;  // code points
  size_t line_ = 1;
  size_t column_ = 0;
  size_t begin_ = 0, start_ = 0, start_line_ = 1, start_column_ = 0;  // of the current token
};

FastLexer::FastLexer() {
  ReadGrammar();
}

std::optional<std::vector<LexedToken>> FastLexer::Lex(std::string_view text) const {
  return Scanner(*this, text).Run();
}

void FastLexer::ReadGrammar() {
  antlr4::ANTLRInputStream no_input(std::string{});
  MySqlLexer generated(&no_input);
  const antlr4::atn::ATN& atn = generated.getATN();
  const std::vector<std::string>& names = generated.getRuleNames();
  if (generated.getModeNames().size() != 1) {
    unsupported_rule_ = "the lexer grammar has modes";
    return;
  }
  RuleFingerprints fingerprints(atn, names);
  RuleSpellings spellings(atn);
  size_t next_hand_scanned = 0;
  bool after_id = false;
  std::string changed;  // hand-scanned rules with another fingerprint
  for (size_t rule = 0; rule < names.size(); ++rule) {
    const size_t type = atn.ruleToTokenType[rule];
    if (type == 0 || type == antlr4::Token::EOF) continue;  // a fragment
    const auto* hand = std::find_if(std::begin(kHandScanned), std::end(kHandScanned),
                                    [&](const HandScannedRule& h) { return h.type == type; });
    if (hand != std::end(kHandScanned)) {
      const uint64_t fingerprint = fingerprints.Of(rule);
      if (hand != kHandScanned + next_hand_scanned) {
        unsupported_rule_ = "rule " + names[rule] + " is not where the scanner expects it";
        return;
      }
      if (fingerprint != hand->fingerprint) {
        char hex[24];
        std::snprintf(hex, sizeof hex, "0x%016llxULL",
                      static_cast<unsigned long long>(fingerprint));
        changed += (changed.empty() ? "" : ", ") + names[rule] + " (now " + hex + ")";
      }
      ++next_hand_scanned;
      after_id = after_id || type == MySqlLexer::ID;
      continue;
    }
    std::vector<std::string> spelled;
    if (!spellings.Read(rule, spelled)) {
      unsupported_rule_ =
          "rule " + names[rule] + " is neither a list of spellings nor scanned by hand";
      return;
    }
    for (const std::string& s : spelled) {
      AddSpelling(names[rule], type, s, after_id);
      if (!unsupported_rule_.empty()) return;
    }
  }
  if (next_hand_scanned != std::size(kHandScanned)) {
    unsupported_rule_ = "the grammar lacks a rule the scanner follows";
    return;
  }
  if (!changed.empty()) {
    unsupported_rule_ = "rules changed since the scanner was written: " + changed;
    return;
  }
  for (auto& ops : operators_) {
    std::stable_sort(ops.begin(), ops.end(), [](const Operator& a, const Operator& b) {
      return a.spelling.size() > b.spelling.size();
    });
  }
}

void FastLexer::AddSpelling(const std::string& rule, size_t type, const std::string& spelling,
                            bool after_id) {
  if (IsWordSpelling(spelling)) {
    // ID, defined first, takes a word that a later rule spells too.
    if (!after_id && words_.emplace(spelling, type).second) {
      longest_word_ = std::max(longest_word_, spelling.size());
    }
    return;
  }
  const bool operator_chars = std::all_of(spelling.begin(), spelling.end(), IsOperatorChar);
  if (!operator_chars || spelling.starts_with("--") || spelling.starts_with("/*")) {
    unsupported_rule_ = "rule " + rule + " spells '" + spelling +
                        "', neither a word nor an operator the scanner knows how to find";
    return;
  }
  auto& ops = operators_[static_cast<unsigned char>(spelling[0])];
  // The first rule that spells an operator gets it.
  if (std::none_of(ops.begin(), ops.end(),
                   [&](const Operator& op) { return op.spelling == spelling; })) {
    ops.push_back({spelling, type});
  }
}

namespace {

// A UTF-8 text as ANTLR's CharStream: its size and intervals count code
// points, as ANTLRInputStream's do, without a UTF-32 copy. After lexing only
// size() and getText() are used; the rest walks the text.
class StatementCharStream : public antlr4::CharStream {
 public:
  // `size`: the number of code points in `text`.
  StatementCharStream(std::string_view text, size_t size)
      : text_(text), ascii_(size == text.size()), size_(size) {}

  void consume() override {
    if (p_ >= size_) throw antlr4::IllegalStateException("cannot consume EOF");
    ++p_;
  }

  size_t LA(ssize_t i) override {
    if (i == 0) return 0;
    const auto position = static_cast<ssize_t>(p_);
    const ssize_t at = i < 0 ? position + i : position + i - 1;
    if (at < 0 || at >= static_cast<ssize_t>(size_)) return antlr4::IntStream::EOF;
    const size_t offset = Offset(static_cast<size_t>(at));
    uint32_t cp = 0;
    Utf8Sequence(text_, offset, cp);
    return cp;
  }

  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return p_; }
  void seek(size_t index) override { p_ = std::min(index, size_); }
  size_t size() override { return size_; }
  std::string getSourceName() const override { return antlr4::IntStream::UNKNOWN_SOURCE_NAME; }
  std::string toString() const override { return std::string(text_); }

  // As ANTLRInputStream::getText, including its clamping.
  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < 0) return "";
    const auto start = static_cast<size_t>(interval.a);
    auto stop = static_cast<size_t>(interval.b);
    if (stop >= size_) stop = size_ - 1;
    size_t count = stop - start + 1;
    if (start >= size_) return "";
    count = std::min(count, size_ - start);
    const size_t begin = Offset(start);
    return std::string(text_.substr(begin, Offset(start + count) - begin));
  }

 private:
  size_t Offset(size_t index) const { return ascii_ ? index : ByteOffsetOf(text_, index); }

  std::string_view text_;
  bool ascii_;
  size_t size_;
  size_t p_ = 0;
};

// Hands out the tokens of one Lex call; after the EOF token, EOF again.
class LexedTokenSource : public antlr4::TokenSource {
 public:
  // `tokens` as Lex gives them, ending with the EOF token, whose start is
  // the text's length in code points.
  LexedTokenSource(std::string_view text, std::vector<LexedToken> tokens)
      : text_(text), stream_(text, tokens.back().start), tokens_(std::move(tokens)) {}

  std::unique_ptr<antlr4::Token> nextToken() override {
    const LexedToken& t = tokens_[next_];
    if (next_ + 1 < tokens_.size()) ++next_;
    auto token = std::make_unique<antlr4::CommonToken>(
        std::pair<antlr4::TokenSource*, antlr4::CharStream*>(this, &stream_), t.type,
        antlr4::Token::DEFAULT_CHANNEL, t.start, t.stop);
    token->setLine(t.line);
    token->setCharPositionInLine(t.column);
    if (t.type != antlr4::Token::EOF)
      token->setText(std::string(text_.substr(t.begin, t.end - t.begin)));
    return token;
  }

  size_t getLine() const override { return tokens_[next_].line; }
  size_t getCharPositionInLine() override { return tokens_[next_].column; }
  antlr4::CharStream* getInputStream() override { return &stream_; }
  std::string getSourceName() override { return stream_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

 private:
  std::string_view text_;
  StatementCharStream stream_;
  std::vector<LexedToken> tokens_;  // ends with the EOF token
  size_t next_ = 0;
};

class ErrorCounter : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token*, size_t, size_t,
                   const std::string& message, std::exception_ptr) override {
    if (!first_.empty()) return;
    first_ = message;
    if (auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer)) {
      first_ += " at " + std::to_string(lexer->tokenStartCharIndex);
    }
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

std::string Escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F && c != '\\') {
      out += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    }
  }
  return out;
}

std::string Describe(antlr4::Token& t, const antlr4::dfa::Vocabulary& vocabulary) {
  return vocabulary.getSymbolicName(t.getType()) + " " + std::to_string(t.getStartIndex()) + ".." +
         std::to_string(t.getStopIndex()) + " line " + std::to_string(t.getLine()) + ":" +
         std::to_string(t.getCharPositionInLine()) + " channel " + std::to_string(t.getChannel()) +
         " '" + Escaped(t.getText()) + "'";
}

}  // namespace

std::unique_ptr<antlr4::TokenSource> MakeTokenSource(std::string_view text,
                                                     std::vector<LexedToken> tokens) {
  return std::make_unique<LexedTokenSource>(text, std::move(tokens));
}

LexerComparison CompareWithGeneratedLexer(const FastLexer& lexer, std::string_view text) {
  LexerComparison out;
  std::optional<std::vector<LexedToken>> lexed = lexer.Lex(text);
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  try {
    input = std::make_unique<antlr4::ANTLRInputStream>(std::string(text));
  } catch (const std::exception&) {
    out.declined = !lexed;
    out.lexer_error = true;
    if (lexed) out.difference = "the generated lexer's input stream refuses the text";
    return out;
  }
  MySqlLexer generated(input.get());
  ErrorCounter errors;
  generated.removeErrorListeners();
  generated.addErrorListener(&errors);
  antlr4::CommonTokenStream expected(&generated);
  expected.fill();
  out.lexer_error = !errors.first().empty();
  if (!lexed) {
    out.declined = true;
    return out;
  }
  if (!errors.first().empty()) {
    out.difference =
        "the generated lexer reports '" + Escaped(errors.first()) + "', the fast lexer gave tokens";
    return out;
  }
  std::unique_ptr<antlr4::TokenSource> source = MakeTokenSource(text, std::move(*lexed));
  antlr4::CommonTokenStream actual(source.get());
  actual.fill();
  const auto& vocabulary = generated.getVocabulary();
  antlr4::CharStream& want_stream = *input;
  antlr4::CharStream& got_stream = *source->getInputStream();
  if (want_stream.size() != got_stream.size()) {
    out.difference = "input stream size " + std::to_string(got_stream.size()) + ", want " +
                     std::to_string(want_stream.size());
    return out;
  }
  const std::vector<antlr4::Token*> want = expected.getTokens();
  const std::vector<antlr4::Token*> got = actual.getTokens();
  for (size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const std::string w = i < want.size() ? Describe(*want[i], vocabulary) : "nothing";
    const std::string g = i < got.size() ? Describe(*got[i], vocabulary) : "nothing";
    if (w != g) {
      out.difference = "token " + std::to_string(i) + " is " + g + ", want " + w;
      return out;
    }
  }
  // Spans of text as the transformer takes them (first token's start to a
  // later token's stop), and the clamped and inverted intervals.
  std::vector<antlr4::misc::Interval> spans;
  for (size_t i = 0; i < got.size(); ++i) {
    const size_t j = std::min(i + 2, got.size() - 1);
    spans.emplace_back(got[i]->getStartIndex(), got[j]->getStopIndex());
    spans.emplace_back(got[0]->getStartIndex(), got[i]->getStopIndex());
  }
  const auto size = static_cast<ssize_t>(want_stream.size());
  spans.emplace_back(ssize_t{-1}, size);
  spans.emplace_back(ssize_t{0}, size + 5);
  spans.emplace_back(size / 2, size / 2 - 3);
  spans.emplace_back(size, size);
  for (const auto& span : spans) {
    const std::string w = want_stream.getText(span);
    const std::string g = got_stream.getText(span);
    if (w != g) {
      out.difference =
          "text of " + span.toString() + " is '" + Escaped(g) + "', want '" + Escaped(w) + "'";
      return out;
    }
  }
  return out;
}

}  // namespace tessera::sql::transform
