#include "cli/local/temp_dir.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace tessera::local {

TempDir::TempDir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/" + prefix + "XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory from " + pattern);
  }
  path_ = buf.data();
}

TempDir::~TempDir() {
  const char* keep = std::getenv("TESSERA_KEEP_TEST_DIRS");
  if (keep != nullptr && *keep != '\0' && std::string(keep) != "0") return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace tessera::local
