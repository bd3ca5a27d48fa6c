// Command packets: the first byte names the command, the rest is its
// argument (SQL text for COM_QUERY, a database name for COM_INIT_DB).
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "vtgate/mysql/constants.h"

namespace tessera::vtgate::mysql {

struct Command {
  CommandCode code = CommandCode::kSleep;  // may hold a byte not named by CommandCode
  std::string_view argument;               // points into the decoded payload
};

// Splits a command payload; an empty payload is an error.
Result<Command> DecodeCommand(std::string_view payload);

// Appends a command payload (used by tests and clients).
void EncodeCommand(CommandCode code, std::string_view argument, std::string* out);

}  // namespace tessera::vtgate::mysql
