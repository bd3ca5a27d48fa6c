#include "vtgate/mysql/handshake_v10.h"

#include <algorithm>

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr size_t kScramblePart1 = 8;

Error Malformed() {
  return Error::Make(mysql_errno::kHandshake, "Bad handshake");
}

}  // namespace

void EncodeHandshakeV10(const HandshakeV10& g, std::string* out) {
  AppendU8(out, kProtocolVersion);
  AppendNulString(out, g.server_version);
  AppendU32(out, g.connection_id);
  std::string_view scramble = g.scramble;
  std::string_view part1 = scramble.substr(0, std::min(kScramblePart1, scramble.size()));
  out->append(part1);
  out->append(kScramblePart1 - part1.size(), '\0');
  AppendU8(out, 0);  // filler
  AppendU16(out, static_cast<uint16_t>(g.capabilities & 0xffff));
  AppendU8(out, g.charset);
  AppendU16(out, g.status_flags);
  AppendU16(out, static_cast<uint16_t>(g.capabilities >> 16));
  AppendU8(out, static_cast<uint8_t>(scramble.size() + 1));
  out->append(10, '\0');  // reserved (MariaDB: 6 filler bytes + 4 extended capability bytes)
  std::string_view part2 = scramble.size() > kScramblePart1 ? scramble.substr(kScramblePart1) : "";
  out->append(part2);
  // Part 2 is at least 13 bytes including its terminating NUL.
  out->append(part2.size() < 12 ? 13 - part2.size() : 1, '\0');
  AppendNulString(out, g.auth_plugin);
}

Result<HandshakeV10> DecodeHandshakeV10(std::string_view payload) {
  WireReader r(payload);
  HandshakeV10 g;
  uint8_t version = 0;
  std::string_view s, part1;
  uint16_t caps_low = 0, caps_high = 0;
  uint8_t data_len = 0;
  if (!r.Read(&version) || version != kProtocolVersion) return Malformed();
  if (!r.ReadNulString(&s)) return Malformed();
  g.server_version = s;
  if (!r.Read(&g.connection_id) || !r.ReadBytes(kScramblePart1, &part1) || !r.Skip(1) ||
      !r.Read(&caps_low) || !r.Read(&g.charset) || !r.Read(&g.status_flags) ||
      !r.Read(&caps_high) || !r.Read(&data_len) || !r.Skip(10)) {
    return Malformed();
  }
  g.capabilities = caps_low | (static_cast<uint32_t>(caps_high) << 16);
  size_t part2_len = std::max<size_t>(13, data_len > 8 ? data_len - 8 : 0);
  std::string_view part2;
  if (!r.ReadBytes(part2_len, &part2)) return Malformed();
  if (!part2.empty() && part2.back() == '\0') part2.remove_suffix(1);
  g.scramble.assign(part1);
  g.scramble.append(part2);
  if (g.capabilities & capability::kPluginAuth) g.auth_plugin = r.ReadNulOrRest();
  return g;
}

}  // namespace tessera::vtgate::mysql
