// ColumnDefinition41: describes one column of a text result set.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::vtgate::mysql {

void EncodeColumnDefinition(const Field& field, std::string* out);
Result<Field> DecodeColumnDefinition(std::string_view payload);

}  // namespace tessera::vtgate::mysql
