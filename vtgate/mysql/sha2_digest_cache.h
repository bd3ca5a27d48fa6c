// Sha2DigestCache: what makes caching_sha2_password "caching". For each user
// it remembers SHA256(SHA256(password)), learnt from a successful full
// authentication (or seeded from a config that holds the plain password), so
// later logins take the fast path. An entry is bound to the user's
// mysql_native_password hash at the time it was stored: once the user's
// password changes, the entry no longer matches and is ignored (then
// replaced). Thread-safe; holds at most one entry per user name ever seen
// authenticating successfully.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tessera::vtgate::mysql {

class Sha2DigestCache {
 public:
  // The digest stored for `user` under `native_hash`, if any.
  std::optional<std::string> Find(std::string_view user, std::string_view native_hash) const;
  void Store(std::string_view user, std::string_view native_hash, std::string_view digest);

 private:
  struct Entry {
    std::string native_hash;
    std::string digest;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace tessera::vtgate::mysql
