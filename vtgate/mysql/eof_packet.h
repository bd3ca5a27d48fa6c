// EOF packet: ends column definitions and rows for clients without
// CLIENT_DEPRECATE_EOF.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct EofPacket {
  uint16_t warnings = 0;
  uint16_t status_flags = 0;

  bool operator==(const EofPacket&) const = default;
};

void EncodeEofPacket(const EofPacket& eof, std::string* out);
Result<EofPacket> DecodeEofPacket(std::string_view payload);

// True for a payload that ends a row stream: header 0xfe and shorter than 9
// bytes (an EOF packet, or an OK packet under CLIENT_DEPRECATE_EOF). A row
// cannot look like this, since 0xfe starts an 8-byte length.
bool IsEndOfRows(std::string_view payload);

}  // namespace tessera::vtgate::mysql
