// Sequences: the shared vocabulary of vtgate and the tablet for values a
// sharded table's auto-increment column takes from a sequence table.
//
// A sequence table lives in an unsharded keyspace and has one row, id 0:
// next_id is the first value not yet handed out, cache how many values a
// tablet reserves per trip to MariaDB. vtgate asks the sequence keyspace's
// tablet for values with the statement `SELECT NEXT <n> VALUES FROM <table>`,
// which the tablet answers itself (one row, one column: the first of <n>
// consecutive values reserved for the caller).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

// CREATE TABLE IF NOT EXISTS and the initial row (next_id `next_id`, cache
// 1000); running them again changes nothing.
std::vector<std::string> SequenceTableDdl(std::string_view table, uint64_t next_id = 1);

// `SELECT NEXT <count> VALUES FROM <table>`.
std::string NextValuesStatement(std::string_view table, uint64_t count);

struct NextValuesRequest {
  std::string table;
  uint64_t count = 0;
};

// The request in `sql` when it is a NEXT VALUES statement (`table` may be
// back-quoted; `count` 1..1,000,000), nullopt for any other statement.
std::optional<NextValuesRequest> ParseNextValues(std::string_view sql);

}  // namespace tessera
