// Row images of binlog ROWS events, decoded without the server's help.
// MariaDB Connector/C 3.3 fetches and frames the events for us
// (mariadb_rpl_fetch), but its value extractor (mariadb_rpl_extract_rows)
// rejects or drops rows for common column types (INT without optional
// metadata, DATE, YEAR, unsigned columns), so the images are decoded here
// from the TABLE_MAP column types and metadata, following the binlog format.
// Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace tessera::vttablet::onlineddl {

// One column of a TABLE_MAP event: its binlog type code and the metadata
// bytes that go with it (0, 1 or 2 of them).
struct BinlogColumn {
  uint8_t type = 0;
  uint8_t meta0 = 0;
  uint8_t meta1 = 0;
};

// Splits a TABLE_MAP's type array and packed metadata block into columns.
Result<std::vector<BinlogColumn>> ParseTableMapColumns(std::string_view types,
                                                       std::string_view metadata);

// A decoded value. Integers keep their raw bits and width so the reader can
// apply the column's signedness; everything else is text (temporal, decimal
// and floating-point values in MariaDB's literal syntax) or raw bytes
// (strings, blobs, BIT).
struct Cell {
  enum class Kind { kNull, kInteger, kText, kBytes };
  Kind kind = Kind::kNull;
  uint64_t bits = 0;          // kInteger: little-endian value, zero-extended
  uint8_t width = 0;          // kInteger: bytes on the wire (1, 2, 3, 4, 8)
  bool never_signed = false;  // kInteger: ENUM/SET indexes, whatever the column says
  std::string data;           // kText / kBytes
};

// The rows part of a ROWS event: a sequence of images, each a null bitmap
// over the columns present (`present`, one bit per table column) followed by
// the values. UPDATE events alternate before and after images. Returns, per
// image, the cells of the columns in `wanted` (table column indexes; each
// must be present). Errors name the problem; the input is never trusted.
Result<std::vector<std::vector<Cell>>> DecodeRowImages(const std::vector<BinlogColumn>& columns,
                                                       std::string_view present_bitmap,
                                                       std::string_view rows,
                                                       const std::vector<size_t>& wanted);

// How a key column is written back into SQL.
struct KeyColumnFormat {
  bool is_unsigned = false;
  std::string charset;  // column character set; "" for binary types
};

// A SQL literal for a decoded cell: integers with their sign, strings as
// `_charset X'..'` so no byte is reinterpreted, other values quoted.
std::string CellLiteral(const Cell& cell, const KeyColumnFormat& format);

}  // namespace tessera::vttablet::onlineddl
