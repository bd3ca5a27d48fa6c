#include "sqlparser/transform/lexed_token_source.h"

#include <string>
#include <utility>

#include "antlr4-runtime.h"
#include "sqlparser/transform/statement_char_stream.h"

namespace tessera::sql::transform {

namespace {

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

}  // namespace

std::unique_ptr<antlr4::TokenSource> MakeTokenSource(std::string_view text,
                                                     std::vector<LexedToken> tokens) {
  return std::make_unique<LexedTokenSource>(text, std::move(tokens));
}

}  // namespace tessera::sql::transform
