// CredentialRecord: one row of _tessera.credentials, a MySQL account scoped
// to one branch. Only the mysql_native_password hash is stored.
#pragma once

#include <string>

namespace tessera::schema {

struct CredentialRecord {
  std::string username;
  std::string password_hash;  // "*" + 40 upper-case hex digits
  std::string keyspace;
  std::string branch;
  std::string role;        // "reader", "writer" or "admin"
  std::string created_at;  // "YYYY-MM-DD HH:MM:SS" UTC
};

}  // namespace tessera::schema
