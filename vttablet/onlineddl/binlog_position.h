// BinlogPosition: a place in a MariaDB server's binary log.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::vttablet::onlineddl {

struct BinlogPosition {
  std::string file;  // "binlog.000003"; empty: unknown
  uint64_t offset = 0;

  bool empty() const { return file.empty(); }
  // Binlog file names share a prefix and a zero-padded counter, so names
  // order like their files.
  bool operator<(const BinlogPosition& o) const {
    return file != o.file ? file < o.file : offset < o.offset;
  }
  bool operator==(const BinlogPosition&) const = default;
  std::string ToString() const { return file + ":" + std::to_string(offset); }
};

}  // namespace tessera::vttablet::onlineddl
