#include "vtgate/mysql/command.h"

#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

Result<Command> DecodeCommand(std::string_view payload) {
  if (payload.empty()) return Error::Make(mysql_errno::kNetReadError, "Empty command packet");
  return Command{static_cast<CommandCode>(static_cast<uint8_t>(payload[0])), payload.substr(1)};
}

void EncodeCommand(CommandCode code, std::string_view argument, std::string* out) {
  AppendU8(out, static_cast<uint8_t>(code));
  out->append(argument);
}

}  // namespace tessera::vtgate::mysql
