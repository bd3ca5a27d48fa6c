// BranchDirectory: what vtgate knows about database branches, read from
// schemad's metadata store: branch-scoped credentials (a user that may use
// exactly one branch of one keyspace, with a role) and the branches of each
// keyspace (production? safe migrations?). A snapshot replaced as a whole by
// the refresher; lookups are thread-safe and never block on I/O.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::vtgate {

enum class BranchRole { kReader, kWriter, kAdmin };

struct BranchCredential {
  std::string user;
  std::string password_hash;  // "*" + 40 hex digits
  std::string keyspace;
  std::string branch;
  BranchRole role = BranchRole::kReader;
};

struct BranchInfo {
  std::string keyspace;
  std::string name;
  std::string parent;
  bool production = false;
  bool safe_migrations = false;
  std::string data_state;
  std::string created_at;
};

class BranchDirectory {
 public:
  // `config_users` are the accounts of the cluster config: they always win
  // over a branch credential of the same name.
  explicit BranchDirectory(std::set<std::string> config_users = {})
      : config_users_(std::move(config_users)) {}

  void Replace(std::vector<BranchCredential> credentials, std::vector<BranchInfo> branches);

  // The branch credential of `user`, unless it is a config account.
  std::optional<BranchCredential> FindCredential(std::string_view user) const;
  std::optional<BranchInfo> FindBranch(std::string_view keyspace, std::string_view branch) const;
  std::vector<BranchInfo> Branches(std::string_view keyspace) const;

 private:
  struct Snapshot {
    std::map<std::string, BranchCredential, std::less<>> credentials;
    std::map<std::pair<std::string, std::string>, BranchInfo> branches;
  };
  std::shared_ptr<const Snapshot> Current() const;

  const std::set<std::string> config_users_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_ = std::make_shared<Snapshot>();
};

// "vt_<keyspace>" for "main" (or ""), "vt_<keyspace>__<branch, '-' as '_'>".
std::string BranchDatabase(std::string_view keyspace, std::string_view branch);
std::optional<BranchRole> ParseBranchRole(std::string_view role);

}  // namespace tessera::vtgate
