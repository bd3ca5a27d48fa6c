#include "sqlparser/transform/fast_lexer.h"

#include <algorithm>
#include <cstdint>

#include "MySqlLexer.h"
#include "antlr4-runtime.h"
#include "sqlparser/line_comment.h"
#include "sqlparser/transform/utf8_sequence.h"

namespace tessera::sql::transform {

namespace {

using tessera_sql::MySqlLexer;

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

// One pass over one text. Every scan function starts at the first character
// of a token (or of skipped text) and returns false to decline.
class Scanner {
 public:
  Scanner(const LexerGrammar& grammar, std::string_view text) : grammar_(grammar), text_(text) {}

  std::optional<std::vector<LexedToken>> Run() {
    if (!grammar_.unsupported_rule().empty()) return std::nullopt;
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
        if (OpensDashComment(text_, pos_)) return SkipLineRest();
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

  // '#' or '-- ': up to the line feed, which is not part of it ('\r' does
  // not end a comment in MariaDB).
  bool SkipLineRest() {
    const size_t end = text_.find('\n', pos_);
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
    return Emit(grammar_.WordType(text_.substr(first, pos_ - first)));
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
    for (const LexerGrammar::Operator& op : grammar_.OperatorsStartingWith(c)) {
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

  const LexerGrammar& grammar_;
  std::string_view text_;
  std::vector<LexedToken> tokens_;
  size_t pos_ = 0;    // bytes
  size_t index_ = 0;  // code points
  size_t line_ = 1;
  size_t column_ = 0;
  size_t begin_ = 0, start_ = 0, start_line_ = 1, start_column_ = 0;  // of the current token
};

}  // namespace

std::optional<std::vector<LexedToken>> FastLexer::Lex(std::string_view text) const {
  return Scanner(grammar_, text).Run();
}

}  // namespace tessera::sql::transform
