// ERR packet: a failed command, carrying the error number, SQLSTATE and
// message of a tessera::Error.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

// Appends an ERR payload ('#' + 5-character SQLSTATE, as for 4.1 clients).
// A SQLSTATE that is not 5 characters is sent as HY000.
void EncodeErrPacket(const Error& error, std::string* out);

// A decoded ERR packet: the error it carries.
struct ErrPacket {
  Error error;
};

// Parses an ERR payload; an Error (1158) when the payload is malformed.
Result<ErrPacket> DecodeErrPacket(std::string_view payload);

}  // namespace tessera::vtgate::mysql
