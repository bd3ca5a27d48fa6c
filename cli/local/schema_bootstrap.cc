#include "cli/local/schema_bootstrap.h"

#include "common/sequence_table.h"

namespace tessera::local {

Result<Bootstrap> EnsureKeyspaceDatabase(const MariaDbLogin& login,
                                         const config::KeyspaceConfig& keyspace) {
  auto client = MariaDbClient::Connect(login);
  if (!client.ok()) return client.error();
  const std::string db = keyspace.DatabaseName();
  auto found = (*client)->Query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" +
                                db + "'");
  if (!found.ok()) return found.error();
  if (!found->empty()) return Bootstrap::kAlreadyThere;

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
  // Sequence tables the config declares and the schema did not create.
  for (const auto& table : keyspace.tables) {
    if (table.type != "sequence") continue;
    for (const std::string& ddl : SequenceTableDdl(table.name)) {
      if (Status s = (*client)->Execute(ddl); !s.ok()) {
        (*client)->Execute("DROP DATABASE " + quoted);
        return Error::Make(s.error().code, "keyspace \"" + keyspace.name + "\" sequence table " +
                                               table.name + ": " + s.error().message);
      }
    }
  }
  return Bootstrap::kCreated;
}

}  // namespace tessera::local
