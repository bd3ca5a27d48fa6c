#include "vtgate/mysql/text_row.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeTextRow(const Row& row, std::string* out) {
  for (const Value& cell : row) {
    if (cell) {
      AppendLenencString(out, *cell);
    } else {
      AppendU8(out, kNullValue);
    }
  }
}

Result<Row> DecodeTextRow(std::string_view payload, size_t columns) {
  WireReader r(payload);
  Row row;
  row.reserve(columns);
  for (size_t i = 0; i < columns; ++i) {
    uint8_t first = 0;
    std::string_view cell;
    if (r.Peek(&first) && first == kNullValue) {
      r.Skip(1);
      row.emplace_back(std::nullopt);
    } else if (r.ReadLenencString(&cell)) {
      row.emplace_back(std::string(cell));
    } else {
      return Error::Make(mysql_errno::kNetReadError, "Malformed text row");
    }
  }
  if (!r.empty()) return Error::Make(mysql_errno::kNetReadError, "Malformed text row");
  return row;
}

}  // namespace tessera::vtgate::mysql
