// Encodes whole responses of the prepared-statement commands as framed
// packets into one buffer.
#pragma once

#include <cstdint>
#include <vector>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/mysql/packet_framing.h"

namespace tessera::vtgate::mysql {

// COM_STMT_PREPARE: COM_STMT_PREPARE_OK, then `param_count` parameter
// definitions and [EOF], then the column definitions and [EOF] (EOFs only
// without CLIENT_DEPRECATE_EOF; none after an empty list).
void EncodeStmtPrepareResponse(uint32_t statement_id, uint16_t param_count,
                               const std::vector<Field>& columns, uint32_t client_capabilities,
                               PacketWriter* writer);

// COM_STMT_EXECUTE: like a text result set (column count, definitions,
// [EOF], rows, EOF or OK-with-0xfe) but with binary rows; a result without
// fields is one OK packet. A column whose cells do not all fit its declared
// binary type is described and sent as VAR_STRING.
void EncodeBinaryResultSetResponse(const ResultSet& rs, uint32_t client_capabilities,
                                   uint16_t status_flags, PacketWriter* writer);

// The columns a binary result set is described with: the result's own,
// except that a column with a cell that does not fit its type's binary
// form is a VAR_STRING column.
std::vector<Field> BinaryColumns(const ResultSet& rs);

// COM_STMT_EXECUTE that opened a cursor: column count, definitions, then
// EOF (or OK with 0xfe under CLIENT_DEPRECATE_EOF) with
// SERVER_STATUS_CURSOR_EXISTS added to `status_flags`. No rows.
void EncodeCursorOpenResponse(const std::vector<Field>& columns, uint32_t client_capabilities,
                              uint16_t status_flags, PacketWriter* writer);

// COM_STMT_FETCH: up to `max_rows` binary rows of `rs` from `*next` on
// (advancing it), then EOF/OK carrying SERVER_STATUS_CURSOR_EXISTS while
// rows remain, SERVER_STATUS_LAST_ROW_SENT once none do.
void EncodeCursorFetchResponse(const ResultSet& rs, const std::vector<Field>& columns, size_t* next,
                               uint32_t max_rows, uint32_t client_capabilities,
                               uint16_t status_flags, PacketWriter* writer);

// A Result from the executor: the binary result set/OK, or its error as ERR.
void EncodeExecuteResponse(const Result<ResultSet>& result, uint32_t client_capabilities,
                           uint16_t status_flags, PacketWriter* writer);

}  // namespace tessera::vtgate::mysql
