#include "vttablet/onlineddl/key_sql.h"

#include "sqlparser/format.h"

namespace tessera::vttablet::onlineddl {
namespace {

std::string Compare(const std::vector<std::string>& columns, const KeyValue& value,
                    std::string_view last_op) {
  // (c0 > v0) OR (c0 = v0 AND c1 > v1) OR ... ; the last column uses last_op,
  // the earlier ones strict '>' (for '<=' the earlier ones use '<').
  std::string strict = last_op == ">" ? ">" : "<";
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!out.empty()) out += " OR ";
    out += "(";
    for (size_t j = 0; j < i; ++j)
      out += sql::QuoteIdentifier(columns[j]) + " = " + value[j] + " AND ";
    std::string op = i + 1 == columns.size() ? std::string(last_op) : strict;
    out += sql::QuoteIdentifier(columns[i]) + " " + op + " " + value[i] + ")";
  }
  return "(" + out + ")";
}

}  // namespace

std::string KeyAfter(const std::vector<std::string>& columns, const KeyValue& value) {
  return Compare(columns, value, ">");
}

std::string KeyAtMost(const std::vector<std::string>& columns, const KeyValue& value) {
  return Compare(columns, value, "<=");
}

std::string KeyInRange(const std::vector<std::string>& columns,
                       const std::optional<KeyValue>& after, const KeyValue& max) {
  std::string at_most = KeyAtMost(columns, max);
  return after ? KeyAfter(columns, *after) + " AND " + at_most : at_most;
}

std::string KeyIn(const std::vector<std::string>& columns, const std::vector<KeyValue>& values) {
  std::string out;
  if (columns.size() == 1) {
    out = sql::QuoteIdentifier(columns[0]) + " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ", ";
      out += values[i][0];
    }
    return out + ")";
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += " OR ";
    out += "(";
    for (size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out += " AND ";
      out += sql::QuoteIdentifier(columns[c]) + " = " + values[i][c];
    }
    out += ")";
  }
  return "(" + out + ")";
}

std::string KeySelectList(const TableInfo& table, const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& name : columns) {
    if (!out.empty()) out += ", ";
    const ColumnInfo* c = table.Find(name);
    if (c != nullptr && c->is_string()) {
      out += "HEX(" + sql::QuoteIdentifier(name) + ")";
    } else {
      out += sql::QuoteIdentifier(name);
    }
  }
  return out;
}

std::string ColumnList(const std::vector<std::string>& columns, std::string_view suffix) {
  std::string out;
  for (const auto& name : columns) {
    if (!out.empty()) out += ", ";
    out += sql::QuoteIdentifier(name);
    out += suffix;
  }
  return out;
}

KeyValue KeyFromRow(const TableInfo& table, const std::vector<std::string>& columns,
                    const TextRow& row) {
  KeyValue key;
  for (size_t i = 0; i < columns.size(); ++i) {
    const ColumnInfo* c = table.Find(columns[i]);
    const std::string text = row[i].value_or("");
    if (c != nullptr && c->is_string()) {
      std::string literal = "X'" + text + "'";
      if (!c->charset.empty() && c->charset != "binary") literal = "_" + c->charset + " " + literal;
      key.push_back(literal);
    } else if (c != nullptr && c->is_numeric()) {
      key.push_back(text);
    } else {
      key.push_back(sql::QuoteString(text));
    }
  }
  return key;
}

}  // namespace tessera::vttablet::onlineddl
