// Fuzz target for FastLexer (sqlparser/transform/fast_lexer.h) against the
// generated MySqlLexer.
//
// Checked for every input, as RunParse prepares it (executable comment
// markers blanked, raw bytes mapped) and, when it is UTF-8 without raw bytes
// to map, as it is:
// - no crash, hang or leak;
// - the fast lexer gives the generated lexer's tokens (type, text, channel,
//   start and stop, line and position in line, and the input stream's text
//   between tokens), or declines;
// - it declines only where the generated lexer reports an error (or the
//   text starts with a byte order mark, which it leaves to the generated
//   lexer).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlparser/query_text.h"
#include "sqlparser/transform/fast_lexer.h"
#include "sqlparser/transform/lexer_comparison.h"
#include "sqlparser/transform/raw_bytes.h"
#include "tests/fuzz/fuzz_failure.h"

namespace {

using tessera::fuzz::FuzzFailure;
using tessera::sql::transform::CompareWithGeneratedLexer;
using tessera::sql::transform::FastLexer;
using tessera::sql::transform::LexerComparison;

const FastLexer& Lexer() {
  static const FastLexer lexer;
  return lexer;
}

void Check(std::string_view input, std::string_view text) {
  const LexerComparison c = CompareWithGeneratedLexer(Lexer(), text);
  if (!c.difference.empty()) {
    FuzzFailure("the fast lexer's tokens differ from the generated lexer's",
                {{"input", input}, {"lexed text", text}, {"difference", c.difference}});
  }
  if (c.declined && !c.lexer_error && !text.starts_with("\xEF\xBB\xBF")) {
    FuzzFailure(
        "the fast lexer declines a text the generated lexer lexes",
        {{"input", input}, {"lexed text", text}, {"unsupported rule", Lexer().unsupported_rule()}});
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string prepared = tessera::sql::BlankExecutableCommentMarkers(input);
  if (auto mapped = tessera::sql::MapRawBytes(prepared)) prepared = std::move(*mapped);
  Check(input, prepared);
  if (!tessera::sql::MapRawBytes(input)) Check(input, input);
  return 0;
}
