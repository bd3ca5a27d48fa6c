// WordScanner: a cursor over a short command text for the hand-written
// recognisers of statements that are not SQL our grammar knows (vtgate's
// SHOW BRANCHES / ALTER MIGRATION, the tablet's MIGRATION commands): words
// (lower-cased), quoted strings, and the rest of the text.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "common/ascii.h"

namespace tessera {

class WordScanner {
 public:
  explicit WordScanner(std::string_view text) : text_(text) {}

  // The next run of letters, digits and '_', lower-cased ("" at the end).
  std::string Word() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    return AsciiLower(text_.substr(start, pos_ - start));
  }
  // A '...' or "..." string, without its quotes; nullopt when there is none
  // or it is not terminated.
  std::optional<std::string> Quoted() {
    SkipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return std::nullopt;
    char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) out += text_[pos_++];
    if (pos_ >= text_.size()) return std::nullopt;
    ++pos_;
    return out;
  }
  // What is left, without surrounding white space and trailing ';'.
  std::string_view Rest() {
    SkipSpace();
    std::string_view rest = text_.substr(pos_);
    while (!rest.empty() &&
           (rest.back() == ';' || std::isspace(static_cast<unsigned char>(rest.back()))))
      rest.remove_suffix(1);
    return rest;
  }
  bool AtEnd() { return Rest().empty(); }
  // Consumes the next word when it is `word`.
  bool Accept(std::string_view word) {
    size_t saved = pos_;
    if (Word() == word) return true;
    pos_ = saved;
    return false;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace tessera
