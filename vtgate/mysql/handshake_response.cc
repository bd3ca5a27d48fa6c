#include "vtgate/mysql/handshake_response.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr size_t kFixedPrefix = 32;  // caps 4 + max packet 4 + charset 1 + filler 23

Error Malformed() {
  return Error::Make(mysql_errno::kHandshake, "Bad handshake");
}

bool ReadAttributes(WireReader* r, HandshakeResponse* out) {
  std::string_view block;
  if (!r->ReadLenencString(&block)) return false;
  WireReader a(block);
  while (!a.empty()) {
    std::string_view key, value;
    if (!a.ReadLenencString(&key) || !a.ReadLenencString(&value)) return false;
    out->attributes.emplace_back(key, value);
  }
  return true;
}

}  // namespace

bool IsSslRequest(std::string_view payload) {
  WireReader r(payload);
  uint32_t caps = 0;
  return payload.size() == kFixedPrefix && r.Read(&caps) && (caps & capability::kSsl);
}

void EncodeHandshakeResponse(const HandshakeResponse& h, std::string* out) {
  AppendU32(out, h.capabilities);
  AppendU32(out, h.max_packet_size);
  AppendU8(out, h.charset);
  out->append(23, '\0');
  AppendNulString(out, h.user);
  if (h.capabilities & capability::kPluginAuthLenencData) {
    AppendLenencString(out, h.auth_response);
  } else {
    AppendU8(out, static_cast<uint8_t>(h.auth_response.size()));
    out->append(h.auth_response, 0, 255);
  }
  if (h.capabilities & capability::kConnectWithDb) AppendNulString(out, h.database);
  if (h.capabilities & capability::kPluginAuth) AppendNulString(out, h.auth_plugin);
  if (h.capabilities & capability::kConnectAttrs) {
    std::string block;
    for (const auto& [key, value] : h.attributes) {
      AppendLenencString(&block, key);
      AppendLenencString(&block, value);
    }
    AppendLenencString(out, block);
  }
}

Result<HandshakeResponse> DecodeHandshakeResponse(std::string_view payload) {
  WireReader r(payload);
  HandshakeResponse h;
  if (!r.Read(&h.capabilities) || !r.Read(&h.max_packet_size) || !r.Read(&h.charset) ||
      !r.Skip(23)) {
    return Malformed();
  }
  if (!(h.capabilities & capability::kProtocol41)) return Malformed();
  std::string_view s;
  if (!r.ReadNulString(&s)) return Malformed();
  h.user = s;
  if (h.capabilities & capability::kPluginAuthLenencData) {
    if (!r.ReadLenencString(&s)) return Malformed();
  } else if (h.capabilities & capability::kSecureConnection) {
    uint8_t n = 0;
    if (!r.Read(&n) || !r.ReadBytes(n, &s)) return Malformed();
  } else {
    if (!r.ReadNulString(&s)) return Malformed();
  }
  h.auth_response = s;
  if (h.capabilities & capability::kConnectWithDb) {
    // Some clients end the packet right after the database name.
    h.database = r.ReadNulOrRest();
  }
  if (h.capabilities & capability::kPluginAuth) h.auth_plugin = r.ReadNulOrRest();
  if ((h.capabilities & capability::kConnectAttrs) && !r.empty()) {
    if (!ReadAttributes(&r, &h)) return Malformed();
  }
  return h;
}

}  // namespace tessera::vtgate::mysql
