#include "vttablet/onlineddl/ddl_request.h"

#include <cctype>

#include <fmt/format.h>

#include "common/ascii.h"
#include "sqlparser/ast/ddl.h"
#include "sqlparser/format.h"
#include "sqlparser/parser.h"

namespace tessera::vttablet::onlineddl {

namespace ast = sql::ast;

namespace {

constexpr size_t kMaxName = 64;

Result<std::unique_ptr<ast::Statement>> ParseOne(std::string_view ddl) {
  sql::Parser parser;
  auto parsed = parser.Parse(ddl);
  if (!parsed.ok()) return std::move(parsed).error();
  return std::move(parsed).value();
}

}  // namespace

Result<DdlRequest> AnalyzeDdl(std::string_view ddl) {
  auto parsed = ParseOne(ddl);
  if (!parsed.ok()) return std::move(parsed).error();
  const ast::Statement& stmt = *parsed.value();
  DdlRequest request;
  request.normalized = sql::Format(stmt);
  switch (stmt.kind()) {
    case ast::StatementKind::kCreateTable: {
      const auto& create = stmt.As<ast::CreateTableStatement>();
      if (create.temporary) return Error::Internal("a migration cannot create a TEMPORARY table");
      request.kind = MigrationKind::kCreate;
      request.table = create.table.name;
      return request;
    }
    case ast::StatementKind::kDropTable: {
      const auto& drop = stmt.As<ast::DropTableStatement>();
      if (drop.tables.size() != 1)
        return Error::Internal("a migration drops one table; submit one DROP TABLE per table");
      request.kind = MigrationKind::kDrop;
      request.table = drop.tables[0].name;
      return request;
    }
    case ast::StatementKind::kAlterTable: {
      const auto& alter = stmt.As<ast::AlterTableStatement>();
      request.kind = MigrationKind::kAlter;
      request.table = alter.table.name;
      if (alter.specs.empty()) return Error::Internal("ALTER TABLE changes nothing");
      for (const auto& spec : alter.specs) {
        if (spec.kind == ast::AlterSpecKind::kAlgorithm &&
            (EqualsIgnoreCase(spec.name, "INSTANT") || EqualsIgnoreCase(spec.name, "NOCOPY")))
          request.kind = MigrationKind::kInstant;
      }
      for (const auto& spec : alter.specs) {
        switch (spec.kind) {
          case ast::AlterSpecKind::kRenameTable:
            return Error::Internal(
                "ALTER TABLE ... RENAME is not an online migration; use RENAME TABLE");
          case ast::AlterSpecKind::kChangeColumn:
            if (spec.column && !EqualsIgnoreCase(spec.name, spec.column->name))
              request.renames[spec.name] = spec.column->name;
            break;
          case ast::AlterSpecKind::kRenameColumn:
            request.renames[spec.name] = spec.new_name;
            break;
          case ast::AlterSpecKind::kAlgorithm:
            break;
          case ast::AlterSpecKind::kLock:
            if (request.kind != MigrationKind::kInstant)
              return Error::Internal("LOCK= has no meaning for an online migration; remove it");
            break;
          default:
            break;
        }
      }
      return request;
    }
    default:
      return Error::Internal(
          "an online migration takes CREATE TABLE, ALTER TABLE or DROP TABLE; got: " +
          std::string(ddl.substr(0, 60)));
  }
}

Result<std::string> GhostAlter(std::string_view ddl, const std::string& ghost_table) {
  auto parsed = ParseOne(ddl);
  if (!parsed.ok()) return std::move(parsed).error();
  if (parsed.value()->kind() != ast::StatementKind::kAlterTable)
    return Error::Internal("not an ALTER TABLE statement");
  auto& alter = parsed.value()->As<ast::AlterTableStatement>();
  alter.table.qualifier.clear();
  alter.table.name = ghost_table;
  return sql::Format(alter);
}

namespace {

// MariaDB counts identifier length in characters; names are UTF-8.
size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Bytes taken by the first `chars` characters of `s`.
size_t PrefixBytes(std::string_view s, size_t chars) {
  size_t i = 0;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --chars;
  }
  return i;
}

}  // namespace

std::string ParkedTableName(const std::string& table, const std::string& uuid,
                            const std::string& suffix) {
  std::string tag;
  for (char c : uuid) {
    if (tag.size() == 8) break;
    if (std::isalnum(static_cast<unsigned char>(c))) tag += static_cast<char>(std::tolower(c));
  }
  std::string tail = "_" + tag + "_" + suffix;
  if (CharCount(table) + tail.size() <= kMaxName) return table + tail;
  // Shorten the name and put a character after it that sorts after the
  // character it replaces: '~' after ASCII, U+FFFF after anything else of the
  // Basic Multilingual Plane (all an identifier may hold).
  size_t keep = PrefixBytes(table, kMaxName - tail.size() - 1);
  unsigned char next = static_cast<unsigned char>(table[keep]);
  std::string marker = next < '~' ? "~" : "\xEF\xBF\xBF";
  return table.substr(0, keep) + marker + tail;
}

std::string GhostTableName(const std::string& table, const std::string& uuid) {
  return ParkedTableName(table, uuid, "gho");
}

std::string ChangelogTableName(const std::string& table, const std::string& uuid) {
  return ParkedTableName(table, uuid, "ghc");
}

}  // namespace tessera::vttablet::onlineddl
