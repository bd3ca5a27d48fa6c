#include "cli/command_context.h"

#include <filesystem>
#include <system_error>

namespace tessera::cli {

std::string ExecutableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return ".";
  return exe.parent_path().string();
}

}  // namespace tessera::cli
