// Text result row: one length-encoded string per column, 0xfb for NULL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::vtgate::mysql {

void EncodeTextRow(const Row& row, std::string* out);

// Parses a row of exactly `columns` cells; trailing bytes are an error.
Result<Row> DecodeTextRow(std::string_view payload, size_t columns);

}  // namespace tessera::vtgate::mysql
