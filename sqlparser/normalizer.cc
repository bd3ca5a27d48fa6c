#include "sqlparser/normalizer.h"

#include <array>
#include <cstdint>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "sqlparser/format.h"
#include "sqlparser/line_comment.h"
#include "sqlparser/query_text.h"

namespace tessera::sql {
namespace {

// Byte classes, as the C locale's <cctype> has them, without its calls.
enum : uint8_t { kDigit = 1, kHexDigit = 2, kIdentStart = 4 };
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit | kHexDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kIdentStart;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kIdentStart;
  for (int c = 'a'; c <= 'f'; ++c) t[c] |= kHexDigit;
  for (int c = 'A'; c <= 'F'; ++c) t[c] |= kHexDigit;
  t['_'] = t['$'] = kIdentStart;
  for (int c = 0x80; c < 256; ++c) t[c] = kIdentStart;
  return t;
}();

bool IsDigit(unsigned char c) {
  return kByteClass[c] & kDigit;
}
bool IsHexDigit(unsigned char c) {
  return kByteClass[c] & kHexDigit;
}
bool IsIdentStart(unsigned char c) {
  return kByteClass[c] & kIdentStart;
}
bool IsIdentPart(unsigned char c) {
  return kByteClass[c] & (kIdentStart | kDigit);
}
char AsciiUpper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

template <size_t N>
bool OneOf(std::string_view word, const std::array<std::string_view, N>& set) {
  for (std::string_view s : set)
    if (s == word) return true;
  return false;
}

constexpr std::array<std::string_view, 7> kDataVerbs = {"SELECT", "INSERT", "REPLACE", "UPDATE",
                                                        "DELETE", "WITH",   "VALUES"};
// A string right after these words is not a value of the statement.
constexpr std::array<std::string_view, 5> kKeepNextString = {"AS", "SEPARATOR", "DATE", "TIME",
                                                             "TIMESTAMP"};
// Words after which a string is an operand. After any other word (a column,
// NULL, END, ...), after `)`, a number or a variable, a string can only be
// an alias (`SELECT c 'name'`) and is kept as written.
constexpr std::array<std::string_view, 51> kOperandBefore = {"SELECT",
                                                             "DISTINCT",
                                                             "DISTINCTROW",
                                                             "ALL",
                                                             "ANY",
                                                             "SOME",
                                                             "WHERE",
                                                             "HAVING",
                                                             "ON",
                                                             "AND",
                                                             "OR",
                                                             "XOR",
                                                             "NOT",
                                                             "LIKE",
                                                             "RLIKE",
                                                             "REGEXP",
                                                             "IN",
                                                             "IS",
                                                             "BETWEEN",
                                                             "THEN",
                                                             "ELSE",
                                                             "WHEN",
                                                             "CASE",
                                                             "SET",
                                                             "VALUES",
                                                             "VALUE",
                                                             "BY",
                                                             "INTERVAL",
                                                             "ESCAPE",
                                                             "DIV",
                                                             "MOD",
                                                             "BINARY",
                                                             "FROM",
                                                             "LEADING",
                                                             "TRAILING",
                                                             "BOTH",
                                                             "RETURNING",
                                                             "UNION",
                                                             "EXCEPT",
                                                             "INTERSECT",
                                                             "WITH",
                                                             "AGAINST",
                                                             "USING",
                                                             "DEFAULT",
                                                             "HIGH_PRIORITY",
                                                             "STRAIGHT_JOIN",
                                                             "SQL_CALC_FOUND_ROWS",
                                                             "SQL_NO_CACHE",
                                                             "SQL_CACHE",
                                                             "SQL_SMALL_RESULT",
                                                             "SQL_BIG_RESULT"};
// Numbers inside `word(...)` are part of a type or a niladic function call.
constexpr std::array<std::string_view, 31> kKeepParenWords = {
    "CHAR",         "CHARACTER", "VARCHAR",   "BINARY",    "VARBINARY",
    "DECIMAL",      "DEC",       "NUMERIC",   "FIXED",     "NCHAR",
    "DATETIME",     "TIME",      "TIMESTAMP", "FLOAT",     "DOUBLE",
    "REAL",         "INT",       "INTEGER",   "BIGINT",    "SMALLINT",
    "TINYINT",      "MEDIUMINT", "BIT",       "NOW",       "CURRENT_TIMESTAMP",
    "CURRENT_TIME", "CURTIME",   "SYSDATE",   "LOCALTIME", "LOCALTIMESTAMP",
    "UTC_TIMESTAMP"};
// Words that end an ORDER BY / GROUP BY / LIMIT clause at the same depth.
constexpr std::array<std::string_view, 5> kClauseEnd = {"HAVING", "UNION", "WINDOW", "EXCEPT",
                                                        "INTERSECT"};

// A word in upper case when short enough to be a keyword; empty otherwise.
class KeywordBuf {
 public:
  void Set(std::string_view word) {
    len_ = word.size() < sizeof(data_) ? word.size() : 0;
    for (size_t i = 0; i < len_; ++i) data_[i] = AsciiUpper(word[i]);
  }
  void Clear() { len_ = 0; }
  std::string_view view() const { return std::string_view(data_, len_); }

 private:
  char data_[24];
  size_t len_ = 0;
};

struct ParenFrame {
  bool keep_literals = false;
  bool in_list = false;       // `IN (`
  bool all_literal = true;    // every item so far is exactly one parameterized literal
  int item_tokens = 0;        // tokens of the current item
  bool item_literal = false;  // the last token of the current item was a parameterized literal
  size_t fp_start = 0;        // offset of `(` in the fingerprint form
};

// Outcome of a scan: kDone (normalized), kLeaveAlone (return the input).
enum class ScanResult { kDone, kLeaveAlone };

class Scanner {
 public:
  explicit Scanner(std::string_view sql) : s_(sql), n_(sql.size()) {
    out_.text.reserve(n_ + 16);
    fp_.reserve(n_ + 16);
  }

  Result<ScanResult> Run();
  Normalized Take() {
    out_.fingerprint = XXH3_64bits(fp_.data(), fp_.size());
    out_.parameterized = true;
    return std::move(out_);
  }

 private:
  // Minus signs run together at the end of the text are spaced out (`- -`):
  // followed by whitespace or the end of the text, `--` would open a comment
  // (`1----\n+2` is 1 - - +2; written `1-- +2` it would be 1).
  void SplitFinalDashes() {
    const std::string& t = out_.text;
    size_t run = 0;
    while (run < t.size() && t[t.size() - 1 - run] == '-') ++run;
    if (run < 2) return;
    std::string spaced(2 * run - 1, ' ');
    for (size_t k = 0; k < run; ++k) spaced[2 * k] = '-';
    out_.text.replace(out_.text.size() - run, run, spaced);
    fp_.replace(fp_.size() - run, run, spaced);  // the fingerprint form ends the same way
  }
  void PutSpace() {
    SplitFinalDashes();
    out_.text.push_back(' ');
    fp_.push_back(' ');
  }
  // Appends verbatim text to the text and the fingerprint form.
  void Put(std::string_view piece) {
    if (piece.empty()) return;
    if ((pending_space_ && !out_.text.empty()) ||
        (after_bind_var_ && IsIdentPart(static_cast<unsigned char>(piece.front())))) {
      PutSpace();
    } else if (IsSpace(piece.front())) {
      SplitFinalDashes();
    }
    pending_space_ = false;
    after_bind_var_ = false;
    out_.text.append(piece);
    fp_.append(piece);
  }
  void PutBindVar() {
    if (pending_space_ && !out_.text.empty()) PutSpace();
    pending_space_ = false;
    char digits[24];
    size_t len = 0;
    for (size_t v = out_.values.size(); v > 0; v /= 10)
      digits[len++] = static_cast<char>('0' + v % 10);
    out_.text.append(":v");
    while (len > 0) out_.text.push_back(digits[--len]);
    fp_.append(":v");
    after_bind_var_ = true;
  }
  // Records one significant token for IN-list tracking.
  void NoteToken(bool parameterized_literal) {
    if (parens_.empty()) return;
    ParenFrame& top = parens_.back();
    ++top.item_tokens;
    top.item_literal = parameterized_literal;
  }
  void CloseItem(ParenFrame& frame) {
    if (frame.item_tokens != 1 || !frame.item_literal) frame.all_literal = false;
    frame.item_tokens = 0;
    frame.item_literal = false;
  }
  bool KeepLiterals() const {
    return keep_clause_ || (!parens_.empty() && parens_.back().keep_literals);
  }
  // A literal: parameterized unless the context needs it as written.
  void Value(NormalizedValueKind kind, std::string raw, std::string sql, std::string_view verbatim,
             bool keep) {
    if (keep || KeepLiterals()) {
      Put(verbatim);
      NoteToken(false);
      return;
    }
    out_.values.push_back(NormalizedValue{kind, std::move(raw), std::move(sql)});
    PutBindVar();
    NoteToken(true);
  }

  Result<size_t> ScanString(size_t i, std::string& raw) const;
  size_t SkipBlanksAndComments(size_t i) const;
  Result<ScanResult> Word(size_t& i, bool keep_string);
  void Number(size_t& i);

  std::string_view s_;
  size_t n_;
  Normalized out_;
  std::string fp_;  // fingerprint form
  bool pending_space_ = false;
  bool after_bind_var_ = false;
  bool first_word_seen_ = false;
  bool in_exec_comment_ = false;
  bool keep_next_string_ = false;
  bool keep_clause_ = false;
  size_t keep_clause_depth_ = 0;
  KeywordBuf prev_word_;  // empty when the previous token was not a (short) word
  std::vector<ParenFrame> parens_;
};

// Scans the quoted string starting at `i`, appending its value to `raw`;
// returns the offset after the closing quote.
Result<size_t> Scanner::ScanString(size_t i, std::string& raw) const {
  const char quote = s_[i];
  size_t j = i + 1;
  while (true) {
    size_t run = j;
    while (run < n_ && s_[run] != quote && s_[run] != '\\') ++run;
    raw.append(s_.data() + j, run - j);
    j = run;
    if (j >= n_) return SyntaxError(s_, i);
    const char c = s_[j];
    if (c == '\\') {
      if (j + 1 >= n_) return SyntaxError(s_, i);
      const char e = s_[j + 1];
      switch (e) {
        case '0':
          raw.push_back('\0');
          break;
        case 'b':
          raw.push_back('\b');
          break;
        case 'n':
          raw.push_back('\n');
          break;
        case 'r':
          raw.push_back('\r');
          break;
        case 't':
          raw.push_back('\t');
          break;
        case 'Z':
          raw.push_back('\x1a');
          break;
        case '%':
        case '_':
          raw.push_back('\\');  // kept for LIKE patterns, as the parser does
          raw.push_back(e);
          break;
        default:
          raw.push_back(e);
          break;
      }
      j += 2;
      continue;
    }
    if (c == quote) {
      if (j + 1 < n_ && s_[j + 1] == quote) {
        raw.push_back(quote);
        j += 2;
        continue;
      }
      return j + 1;
    }
    raw.push_back(c);
    ++j;
  }
}

// Offset of the first character at or after `i` that is neither whitespace
// nor part of an ordinary comment (the lexer skips both between tokens).
// Executable comments and unterminated comments stop the skip.
size_t Scanner::SkipBlanksAndComments(size_t i) const {
  while (i < n_) {
    if (IsSpace(s_[i])) {
      ++i;
    } else if (s_[i] == '#' || OpensDashComment(s_, i)) {
      while (i < n_ && s_[i] != '\n') ++i;
    } else if (s_[i] == '/' && i + 2 < n_ && s_[i + 1] == '*' && s_[i + 2] != '!') {
      const size_t end = s_.find("*/", i + 2);
      if (end == std::string_view::npos) return i;
      i = end + 2;
    } else {
      return i;
    }
  }
  return i;
}

void Scanner::Number(size_t& i) {
  const size_t start = i;
  size_t j = i;
  NormalizedValueKind kind = NormalizedValueKind::kInt;
  std::string raw;
  auto is_digit = [&](size_t k) { return k < n_ && IsDigit(static_cast<unsigned char>(s_[k])); };
  if (s_[j] == '0' && j + 2 < n_ && s_[j + 1] == 'x' &&
      IsHexDigit(static_cast<unsigned char>(s_[j + 2]))) {
    j += 2;
    while (j < n_ && IsHexDigit(static_cast<unsigned char>(s_[j]))) ++j;
    kind = NormalizedValueKind::kHex;
    raw = std::string(s_.substr(start + 2, j - start - 2));
  } else if (s_[j] == '0' && j + 2 < n_ && s_[j + 1] == 'b' &&
             (s_[j + 2] == '0' || s_[j + 2] == '1')) {
    j += 2;
    while (j < n_ && (s_[j] == '0' || s_[j] == '1')) ++j;
    kind = NormalizedValueKind::kBit;
    raw = std::string(s_.substr(start + 2, j - start - 2));
  } else {
    while (is_digit(j)) ++j;
    if (j < n_ && s_[j] == '.') {
      kind = NormalizedValueKind::kDecimal;
      ++j;
      while (is_digit(j)) ++j;
    }
    if (j < n_ && (s_[j] == 'e' || s_[j] == 'E')) {
      size_t k = j + 1;
      if (k < n_ && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (is_digit(k)) {
        while (is_digit(k)) ++k;
        kind = NormalizedValueKind::kFloat;
        j = k;
      }
    }
  }
  if (j < n_ && IsIdentPart(static_cast<unsigned char>(s_[j]))) {
    // 1abc, 0x1g, 1e: not a number the grammar reads as one literal; keep it.
    while (j < n_ && IsIdentPart(static_cast<unsigned char>(s_[j]))) ++j;
    Put(s_.substr(start, j - start));
    NoteToken(false);
    i = j;
    return;
  }
  const std::string_view text = s_.substr(start, j - start);
  if (raw.empty()) raw = std::string(text);
  Value(kind, std::move(raw), std::string(text), text, false);
  i = j;
}

Result<ScanResult> Scanner::Word(size_t& i, bool keep_string) {
  const size_t start = i;
  size_t j = i;
  while (j < n_ && IsIdentPart(static_cast<unsigned char>(s_[j]))) ++j;
  const std::string_view word = s_.substr(start, j - start);
  KeywordBuf upper_buf;
  upper_buf.Set(word);
  const std::string_view upper = upper_buf.view();

  if (!first_word_seen_) {
    first_word_seen_ = true;
    if (!OneOf(upper, kDataVerbs)) return ScanResult::kLeaveAlone;
  }
  // Literals spelled with a prefix: X'..', b'..', N'..', _charset'..'.
  if (j < n_ && s_[j] == '\'' && word.size() == 1 && (upper == "X" || upper == "B")) {
    size_t k = j + 1;
    while (k < n_ && s_[k] != '\'') ++k;
    if (k >= n_) return SyntaxError(s_, start);
    const std::string_view text = s_.substr(start, k + 1 - start);
    Value(upper == "X" ? NormalizedValueKind::kHex : NormalizedValueKind::kBit,
          std::string(s_.substr(j + 1, k - j - 1)), std::string(text), text, keep_string);
    prev_word_.Clear();
    keep_next_string_ = true;  // an alias
    i = k + 1;
    return ScanResult::kDone;
  }
  if (j < n_ && (s_[j] == '\'' || s_[j] == '"') && (upper == "N" || word.front() == '_')) {
    std::string ignored;
    auto end = ScanString(j, ignored);
    if (!end.ok()) return end.error();
    size_t stop = *end;
    while (true) {  // adjacent strings are part of the literal: _utf8mb4'a' 'b'
      const size_t k = SkipBlanksAndComments(stop);
      if (k >= n_ || (s_[k] != '\'' && s_[k] != '"')) break;
      auto next = ScanString(k, ignored);
      if (!next.ok()) return next.error();
      stop = *next;
    }
    Put(s_.substr(start, stop - start));
    NoteToken(false);
    prev_word_.Clear();
    keep_next_string_ = true;  // an alias
    i = stop;
    return ScanResult::kDone;
  }
  Put(word);
  NoteToken(false);
  i = j;

  if (word.front() == '_') {
    const size_t k = SkipBlanksAndComments(j);
    if (k < n_ && (s_[k] == '\'' || s_[k] == '"')) keep_next_string_ = true;  // _utf8mb4 'x'
    if (k + 1 < n_ && ((s_[k] | 0x20) == 'x' || (s_[k] | 0x20) == 'b') && s_[k + 1] == '\'') {
      keep_next_string_ = true;  // _utf8mb4 X'..', _binary b'..'
    }
  }
  if (upper == "D" || upper == "T" || upper == "TS") {
    // {d 'x'}, {t 'x'}, {ts 'x'}: the ODBC date and time escapes keep their text.
    size_t k = start;
    while (k > 0 && IsSpace(s_[k - 1])) --k;
    if (k > 0 && s_[k - 1] == '{') keep_next_string_ = true;
  }
  if (upper == "BY" && (prev_word_.view() == "ORDER" || prev_word_.view() == "GROUP")) {
    keep_clause_ = true;
    keep_clause_depth_ = parens_.size();
  } else if (upper == "LIMIT" || upper == "OFFSET" || upper == "WAIT") {
    if (!keep_clause_) keep_clause_depth_ = parens_.size();
    keep_clause_ = true;
  } else if (keep_clause_ && parens_.size() <= keep_clause_depth_ && OneOf(upper, kClauseEnd)) {
    keep_clause_ = false;
  }
  if (OneOf(upper, kKeepNextString)) keep_next_string_ = true;
  prev_word_ = upper_buf;
  return ScanResult::kDone;
}

Result<ScanResult> Scanner::Run() {
  size_t i = 0;
  while (i < n_) {
    const char c = s_[i];
    const unsigned char uc = static_cast<unsigned char>(c);
    if (IsSpace(c)) {
      pending_space_ = true;
      ++i;
      continue;
    }
    if (c == '#' || OpensDashComment(s_, i)) {
      while (i < n_ && s_[i] != '\n') ++i;
      pending_space_ = true;
      continue;
    }
    if (c == '/' && i + 1 < n_ && s_[i + 1] == '*') {
      if (i + 2 < n_ && s_[i + 2] == '!') {
        size_t j = i + 3;
        while (j < n_ && IsDigit(static_cast<unsigned char>(s_[j]))) ++j;
        Put(s_.substr(i, j - i));
        pending_space_ = true;  // the version number must not run into the body
        in_exec_comment_ = true;
        i = j;
        continue;
      }
      const size_t end = s_.find("*/", i + 2);
      if (end == std::string_view::npos) return SyntaxError(s_, i);
      pending_space_ = true;
      i = end + 2;
      continue;
    }
    if (in_exec_comment_ && c == '*' && i + 1 < n_ && s_[i + 1] == '/') {
      pending_space_ = false;
      Put(" */");
      in_exec_comment_ = false;
      i += 2;
      continue;
    }

    // A significant token: the one-token look-back flags apply to it only.
    const bool keep_string = keep_next_string_;
    keep_next_string_ = false;
    if (IsIdentStart(uc)) {
      auto r = Word(i, keep_string);
      if (!r.ok() || *r == ScanResult::kLeaveAlone) return r;
      continue;
    }
    if (!first_word_seen_ && c != '(') return ScanResult::kLeaveAlone;
    const KeywordBuf prev_word_buf = prev_word_;
    const std::string_view prev_word = prev_word_buf.view();
    prev_word_.Clear();

    if (c == '\'' || c == '"') {
      std::string raw;
      auto end = ScanString(i, raw);
      if (!end.ok()) return end.error();
      size_t j = *end;
      // Adjacent strings are one literal: 'a' 'b' and 'a' /* c */ 'b' are 'ab'.
      while (true) {
        const size_t k = SkipBlanksAndComments(j);
        if (k >= n_ || (s_[k] != '\'' && s_[k] != '"')) break;
        auto next = ScanString(k, raw);
        if (!next.ok()) return next.error();
        j = *next;
      }
      // After a word that takes no operand (a column, NULL, END, ...) a
      // string is an alias. Looked up here, not at every word.
      const bool alias = !prev_word.empty() && !OneOf(prev_word, kOperandBefore);
      std::string sql = QuoteString(raw);
      Value(NormalizedValueKind::kString, std::move(raw), std::move(sql), s_.substr(i, j - i),
            keep_string || alias);
      i = j;
      continue;
    }
    if (c == '`') {
      size_t j = i + 1;
      while (true) {
        if (j >= n_) return SyntaxError(s_, i);
        if (s_[j] == '`') {
          if (j + 1 < n_ && s_[j + 1] == '`') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      Put(s_.substr(i, j + 1 - i));
      NoteToken(false);
      keep_next_string_ = true;  // a string after a name is its alias
      i = j + 1;
      continue;
    }
    const bool dot_number = c == '.' && i + 1 < n_ &&
                            IsDigit(static_cast<unsigned char>(s_[i + 1])) &&
                            (pending_space_ || out_.text.empty() ||
                             (!IsIdentPart(static_cast<unsigned char>(out_.text.back())) &&
                              out_.text.back() != '`' && out_.text.back() != ')'));
    if (IsDigit(uc) || dot_number) {
      Number(i);
      keep_next_string_ = true;  // a string after a number is its alias
      continue;
    }
    if (c == '?') return ScanResult::kLeaveAlone;
    if (c == ':' && i + 1 < n_ && IsIdentStart(static_cast<unsigned char>(s_[i + 1]))) {
      return ScanResult::kLeaveAlone;
    }
    if (c == '@') {
      size_t j = i + 1;
      if (j < n_ && (s_[j] == '\'' || s_[j] == '"' || s_[j] == '`')) {
        const char q = s_[j];
        size_t k = j + 1;
        while (k < n_ && s_[k] != q) k += (s_[k] == '\\' && q != '`') ? 2 : 1;
        if (k >= n_) return SyntaxError(s_, i);
        j = k + 1;
      } else {
        if (j < n_ && s_[j] == '@') ++j;
        while (j < n_ && (IsIdentPart(static_cast<unsigned char>(s_[j])) || s_[j] == '.')) ++j;
      }
      Put(s_.substr(i, j - i));
      NoteToken(false);
      keep_next_string_ = true;  // a string after a variable is its alias
      i = j;
      continue;
    }
    if (c == '(') {
      NoteToken(false);
      ParenFrame frame;
      frame.keep_literals = KeepLiterals() || OneOf(prev_word, kKeepParenWords);
      frame.in_list = prev_word == "IN";
      if (pending_space_ && !out_.text.empty()) {
        PutSpace();
        pending_space_ = false;
      }
      frame.fp_start = fp_.size();
      parens_.push_back(frame);
      Put("(");
      ++i;
      continue;
    }
    if (c == ')') {
      if (!parens_.empty()) {
        ParenFrame frame = parens_.back();
        parens_.pop_back();
        CloseItem(frame);
        Put(")");
        if (frame.in_list && frame.all_literal) {
          fp_.resize(frame.fp_start);
          fp_.append("(:vl)");
        }
        if (keep_clause_ && parens_.size() < keep_clause_depth_) keep_clause_ = false;
      } else {
        Put(")");
      }
      keep_next_string_ = true;  // a string after `)` is an alias
      ++i;
      continue;
    }
    if (c == ',') {
      if (!parens_.empty()) CloseItem(parens_.back());
      Put(",");
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < n_ && s_[i + 1] == '>') {
      const size_t len = (i + 2 < n_ && s_[i + 2] == '>') ? 3 : 2;
      Put(s_.substr(i, len));
      NoteToken(false);
      keep_next_string_ = true;  // JSON path
      i += len;
      continue;
    }
    if (c == ';') {
      keep_clause_ = false;
    }
    Put(s_.substr(i, 1));
    NoteToken(false);
    ++i;
  }
  if (!first_word_seen_) return ScanResult::kLeaveAlone;
  if (!out_.text.empty() && out_.text.back() == ';') {
    out_.text.pop_back();
    fp_.pop_back();
    while (!out_.text.empty() && out_.text.back() == ' ') {
      out_.text.pop_back();
      fp_.pop_back();
    }
  }
  SplitFinalDashes();
  return ScanResult::kDone;
}

}  // namespace

Result<Normalized> Normalize(std::string_view sql) {
  Scanner scanner(sql);
  auto result = scanner.Run();
  if (!result.ok()) return result.error();
  if (*result == ScanResult::kDone) return scanner.Take();
  Normalized unchanged;
  unchanged.text = std::string(sql);
  unchanged.fingerprint = XXH3_64bits(sql.data(), sql.size());
  return unchanged;
}

}  // namespace tessera::sql
