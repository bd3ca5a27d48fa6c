// AdminCommands: statements a tablet answers itself instead of sending them
// to MariaDB (the online DDL `MIGRATION ...` commands). Run() blocks, so the
// QueryService calls it on a separate thread, never on its io_context.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::vttablet {

class AdminCommands {
 public:
  virtual ~AdminCommands() = default;
  virtual bool Handles(std::string_view sql) const = 0;
  virtual Result<ResultSet> Run(const std::string& database, std::string_view sql) = 0;
};

}  // namespace tessera::vttablet
