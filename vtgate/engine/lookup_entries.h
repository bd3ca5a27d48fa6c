// Lookup entries: the rows of a lookup vindex's table, (value, keyspace id),
// as the DML primitives of an owner table add and remove them. Values are
// SQL literals; keyspace ids raw bytes.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "common/error.h"
#include "vtgate/engine/vcursor.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {

using LookupEntries = std::set<std::pair<std::string, std::string>>;

// The owner table of a lookup vindex, for the check of what rows remain.
struct LookupOwner {
  const KeyspaceInfo* keyspace = nullptr;
  std::string table;
  std::string primary_column;
  const Vindex* primary = nullptr;
};

// X'..' of a keyspace id.
std::string KeyspaceIdLiteral(std::string_view keyspace_id);

// Adds `entries`: INSERT, so a unique lookup refuses a taken value with
// 1062; INSERT IGNORE for a non-unique one, whose entries rows share.
boost::asio::awaitable<Status> AddLookupEntries(VCursor& cursor, const LookupVindex& lookup,
                                                const LookupEntries& entries);

// Removes `entries` of rows that are gone (or changed). For a non-unique
// lookup, an entry some remaining row of the owner (its `column` equal to
// the value, its keyspace id the entry's) still needs is kept.
boost::asio::awaitable<Status> RemoveLookupEntries(VCursor& cursor, const LookupVindex& lookup,
                                                   const LookupOwner& owner,
                                                   const std::string& column,
                                                   LookupEntries entries);

}  // namespace tessera::vtgate
