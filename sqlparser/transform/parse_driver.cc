#include "sqlparser/transform/parse_driver.h"

#include <cctype>
#include <memory>
#include <optional>

#include "MySqlLexer.h"
#include "antlr4-runtime.h"
#include "sqlparser/query_text.h"
#include "sqlparser/transform/fast_lexer.h"
#include "sqlparser/transform/lexed_token_source.h"
#include "sqlparser/transform/raw_bytes.h"
#include "sqlparser/transform/transformer.h"
#include "sqlparser/transform/unmodeled_statement.h"
#include "sqlparser/transform/utf8_sequence.h"

namespace tessera::sql::transform {

namespace {
// Records the code-point index of the first lexer or parser error.
class FirstErrorListener : public antlr4::BaseErrorListener {
 public:
  explicit FirstErrorListener(size_t end) : end_(end) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    if (index_) return;
    if (auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer)) {
      index_ = lexer->tokenStartCharIndex;
    } else if (offending == nullptr || offending->getType() == antlr4::Token::EOF) {
      index_ = end_;
    } else {
      index_ = offending->getStartIndex();
    }
  }

  const std::optional<size_t>& index() const { return index_; }

 private:
  size_t end_;
  std::optional<size_t> index_;
};

// The statement's words, upper case, for UnmodeledConstruct.
std::vector<std::string> UpperWords(antlr4::CommonTokenStream& tokens) {
  std::vector<std::string> words;
  for (auto* tok : tokens.getTokens()) {
    if (tok->getType() == antlr4::Token::EOF) break;
    std::string w = tok->getText();
    for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    words.push_back(std::move(w));
  }
  return words;
}

const FastLexer& StatementLexer() {
  static const FastLexer lexer;
  return lexer;
}

// The token source of one statement's text: FastLexer's tokens, or the
// generated lexer's (and its first error) where FastLexer declines. Tokens
// point into it.
struct StatementTokenSource {
  std::unique_ptr<antlr4::TokenSource> fast;
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::optional<FirstErrorListener> generated_errors;
  std::unique_ptr<tessera_sql::MySqlLexer> generated;

  antlr4::TokenSource& source() { return fast ? *fast : *generated; }
};
}  // namespace

Result<ast::StatementPtr> RunParse(std::string_view sql, ParseStats& stats) {
  std::string text = BlankExecutableCommentMarkers(sql);
  if (auto mapped = MapRawBytes(text)) text = std::move(*mapped);
  StatementTokenSource lexed;
  if (auto tokens = StatementLexer().Lex(text)) {
    lexed.fast = MakeTokenSource(text, std::move(*tokens));
  } else {
    try {
      lexed.input = std::make_unique<antlr4::ANTLRInputStream>(text);
    } catch (const std::exception&) {
      return Error::Make(mysql_errno::kParse, "Invalid utf8 character string in the statement");
    }
    lexed.generated = std::make_unique<tessera_sql::MySqlLexer>(lexed.input.get());
    lexed.generated_errors.emplace(lexed.input->size());
    lexed.generated->removeErrorListeners();
    lexed.generated->addErrorListener(&*lexed.generated_errors);
  }
  const size_t end = lexed.source().getInputStream()->size();
  antlr4::CommonTokenStream tokens(&lexed.source());
  tokens.fill();
  if (lexed.generated_errors && lexed.generated_errors->index()) {
    return SyntaxError(sql, Utf8ByteOffset(sql, *lexed.generated_errors->index()));
  }

  std::unordered_map<size_t, int> placeholders;
  bool only_semicolons = true;
  for (auto* tok : tokens.getTokens()) {
    if (tok->getType() == tessera_sql::MySqlLexer::QUESTION) {
      placeholders.emplace(tok->getTokenIndex(), static_cast<int>(placeholders.size()));
    }
    if (tok->getType() != antlr4::Token::EOF && tok->getType() != tessera_sql::MySqlLexer::SEMI) {
      only_semicolons = false;
    }
  }
  if (only_semicolons) return Error::Make(mysql_errno::kEmptyQuery, "Query was empty");

  P parser(&tokens);
  parser.removeErrorListeners();
  auto* interp = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  interp->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  P::RootContext* root = nullptr;
  try {
    root = parser.root();
  } catch (const antlr4::ParseCancellationException&) {
    root = nullptr;
  }
  FirstErrorListener parse_errors(end);
  if (root == nullptr) {
    stats.used_ll = true;
    tokens.seek(0);
    parser.reset();
    parser.addErrorListener(&parse_errors);
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    interp->setPredictionMode(antlr4::atn::PredictionMode::LL);
    root = parser.root();
    if (parse_errors.index()) {
      if (auto construct = UnmodeledConstruct(UpperWords(tokens))) {
        return Error::Make(mysql_errno::kNotSupportedYet,
                           "This version of Tessera doesn't yet support '" + *construct + "'");
      }
      return SyntaxError(sql, Utf8ByteOffset(sql, *parse_errors.index()));
    }
  }

  try {
    Transformer transformer(placeholders);
    return transformer.Statement(root->statement());
  } catch (const Unsupported& e) {
    return Error::Make(
        mysql_errno::kNotSupportedYet,
        std::string("This version of Tessera doesn't yet support '") + e.what() + "'");
  } catch (const std::exception& e) {
    return Error::Internal(std::string("cannot build the statement tree: ") + e.what());
  }
}

}  // namespace tessera::sql::transform
