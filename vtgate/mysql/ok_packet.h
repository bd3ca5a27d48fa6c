// OK packet: success of a command, with counters and status flags. With
// CLIENT_DEPRECATE_EOF it also ends a result set, then with header 0xfe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct OkPacket {
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  uint16_t status_flags = 0;
  uint16_t warnings = 0;
  std::string info;

  bool operator==(const OkPacket&) const = default;
};

// Appends an OK payload. `eof_header` selects 0xfe (end of a result set
// under CLIENT_DEPRECATE_EOF) instead of 0x00.
void EncodeOkPacket(const OkPacket& ok, bool eof_header, std::string* out);

// Parses an OK payload with either header. `info`, when present, is a
// length-encoded string (as servers send it; session tracking is not
// negotiated, so nothing follows it).
Result<OkPacket> DecodeOkPacket(std::string_view payload);

}  // namespace tessera::vtgate::mysql
