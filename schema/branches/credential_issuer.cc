#include "schema/branches/credential_issuer.h"

#include <openssl/rand.h>

#include "config/password_hash.h"
#include "schema/store/service_error.h"

namespace tessera::schema {

bool IsCredentialRole(std::string_view role) {
  return role == "reader" || role == "writer" || role == "admin";
}

Result<std::string> RandomCharacters(size_t length, bool mixed_case) {
  static constexpr std::string_view kAlphabet =
      "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const size_t size = mixed_case ? 62 : 36;
  // Rejection sampling: bytes at or above the largest multiple of `size`
  // are discarded so that every character is equally likely.
  const unsigned limit = 256 - (256 % size);
  std::string out;
  unsigned char buf[64];
  while (out.size() < length) {
    if (RAND_bytes(buf, sizeof(buf)) != 1) return Error::Internal("random generator failed");
    for (unsigned char b : buf) {
      if (b >= limit) continue;
      out.push_back(kAlphabet[b % size]);
      if (out.size() == length) break;
    }
  }
  return out;
}

std::string CredentialUsername(std::string_view branch, std::string_view random_suffix) {
  const size_t room = 32 - 1 - random_suffix.size();
  std::string prefix(branch.substr(0, room));
  while (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
  return prefix + "-" + std::string(random_suffix);
}

Result<IssuedCredential> CredentialIssuer::Issue(const std::string& keyspace,
                                                 const std::string& branch,
                                                 const std::string& role) {
  if (!IsCredentialRole(role))
    return InvalidArgument("role must be reader, writer or admin, not \"" + role + "\"");
  auto record = catalog_.Get(keyspace, branch);
  if (!record.ok()) return record.error();
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto suffix = RandomCharacters(8, /*mixed_case=*/false);
    auto password = RandomCharacters(40, /*mixed_case=*/true);
    if (!suffix.ok()) return suffix.error();
    if (!password.ok()) return password.error();
    IssuedCredential issued;
    issued.record.username = CredentialUsername(branch, *suffix);
    issued.record.password_hash = config::NativePasswordHash(*password);
    issued.record.keyspace = keyspace;
    issued.record.branch = branch;
    issued.record.role = role;
    issued.password = std::move(password).value();
    Status s = store_.InsertCredential(issued.record);
    if (!s.ok() && KindOf(s.error()) == ErrorKind::kConflict) continue;  // username taken: redraw
    if (!s.ok()) return s.error();
    auto stored = store_.ListCredentials(keyspace, branch);
    if (stored.ok()) {
      for (const auto& c : *stored)
        if (c.username == issued.record.username) issued.record.created_at = c.created_at;
    }
    return issued;
  }
  return Error::Internal("could not draw an unused username");
}

Result<std::vector<CredentialRecord>> CredentialIssuer::List(const std::string& keyspace,
                                                             const std::string& branch) {
  auto record = catalog_.Get(keyspace, branch);
  if (!record.ok()) return record.error();
  return store_.ListCredentials(keyspace, branch);
}

}  // namespace tessera::schema
