#include "vtgate/mysql/sha2_digest_cache.h"

namespace tessera::vtgate::mysql {

std::optional<std::string> Sha2DigestCache::Find(std::string_view user,
                                                 std::string_view native_hash) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(user));
  if (it == entries_.end() || it->second.native_hash != native_hash) return std::nullopt;
  return it->second.digest;
}

void Sha2DigestCache::Store(std::string_view user, std::string_view native_hash,
                            std::string_view digest) {
  std::lock_guard lock(mutex_);
  entries_[std::string(user)] = Entry{std::string(native_hash), std::string(digest)};
}

}  // namespace tessera::vtgate::mysql
