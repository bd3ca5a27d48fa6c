// Conversion of Connector/C results into ResultSet and Error values. Pure
// functions over the library's structures (no network access).
#pragma once

#include <cstdint>

#include "common/error.h"
#include "common/result_set.h"

struct st_mysql;
struct st_mysql_res;

namespace tessera::vttablet {

// The error state of `mysql` (errno, SQLSTATE, message).
Error ErrorFromMysql(st_mysql* mysql);

// Fields and rows of a stored result; the counters come from `mysql`.
ResultSet ResultSetFromMysql(st_mysql* mysql, st_mysql_res* result);

// The OK-packet counters of a statement that returned no result set.
ResultSet OkResultFromMysql(st_mysql* mysql);

// True for client errors after which the connection cannot be used
// (server gone away, lost connection, cannot connect, ...).
bool IsConnectionError(uint16_t code);

}  // namespace tessera::vttablet
