// Parser: SQL text -> our own AST (sqlparser/ast/ast.h).
//
// Contract:
// - One Parser per thread; a Parser is not thread-safe and holds no global
//   state of its own. Parse() may be called any number of times.
// - Parse() accepts exactly one statement, optionally followed by `;`.
//   Comments are skipped; /*! ... */ and /*!NNNNN ... */ bodies are parsed as
//   SQL. `?` becomes ast::Placeholder (numbered left to right), `:name`
//   becomes ast::BindVar.
// - Errors are values: 1064/42000 with MariaDB's "You have an error in your
//   SQL syntax; ... near '<text from the offending token, at most 80 chars>'
//   at line N" message; 1065 "Query was empty" for blank/comment-only input;
//   1235 "This version of Tessera doesn't yet support '<construct>'" for
//   recognised but unsupported constructs.
// - Prediction runs in SLL mode first and falls back to full LL only when
//   the SLL pass fails.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "common/error.h"
#include "sqlparser/ast/ast.h"

namespace tessera::sql {

class Parser {
 public:
  Parser();
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  Result<std::unique_ptr<ast::Statement>> Parse(std::string_view sql);

  // How many times the ANTLR parser has been run (SLL and LL passes of one
  // Parse() count once).
  uint64_t parse_count() const { return parse_count_; }
  // How many Parse() calls needed the LL fallback.
  uint64_t ll_fallback_count() const { return ll_fallback_count_; }

 private:
  uint64_t parse_count_ = 0;
  uint64_t ll_fallback_count_ = 0;
};

}  // namespace tessera::sql
