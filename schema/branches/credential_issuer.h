// CredentialIssuer: MySQL accounts scoped to one branch. A new credential
// gets a random username ("<branch>-<8 random [a-z0-9]>", at most 32
// characters) and a random 40-character password from OpenSSL's CSPRNG; only
// its mysql_native_password hash is stored. The plain password exists only
// in the value returned by Issue, to be shown once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "schema/branches/branch_catalog.h"
#include "schema/store/credential_record.h"
#include "schema/store/metadata_store.h"

namespace tessera::schema {

struct IssuedCredential {
  CredentialRecord record;
  std::string password;  // plain text; never stored or logged
};

// "reader", "writer", "admin".
bool IsCredentialRole(std::string_view role);

// `length` characters from [a-z0-9] (alphabet_size 36) or [A-Za-z0-9] (62),
// uniformly, from OpenSSL RAND_bytes. Internal error if the CSPRNG fails.
Result<std::string> RandomCharacters(size_t length, bool mixed_case);

// Username for a new credential of `branch` (before the random suffix is
// known, the branch part is cut so the whole stays within 32 characters).
std::string CredentialUsername(std::string_view branch, std::string_view random_suffix);

class CredentialIssuer {
 public:
  // `catalog` and `store` must outlive the issuer.
  CredentialIssuer(BranchCatalog& catalog, MetadataStore& store)
      : catalog_(catalog), store_(store) {}

  // NotFound for an unknown keyspace or branch, InvalidArgument for a bad role.
  Result<IssuedCredential> Issue(const std::string& keyspace, const std::string& branch,
                                 const std::string& role);
  // Without password hashes' plain texts, newest first.
  Result<std::vector<CredentialRecord>> List(const std::string& keyspace,
                                             const std::string& branch);

 private:
  BranchCatalog& catalog_;
  MetadataStore& store_;
};

}  // namespace tessera::schema
