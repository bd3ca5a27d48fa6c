// SQL fragments over a table's key (one or more columns): lexicographic
// range predicates for the copy, IN-lists for refreshing changed rows, and
// the round trip of key values through the text protocol as SQL literals
// (strings travel as HEX() and come back as `_charset X'..'`, so no byte is
// reinterpreted).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/table_info.h"

namespace tessera::vttablet::onlineddl {

using KeyValue = std::vector<std::string>;  // one SQL literal per key column

// `a`, `b` → "(`a` > x) OR (`a` = x AND `b` > y)" etc.
std::string KeyAfter(const std::vector<std::string>& columns, const KeyValue& value);
std::string KeyAtMost(const std::vector<std::string>& columns, const KeyValue& value);
// Keys in (after, max]; no `after`: from the start.
std::string KeyInRange(const std::vector<std::string>& columns,
                       const std::optional<KeyValue>& after, const KeyValue& max);
// Rows whose key is one of `values`.
std::string KeyIn(const std::vector<std::string>& columns, const std::vector<KeyValue>& values);
// "`a`, HEX(`b`)": what to select to read key values back as literals.
std::string KeySelectList(const TableInfo& table, const std::vector<std::string>& columns);
// "`a`, `b`" (ORDER BY / column lists).
std::string ColumnList(const std::vector<std::string>& columns, std::string_view suffix = "");
// Literals for a row read with KeySelectList.
KeyValue KeyFromRow(const TableInfo& table, const std::vector<std::string>& columns,
                    const TextRow& row);

}  // namespace tessera::vttablet::onlineddl
