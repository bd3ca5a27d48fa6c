#include "sqlparser/transform/statement_char_stream.h"

#include <algorithm>
#include <cstdint>

#include "sqlparser/transform/utf8_sequence.h"

namespace tessera::sql::transform {

void StatementCharStream::consume() {
  if (p_ >= size_) throw antlr4::IllegalStateException("cannot consume EOF");
  ++p_;
}

size_t StatementCharStream::LA(ssize_t i) {
  if (i == 0) return 0;
  const auto position = static_cast<ssize_t>(p_);
  const ssize_t at = i < 0 ? position + i : position + i - 1;
  if (at < 0 || at >= static_cast<ssize_t>(size_)) return antlr4::IntStream::EOF;
  const size_t offset = Offset(static_cast<size_t>(at));
  uint32_t cp = 0;
  Utf8Sequence(text_, offset, cp);
  return cp;
}

std::string StatementCharStream::getText(const antlr4::misc::Interval& interval) {
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

size_t StatementCharStream::Offset(size_t index) const {
  return ascii_ ? index : Utf8ByteOffset(text_, index);
}

}  // namespace tessera::sql::transform
