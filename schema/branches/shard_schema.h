// Reading and copying the table schema of one database on one shard server,
// schema only: the cost is one CREATE TABLE per table whatever the data size.
// Views, routines and triggers are not part of a branch's schema.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "schema/store/sql_session.h"

namespace tessera::schema {

// CREATE TABLE statements of every base table in `database`, sorted by table
// name, as SHOW CREATE TABLE prints them minus the AUTO_INCREMENT=<n> table
// option (a counter, not schema). NotFound if the database does not exist.
Result<std::vector<std::string>> ReadDatabaseSchema(SqlSession& session,
                                                    const std::string& database);

// Runs `statements` (CREATE TABLE ...) in `database`, with foreign key checks
// off so that tables may reference each other in any order.
Status ApplySchema(SqlSession& session, const std::string& database,
                   const std::vector<std::string>& statements);

// Creates `to` with the character set and collation of `from`, then copies
// every table's definition from `from`. Conflict if `to` already exists.
Status CreateDatabaseLike(SqlSession& session, const std::string& from, const std::string& to);

// Removes the " AUTO_INCREMENT=<n>" table option from a CREATE TABLE text.
std::string WithoutAutoIncrementCounter(const std::string& create_table);

}  // namespace tessera::schema
