// Encodes a whole command response (a text result set, an OK or an ERR)
// as framed packets into one buffer, so it can be written with one write.
#pragma once

#include <cstdint>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/mysql/packet_framing.h"

namespace tessera::vtgate::mysql {

// Result set: column count, column definitions, [EOF], rows, EOF (or OK
// with header 0xfe under CLIENT_DEPRECATE_EOF). No fields: one OK packet.
void EncodeResultSetResponse(const ResultSet& rs, uint32_t client_capabilities,
                             uint16_t status_flags, PacketWriter* writer);

void EncodeOkResponse(uint16_t status_flags, PacketWriter* writer);
void EncodeErrorResponse(const Error& error, PacketWriter* writer);

// A Result from the executor: the result set/OK, or its error as ERR.
void EncodeQueryResponse(const Result<ResultSet>& result, uint32_t client_capabilities,
                         uint16_t status_flags, PacketWriter* writer);

}  // namespace tessera::vtgate::mysql
