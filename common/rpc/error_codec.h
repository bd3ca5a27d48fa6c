// Encoding of an Error inside a payload (u16 code, sqlstate, message); shared
// by the Execute and Status responses.
#pragma once

#include "common/error.h"
#include "common/rpc/wire_reader.h"
#include "common/rpc/wire_writer.h"

namespace tessera::rpc {

inline void WriteError(WireWriter& w, const Error& e) {
  w.U16(e.code);
  w.Bytes(e.sql_state);
  w.Bytes(e.message);
}

inline bool ReadError(WireReader& r, Error& e) {
  return r.U16(e.code) && r.Bytes(e.sql_state) && r.Bytes(e.message);
}

}  // namespace tessera::rpc
