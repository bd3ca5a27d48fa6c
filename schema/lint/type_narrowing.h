// Whether a column type change can lose or reject existing values: smaller
// integer, signedness change, shorter string, fewer decimal digits, lower
// fractional-second precision, removed ENUM/SET members, a change of type
// family. Charset changes are not judged here (see "charset_change").
#pragma once

#include <optional>
#include <string>

#include "schema/model/column.h"

namespace tessera::schema {

// Why `to` narrows `from` ("bigint -> int"), or nullopt when every value of
// `from` fits `to`.
std::optional<std::string> NarrowingReason(const Column& from, const Column& to);

}  // namespace tessera::schema
