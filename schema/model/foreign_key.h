// ForeignKey and Check: table constraints. Unnamed foreign keys are named
// `<table>_ibfk_<n>` and unnamed checks `CONSTRAINT_<n>`, as MariaDB does.
// ON DELETE/UPDATE RESTRICT is the default and is stored as "".
#pragma once

#include <string>
#include <vector>

namespace tessera::schema {

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_schema;  // qualifier of the referenced table; usually empty
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete;  // "", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"
  std::string on_update;
  bool operator==(const ForeignKey&) const = default;
};

struct Check {
  std::string name;
  std::string expr;  // SQL text of the condition, without the surrounding parentheses
  bool operator==(const Check&) const = default;
};

}  // namespace tessera::schema
