// MariaDB's own schemas (information_schema, mysql, performance_schema, sys),
// which every server has under their own names: never keyspaces.
#pragma once

#include <string_view>

namespace tessera::sql {

bool IsSystemSchema(std::string_view name);

}  // namespace tessera::sql
