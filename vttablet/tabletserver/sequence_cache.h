// SequenceCache: the tablet's answer to `SELECT NEXT <n> VALUES FROM <t>`
// (common/sequence_table.h). For each sequence table it keeps a block of
// values [next, end) already reserved in MariaDB and serves requests from it.
// An exhausted block is replaced by reserving max(cache, n) values with one
// atomic statement,
//   UPDATE t SET next_id = LAST_INSERT_ID(next_id + <block>) WHERE id = 0
// whose OK packet carries the new next_id, so no value is handed out twice,
// across tablet restarts and concurrent refills too; a restart, or two
// refills racing, only leave a gap. `cache` is read from the table the first
// time a sequence is used.
// Single-threaded: the tablet's io_context.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <map>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/result_set.h"
#include "common/sequence_table.h"
#include "vttablet/tabletserver/connection_pool.h"

namespace tessera::vttablet {

class SequenceCache {
 public:
  explicit SequenceCache(ConnectionPool& pool) : pool_(pool) {}

  // One row, one BIGINT UNSIGNED column `nextval`: the first of
  // `request.count` consecutive values that are now the caller's.
  boost::asio::awaitable<Result<ResultSet>> Next(std::string database, NextValuesRequest request);

 private:
  struct Block {
    uint64_t next = 0;
    uint64_t end = 0;    // exclusive
    uint64_t cache = 0;  // values reserved per refill; 0 until read
  };

  // Reserves `count` values in MariaDB; returns the first.
  boost::asio::awaitable<Result<uint64_t>> Reserve(const std::string& database,
                                                   const std::string& table, uint64_t count);

  ConnectionPool& pool_;
  std::map<std::pair<std::string, std::string>, Block> blocks_;  // (database, table)
};

}  // namespace tessera::vttablet
