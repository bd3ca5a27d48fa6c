// The bind value a result cell becomes when vtgate feeds one query's answer
// into another (a join's left row, a pulled-out subquery's result): NULL, a
// number as written (FLOAT / DOUBLE as a double literal), bytes of binary
// columns as X'..', anything else (temporal values included) as a quoted
// string. Its VindexValue is an integer for integer columns, so it routes.
#pragma once

#include <string>
#include <string_view>

#include "common/result_set.h"
#include "vtgate/engine/bind_values.h"

namespace tessera::vtgate {

BindValue BindValueOfCell(const Field& field, const Value& value);

// `bytes` as a hex string literal: X'..'.
std::string HexLiteral(std::string_view bytes);

}  // namespace tessera::vtgate
