// Column tracking: learns the columns of every table of a keyspace from the
// information_schema.COLUMNS of its first shard (every shard has the same
// tables) and records them in the keyspace's TrackedColumns. Online DDL's
// helper tables (names starting with '_') are left out: they come and go
// during migrations and no statement names them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <utility>  // before Asio 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/engine/vcursor.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

// The query the lists are read with, on the keyspace's database: rows of
// (TABLE_NAME, COLUMN_NAME) in table and column order.
extern const char* const kTrackedColumnsQuery;

// The lists `rows` of kTrackedColumnsQuery describe: lower-case column
// names by table name.
std::map<std::string, std::vector<std::string>> ColumnListsFromRows(const ResultSet& rows);

// Reads the lists with `cursor`'s ExecuteInternal and replaces the
// keyspace's tracked ones. A failed read leaves them as they were.
boost::asio::awaitable<Status> TrackColumns(VCursor& cursor, const KeyspaceInfo& keyspace);

}  // namespace tessera::vtgate
