// Whether MariaDB 10.11 (InnoDB) can run a table's ALTER with
// ALGORITHM=INSTANT: every change must be one of adding a column (any
// position; not AUTO_INCREMENT, not a stored generated column, no FULLTEXT
// key on the table), dropping a column that no key uses, reordering
// columns, renaming a column or key, changing a column's default or comment,
// extending a VARCHAR within the same length-byte size (<= 255 bytes or
// > 255 bytes), widening an integer of the same signedness, appending ENUM
// members, dropping a CHECK constraint, or changing the table comment.
#pragma once

#include <vector>

#include "schema/diff/table_diff.h"

namespace tessera::schema {

bool IsInstantAlter(const Table& from, const Table& to, const std::vector<TableChange>& changes);

}  // namespace tessera::schema
