// TempDir: a fresh directory under $TMPDIR (or /tmp), removed with everything
// in it when the object is destroyed (kept when TESSERA_KEEP_TEST_DIRS is set
// and not "0", to look at logs after a failure). For tests and throw-away
// servers.
#pragma once

#include <string>

namespace tessera::local {

class TempDir {
 public:
  // Creates "<tmp>/<prefix>XXXXXX". Throws std::runtime_error on failure
  // (tests and start-up only).
  explicit TempDir(const std::string& prefix = "tessera-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace tessera::local
