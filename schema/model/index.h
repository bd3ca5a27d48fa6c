// Index: one key of a table. PRIMARY KEY is the index named "PRIMARY";
// unnamed keys get MariaDB's generated name (first column, then _2, _3 ...),
// inline `col ... PRIMARY KEY` / `UNIQUE` become entries here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::schema {

enum class IndexKind { kPrimary, kUnique, kIndex, kFulltext, kSpatial };

struct IndexPart {
  std::string column;              // the column's name as the table spells it
  std::optional<uint32_t> length;  // prefix length
  bool desc = false;
  bool operator==(const IndexPart&) const = default;
};

struct Index {
  std::string name;  // "PRIMARY" for the primary key
  IndexKind kind = IndexKind::kIndex;
  std::vector<IndexPart> parts;
  std::string using_type;  // "BTREE", "HASH" or "" (engine default)
  std::string comment;     // empty: none

  bool is_primary() const { return kind == IndexKind::kPrimary; }
  bool is_unique() const { return kind == IndexKind::kPrimary || kind == IndexKind::kUnique; }
  std::vector<std::string> ColumnNames() const;
  bool operator==(const Index&) const = default;
};

inline constexpr const char* kPrimaryKeyName = "PRIMARY";

}  // namespace tessera::schema
