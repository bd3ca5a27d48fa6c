#include "cli/local/pem_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace tessera::local {

Status WritePemFile(const std::string& path, const std::string& pem, mode_t mode) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Error::Internal("cannot write " + tmp);
  ::fchmod(fd, mode);
  size_t written = 0;
  while (written < pem.size()) {
    ssize_t n = ::write(fd, pem.data() + written, pem.size() - written);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error::Internal("cannot write " + tmp);
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Error::Internal("cannot write " + path);
  }
  return Status::Ok();
}

}  // namespace tessera::local
