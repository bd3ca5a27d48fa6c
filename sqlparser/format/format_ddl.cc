// CREATE/DROP/ALTER TABLE, indexes, TRUNCATE, RENAME, databases.
#include <algorithm>
#include <cctype>

#include "sqlparser/format/sql_writer.h"

namespace tessera::sql {

std::string FormatDataType(const ast::DataType& t) {
  // A type name is a keyword or words of them (DOUBLE PRECISION); one given
  // in backquotes with other characters stays quoted, so it parses again.
  const bool plain = !t.name.empty() && std::all_of(t.name.begin(), t.name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ';
  });
  std::string out = plain ? t.name : QuoteIdentifier(t.name);
  if (!t.values.empty()) {
    out += '(';
    for (size_t i = 0; i < t.values.size(); ++i) {
      if (i) out += ',';
      out += QuoteString(t.values[i]);
    }
    out += ')';
  } else if (t.length) {
    out += '(' + std::to_string(*t.length);
    if (t.scale) out += ',' + std::to_string(*t.scale);
    out += ')';
  }
  if (t.is_unsigned) out += " UNSIGNED";
  if (t.zerofill) out += " ZEROFILL";
  if (!t.charset.empty()) out += " CHARACTER SET " + QuoteIdentifier(t.charset);
  if (!t.collation.empty()) out += " COLLATE " + QuoteIdentifier(t.collation);
  return out;
}

namespace format {

namespace {
// An option value written as a bare word: kept as it is when it is one
// word (InnoDB, utf8mb4, 100, DEFAULT), backquoted otherwise, so a value
// given as `any text` can never become SQL of its own.
std::string OptionWord(const std::string& value) {
  bool plain = !value.empty();
  for (char c : value) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$');
  }
  return plain ? value : QuoteIdentifier(value);
}

std::string Option(const ast::TableOption& o) {
  // A name given in backquotes (the grammar takes any identifier) stays quoted.
  std::string name = o.name == "CHARSET" ? "DEFAULT CHARSET" : OptionWord(o.name);
  return name + '=' + (o.quoted ? QuoteString(o.value) : OptionWord(o.value));
}

const char* IndexKeyword(ast::IndexKind k) {
  switch (k) {
    case ast::IndexKind::kPrimary:
      return "PRIMARY KEY";
    case ast::IndexKind::kUnique:
      return "UNIQUE KEY";
    case ast::IndexKind::kIndex:
      return "KEY";
    case ast::IndexKind::kFulltext:
      return "FULLTEXT KEY";
    case ast::IndexKind::kSpatial:
      return "SPATIAL KEY";
  }
  return "KEY";
}
}  // namespace

void SqlWriter::Column(const ast::ColumnDef& c) {
  Ident(c.name);
  out_ += ' ' + FormatDataType(c.type);
  if (c.generated) {
    out_ += " GENERATED ALWAYS AS (";
    Expr(*c.generated);
    out_ += c.generated_stored ? ") STORED" : ") VIRTUAL";
  }
  if (c.nullable) out_ += *c.nullable ? " NULL" : " NOT NULL";
  if (c.default_value) {
    out_ += " DEFAULT ";
    Expr(*c.default_value, kPrecUnary);
  }
  if (c.on_update) {
    out_ += " ON UPDATE ";
    Expr(*c.on_update, kPrecUnary);
  }
  if (c.auto_increment) out_ += " AUTO_INCREMENT";
  if (c.key == ast::ColumnKey::kPrimary) out_ += " PRIMARY KEY";
  if (c.key == ast::ColumnKey::kUnique) out_ += " UNIQUE KEY";
  if (c.comment) out_ += " COMMENT " + QuoteString(*c.comment);
  if (c.invisible) out_ += " INVISIBLE";
  if (c.check) {
    if (!c.check_name.empty()) {
      out_ += " CONSTRAINT ";
      Ident(c.check_name);
    }
    out_ += " CHECK (";
    Expr(*c.check);
    out_ += ')';
  }
}

void SqlWriter::Index(const ast::IndexDef& i) {
  out_ += IndexKeyword(i.kind);
  if (!i.name.empty() && i.kind != ast::IndexKind::kPrimary) {
    out_ += ' ';
    Ident(i.name);
  }
  out_ += " (";
  for (size_t k = 0; k < i.columns.size(); ++k) {
    if (k) out_ += ", ";
    Ident(i.columns[k].name);
    if (i.columns[k].length) out_ += '(' + std::to_string(*i.columns[k].length) + ')';
    if (i.columns[k].desc) out_ += " DESC";
  }
  out_ += ')';
  if (!i.using_type.empty()) out_ += " USING " + i.using_type;
  if (i.comment) out_ += " COMMENT " + QuoteString(*i.comment);
}

namespace {
void ForeignKey(SqlWriter& w, const ast::ForeignKeyDef& fk) {
  if (!fk.constraint_name.empty()) {
    w.Write("CONSTRAINT ");
    w.Ident(fk.constraint_name);
    w.Write(" ");
  }
  w.Write("FOREIGN KEY ");
  if (!fk.index_name.empty()) {
    w.Ident(fk.index_name);
    w.Write(" ");
  }
  w.Write("(");
  w.IdentList(fk.columns);
  w.Write(") REFERENCES ");
  w.Table(fk.ref_table);
  w.Write(" (");
  w.IdentList(fk.ref_columns);
  w.Write(")");
  if (!fk.on_delete.empty()) w.Write(" ON DELETE " + fk.on_delete);
  if (!fk.on_update.empty()) w.Write(" ON UPDATE " + fk.on_update);
}
}  // namespace

void SqlWriter::CreateTable(const ast::CreateTableStatement& s) {
  out_ += "CREATE ";
  if (s.or_replace) out_ += "OR REPLACE ";
  if (s.temporary) out_ += "TEMPORARY ";
  out_ += "TABLE ";
  if (s.if_not_exists) out_ += "IF NOT EXISTS ";
  Table(s.table);
  if (s.like) {
    out_ += " LIKE ";
    Table(*s.like);
    return;
  }
  if (s.select && s.columns.empty() && s.indexes.empty() && s.foreign_keys.empty() &&
      s.checks.empty()) {
    for (const auto& o : s.options) out_ += ' ' + Option(o);
    out_ += " AS ";
    Query(*s.select);
    return;
  }
  out_ += " (";
  bool first = true;
  auto sep = [&] {
    if (!first) out_ += ", ";
    first = false;
  };
  for (const auto& c : s.columns) {
    sep();
    Column(c);
  }
  for (const auto& i : s.indexes) {
    sep();
    Index(i);
  }
  for (const auto& fk : s.foreign_keys) {
    sep();
    ForeignKey(*this, fk);
  }
  for (const auto& chk : s.checks) {
    sep();
    if (!chk.name.empty()) {
      out_ += "CONSTRAINT ";
      Ident(chk.name);
      out_ += ' ';
    }
    out_ += "CHECK (";
    Expr(*chk.expr);
    out_ += ')';
  }
  out_ += ')';
  for (const auto& o : s.options) out_ += ' ' + Option(o);
  if (!s.partitioning.empty()) out_ += ' ' + s.partitioning;
  if (s.select) {
    out_ += " AS ";
    Query(*s.select);
  }
}

namespace {
void Position(SqlWriter& w, const ast::AlterSpec& a) {
  if (a.first) w.Write(" FIRST");
  if (!a.after.empty()) {
    w.Write(" AFTER ");
    w.Ident(a.after);
  }
}

void AlterSpec(SqlWriter& w, const ast::AlterSpec& a) {
  using K = ast::AlterSpecKind;
  const char* if_exists = a.if_exists ? "IF EXISTS " : "";
  switch (a.kind) {
    case K::kAddColumn:
      w.Write(a.if_not_exists ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
      w.Column(*a.column);
      Position(w, a);
      return;
    case K::kDropColumn:
      w.Write(std::string("DROP COLUMN ") + if_exists);
      w.Ident(a.name);
      return;
    case K::kModifyColumn:
      w.Write(std::string("MODIFY COLUMN ") + if_exists);
      w.Column(*a.column);
      Position(w, a);
      return;
    case K::kChangeColumn:
      w.Write(std::string("CHANGE COLUMN ") + if_exists);
      w.Ident(a.name);
      w.Write(" ");
      w.Column(*a.column);
      Position(w, a);
      return;
    case K::kRenameColumn:
    case K::kRenameIndex:
      w.Write(a.kind == K::kRenameColumn ? "RENAME COLUMN " : "RENAME KEY ");
      w.Ident(a.name);
      w.Write(" TO ");
      w.Ident(a.new_name);
      return;
    case K::kAlterColumnDefault:
      w.Write("ALTER COLUMN ");
      w.Ident(a.name);
      if (a.default_value) {
        w.Write(" SET DEFAULT ");
        w.Expr(*a.default_value, kPrecUnary);
      } else {
        w.Write(" DROP DEFAULT");
      }
      return;
    case K::kAddIndex:
      w.Write("ADD ");
      w.Index(*a.index);
      return;
    case K::kDropIndex:
      w.Write(std::string("DROP KEY ") + if_exists);
      w.Ident(a.name);
      return;
    case K::kDropPrimaryKey:
      w.Write("DROP PRIMARY KEY");
      return;
    case K::kAddForeignKey:
      w.Write("ADD ");
      ForeignKey(w, *a.foreign_key);
      return;
    case K::kDropForeignKey:
      w.Write(std::string("DROP FOREIGN KEY ") + if_exists);
      w.Ident(a.name);
      return;
    case K::kRenameTable:
      w.Write("RENAME TO ");
      w.Table(a.new_table);
      return;
    case K::kTableOptions:
      for (size_t i = 0; i < a.options.size(); ++i) {
        if (i) w.Write(" ");
        w.Write(Option(a.options[i]));
      }
      return;
    case K::kConvertCharset:
      w.Write("CONVERT TO CHARACTER SET ");
      w.Ident(a.name);
      if (!a.new_name.empty()) {
        w.Write(" COLLATE ");
        w.Ident(a.new_name);
      }
      return;
    case K::kAlgorithm:
      w.Write("ALGORITHM=" + OptionWord(a.name));
      return;
    case K::kLock:
      w.Write("LOCK=" + OptionWord(a.name));
      return;
    case K::kForce:
      w.Write("FORCE");
      return;
    case K::kAddCheck:
      w.Write("ADD ");
      if (!a.name.empty()) {
        w.Write("CONSTRAINT ");
        w.Ident(a.name);
        w.Write(" ");
      }
      w.Write("CHECK (");
      w.Expr(*a.check);
      w.Write(")");
      return;
    case K::kDropConstraint:
      w.Write(a.if_exists ? "DROP CONSTRAINT IF EXISTS " : "DROP CONSTRAINT ");
      w.Ident(a.name);
      return;
    case K::kDisableKeys:
      w.Write("DISABLE KEYS");
      return;
    case K::kEnableKeys:
      w.Write("ENABLE KEYS");
      return;
  }
}
}  // namespace

void SqlWriter::Ddl(const ast::Statement& stmt) {
  using S = ast::StatementKind;
  switch (stmt.kind()) {
    case S::kCreateTable:
      CreateTable(stmt.As<ast::CreateTableStatement>());
      return;
    case S::kDropTable: {
      const auto& s = stmt.As<ast::DropTableStatement>();
      out_ += s.temporary ? "DROP TEMPORARY TABLE " : "DROP TABLE ";
      if (s.if_exists) out_ += "IF EXISTS ";
      Tables(s.tables);
      return;
    }
    case S::kAlterTable: {
      const auto& s = stmt.As<ast::AlterTableStatement>();
      out_ += "ALTER TABLE ";
      Table(s.table);
      for (size_t i = 0; i < s.specs.size(); ++i) {
        out_ += i ? ", " : " ";
        AlterSpec(*this, s.specs[i]);
      }
      return;
    }
    case S::kCreateIndex: {
      const auto& s = stmt.As<ast::CreateIndexStatement>();
      out_ += "CREATE ";
      if (s.index.kind == ast::IndexKind::kUnique) out_ += "UNIQUE ";
      if (s.index.kind == ast::IndexKind::kFulltext) out_ += "FULLTEXT ";
      if (s.index.kind == ast::IndexKind::kSpatial) out_ += "SPATIAL ";
      out_ += "INDEX ";
      if (s.if_not_exists) out_ += "IF NOT EXISTS ";
      Ident(s.index.name);
      out_ += " ON ";
      Table(s.table);
      // Reuse the key writer for the column list and options.
      ast::IndexDef cols = s.index;
      cols.name.clear();
      cols.kind = ast::IndexKind::kPrimary;
      const size_t mark = out_.size();
      Index(cols);
      out_.erase(mark, std::string_view("PRIMARY KEY").size());
      return;
    }
    case S::kDropIndex: {
      const auto& s = stmt.As<ast::DropIndexStatement>();
      out_ += s.if_exists ? "DROP INDEX IF EXISTS " : "DROP INDEX ";
      Ident(s.name);
      out_ += " ON ";
      Table(s.table);
      return;
    }
    case S::kTruncateTable:
      out_ += "TRUNCATE TABLE ";
      Table(stmt.As<ast::TruncateTableStatement>().table);
      return;
    case S::kRenameTable: {
      const auto& s = stmt.As<ast::RenameTableStatement>();
      out_ += "RENAME TABLE ";
      for (size_t i = 0; i < s.renames.size(); ++i) {
        if (i) out_ += ", ";
        Table(s.renames[i].first);
        out_ += " TO ";
        Table(s.renames[i].second);
      }
      return;
    }
    case S::kCreateDatabase: {
      const auto& s = stmt.As<ast::CreateDatabaseStatement>();
      out_ += s.or_replace ? "CREATE OR REPLACE DATABASE " : "CREATE DATABASE ";
      if (s.if_not_exists) out_ += "IF NOT EXISTS ";
      Ident(s.name);
      for (const auto& o : s.options) out_ += ' ' + Option(o);
      return;
    }
    case S::kDropDatabase: {
      const auto& s = stmt.As<ast::DropDatabaseStatement>();
      out_ += s.if_exists ? "DROP DATABASE IF EXISTS " : "DROP DATABASE ";
      Ident(s.name);
      return;
    }
    case S::kAlterDatabase: {
      const auto& s = stmt.As<ast::AlterDatabaseStatement>();
      out_ += "ALTER DATABASE";
      if (!s.name.empty()) {
        out_ += ' ';
        Ident(s.name);
      }
      for (const auto& o : s.options) out_ += ' ' + Option(o);
      return;
    }
    default:
      return;
  }
}

}  // namespace format
}  // namespace tessera::sql
