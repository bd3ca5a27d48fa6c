#include "schema/branches/branch_name.h"

#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool IsWellFormedBranchName(std::string_view name) {
  if (name.empty() || name.size() > kMaxBranchNameLength) return false;
  if (name.front() == '-' || name.back() == '-') return false;
  for (char c : name)
    if (!IsNameChar(c)) return false;
  return true;
}

Status ValidateNewBranchName(std::string_view name) {
  const std::string quoted = "\"" + std::string(name) + "\"";
  if (name.empty()) return InvalidArgument("a branch name must not be empty");
  if (name.size() > kMaxBranchNameLength) {
    return InvalidArgument("branch name " + quoted + " is longer than " +
                           std::to_string(kMaxBranchNameLength) + " characters");
  }
  for (char c : name) {
    if (!IsNameChar(c)) {
      return InvalidArgument("branch name " + quoted +
                             " may use only lower-case letters, digits and '-'");
    }
  }
  if (name.front() == '-' || name.back() == '-')
    return InvalidArgument("branch name " + quoted + " must not start or end with '-'");
  if (name == kMainBranch)
    return Conflict("branch main already exists: it is the keyspace's production branch");
  return Status::Ok();
}

std::string BranchDatabaseName(std::string_view keyspace, std::string_view branch) {
  std::string db = "vt_" + std::string(keyspace);
  if (branch == kMainBranch) return db;
  db += "__";
  for (char c : branch) db.push_back(c == '-' ? '_' : c);
  return db;
}

}  // namespace tessera::schema
