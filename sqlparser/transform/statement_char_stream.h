// StatementCharStream: a UTF-8 statement text as ANTLR's CharStream, the
// input stream of the tokens a FastLexer run gives, without
// ANTLRInputStream's UTF-32 copy of the text.
//
// Contract:
// - size(), index() and intervals count code points, as ANTLRInputStream's
//   do, and getText(Interval) clamps intervals as ANTLRInputStream::getText
//   does, so a token's text and the text between tokens are the ones the
//   generated lexer's input stream gives.
// - The text is valid UTF-8 (a text FastLexer lexed is) and outlives the
//   stream.
// - In a text that is not all ASCII, LA() and getText() find a position by
//   walking the text from its start: fine for the parser, which after
//   lexing only asks for size() and getText(). mark() and release() keep
//   nothing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "antlr4-runtime.h"

namespace tessera::sql::transform {

class StatementCharStream : public antlr4::CharStream {
 public:
  // `size`: the number of code points in `text`.
  StatementCharStream(std::string_view text, size_t size)
      : text_(text), ascii_(size == text.size()), size_(size) {}

  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return p_; }
  void seek(size_t index) override { p_ = std::min(index, size_); }
  size_t size() override { return size_; }
  std::string getSourceName() const override { return antlr4::IntStream::UNKNOWN_SOURCE_NAME; }
  std::string toString() const override { return std::string(text_); }

  // As ANTLRInputStream::getText, including its clamping.
  std::string getText(const antlr4::misc::Interval& interval) override;

 private:
  size_t Offset(size_t index) const;

  std::string_view text_;
  bool ascii_;
  size_t size_;
  size_t p_ = 0;
};

}  // namespace tessera::sql::transform
