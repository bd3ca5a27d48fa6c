#include "vtgate/branch_directory.h"

namespace tessera::vtgate {

void BranchDirectory::Replace(std::vector<BranchCredential> credentials,
                              std::vector<BranchInfo> branches) {
  auto next = std::make_shared<Snapshot>();
  for (auto& c : credentials) {
    std::string user = c.user;
    next->credentials.emplace(std::move(user), std::move(c));
  }
  for (auto& b : branches) {
    auto key = std::make_pair(b.keyspace, b.name);
    next->branches.emplace(std::move(key), std::move(b));
  }
  std::lock_guard lock(mutex_);
  snapshot_ = std::move(next);
}

std::shared_ptr<const BranchDirectory::Snapshot> BranchDirectory::Current() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

std::optional<BranchCredential> BranchDirectory::FindCredential(std::string_view user) const {
  if (config_users_.count(std::string(user)) > 0) return std::nullopt;
  auto snapshot = Current();
  auto it = snapshot->credentials.find(user);
  if (it == snapshot->credentials.end()) return std::nullopt;
  return it->second;
}

std::optional<BranchInfo> BranchDirectory::FindBranch(std::string_view keyspace,
                                                      std::string_view branch) const {
  auto snapshot = Current();
  auto it = snapshot->branches.find({std::string(keyspace), std::string(branch)});
  if (it == snapshot->branches.end()) return std::nullopt;
  return it->second;
}

std::vector<BranchInfo> BranchDirectory::Branches(std::string_view keyspace) const {
  auto snapshot = Current();
  std::vector<BranchInfo> out;
  for (const auto& [key, info] : snapshot->branches)
    if (key.first == keyspace) out.push_back(info);
  return out;
}

std::string BranchDatabase(std::string_view keyspace, std::string_view branch) {
  std::string db = "vt_" + std::string(keyspace);
  if (branch.empty() || branch == "main") return db;
  db += "__";
  for (char c : branch) db += c == '-' ? '_' : c;
  return db;
}

std::optional<BranchRole> ParseBranchRole(std::string_view role) {
  if (role == "reader") return BranchRole::kReader;
  if (role == "writer") return BranchRole::kWriter;
  if (role == "admin") return BranchRole::kAdmin;
  return std::nullopt;
}

}  // namespace tessera::vtgate
