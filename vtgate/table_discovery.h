// TableDiscovery: learns the tables of an auto_vschema keyspace that its
// VSchema does not list, from the information_schema of the keyspace's
// first shard (every shard has the same tables), and records them in the
// keyspace's DiscoveredTables: sharded by their first primary-key column with
// the keyspace's auto vindex. A first column that is AUTO_INCREMENT takes its
// values from `<table>_seq` in the keyspace's auto_sequence_keyspace; a
// missing sequence table is created there, starting past the largest value
// already on any shard. Tables without a primary key, and online DDL's
// helper tables (names starting with '_'), are not recorded.
#pragma once

#include <utility>  // before Asio 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "vtgate/engine/vcursor.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

// Runs its queries with `cursor`'s ExecuteInternal. `keyspace` must have an
// auto vindex.
boost::asio::awaitable<Status> DiscoverTables(VCursor& cursor, const KeyspaceInfo& keyspace);

}  // namespace tessera::vtgate
