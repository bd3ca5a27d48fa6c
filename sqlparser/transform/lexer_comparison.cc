#include "sqlparser/transform/lexer_comparison.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <vector>

#include "MySqlLexer.h"
#include "antlr4-runtime.h"
#include "sqlparser/transform/lexed_token_source.h"

namespace tessera::sql::transform {

namespace {

using tessera_sql::MySqlLexer;

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

std::string Describe(antlr4::Token& t, const antlr4::dfa::Vocabulary& vocabulary) {
  return vocabulary.getSymbolicName(t.getType()) + " " + std::to_string(t.getStartIndex()) + ".." +
         std::to_string(t.getStopIndex()) + " line " + std::to_string(t.getLine()) + ":" +
         std::to_string(t.getCharPositionInLine()) + " channel " + std::to_string(t.getChannel()) +
         " '" + Escaped(t.getText()) + "'";
}

}  // namespace

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

}  // namespace tessera::sql::transform
