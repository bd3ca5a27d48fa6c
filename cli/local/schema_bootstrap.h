// Creating a keyspace's database on one shard server the first time a
// cluster comes up: CREATE DATABASE vt_<keyspace> and the keyspace's schema
// DDL, then the sequence tables it declares (those are also added to a
// database that already exists). Shared by the local launcher and
// `tessera init-db` (docker-compose).
#pragma once

#include "cli/local/mariadb_client.h"
#include "common/error.h"
#include "config/topology.h"

namespace tessera::local {

enum class Bootstrap { kCreated, kAlreadyThere };

// If the keyspace's database is missing on the server at `login`, creates it
// and runs every schema statement in it. A failing statement drops the
// half-made database again so that the next attempt starts clean; the error
// names the statement's position and MariaDB's message.
Result<Bootstrap> EnsureKeyspaceDatabase(const MariaDbLogin& login,
                                         const config::KeyspaceConfig& keyspace);

}  // namespace tessera::local
