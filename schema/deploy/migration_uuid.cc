#include "schema/deploy/migration_uuid.h"

#include <array>
#include <cstdint>
#include <random>

namespace tessera::schema {

std::string NewMigrationUuid() {
  std::random_device source;
  std::array<uint8_t, 16> bytes{};
  for (auto& b : bytes) b = static_cast<uint8_t>(source() & 0xff);
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace tessera::schema
