#include "cli/local/schema_bootstrap.h"

#include "common/sequence_table.h"

namespace tessera::local {
namespace {

// Sequence tables the config declares and the schema did not create;
// creating them again changes nothing.
Status EnsureSequenceTables(MariaDbClient& client, const config::KeyspaceConfig& keyspace) {
  for (const auto& table : keyspace.tables) {
    if (table.type != "sequence") continue;
    for (const std::string& ddl : SequenceTableDdl(table.name)) {
      if (Status s = client.Execute(ddl); !s.ok()) {
        return Error::Make(s.error().code, "keyspace \"" + keyspace.name + "\" sequence table " +
                                               table.name + ": " + s.error().message);
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Bootstrap> EnsureKeyspaceDatabase(const MariaDbLogin& login,
                                         const config::KeyspaceConfig& keyspace) {
  auto client = MariaDbClient::Connect(login);
  if (!client.ok()) return client.error();
  const std::string db = keyspace.DatabaseName();
  auto found = (*client)->Query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" +
                                db + "'");
  if (!found.ok()) return found.error();
  if (!found->empty()) {
    // The config may declare sequence tables the database does not have yet.
    if (Status s = (*client)->Execute("USE `" + db + "`"); !s.ok()) return s.error();
    if (Status s = EnsureSequenceTables(**client, keyspace); !s.ok()) return s.error();
    return Bootstrap::kAlreadyThere;
  }

  const std::string quoted = "`" + db + "`";
  if (Status s = (*client)->Execute("CREATE DATABASE " + quoted); !s.ok()) return s.error();
  if (Status s = (*client)->Execute("USE " + quoted); !s.ok()) return s.error();
  for (size_t i = 0; i < keyspace.schema.size(); ++i) {
    if (Status s = (*client)->Execute(keyspace.schema[i]); !s.ok()) {
      (*client)->Execute("DROP DATABASE " + quoted);
      return Error::Make(s.error().code, "keyspace \"" + keyspace.name + "\" schema statement " +
                                             std::to_string(i + 1) + " failed on " + login.host +
                                             ":" + std::to_string(login.port) + ": " +
                                             s.error().message);
    }
  }
  if (Status s = EnsureSequenceTables(**client, keyspace); !s.ok()) {
    (*client)->Execute("DROP DATABASE " + quoted);
    return s.error();
  }
  return Bootstrap::kCreated;
}

}  // namespace tessera::local
