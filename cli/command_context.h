// What every `tessera` verb shares: where the tessera executable (and so
// vttablet and vtgate) lives, and the exit code a verb's callback sets.
#pragma once

#include <string>

namespace tessera::cli {

struct CommandContext {
  std::string bin_dir;  // directory of the running tessera executable
  int exit_code = 0;
};

// Directory holding the running executable ("." if it cannot be found).
std::string ExecutableDir();

}  // namespace tessera::cli
