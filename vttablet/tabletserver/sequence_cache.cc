#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vttablet/tabletserver/sequence_cache.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "common/sql_string.h"

namespace tessera::vttablet {
namespace {

constexpr std::chrono::milliseconds kRefillTimeout{10000};

ResultSet FirstValue(uint64_t first) {
  ResultSet rs;
  Field field;
  field.name = field.org_name = "nextval";
  field.type = FieldType::kLongLong;
  field.flags = field_flag::kNotNull | field_flag::kUnsigned | field_flag::kNum;
  field.charset = kCharsetBinary;
  field.column_length = 20;
  rs.fields.push_back(std::move(field));
  rs.rows.push_back({std::to_string(first)});
  return rs;
}

std::optional<uint64_t> ParseUnsigned(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

Error SequenceError(const std::string& table, const std::string& problem) {
  return Error::Make(mysql_errno::kUnknown, "sequence " + table + ": " + problem);
}

}  // namespace

boost::asio::awaitable<Result<ResultSet>> SequenceCache::Next(std::string database,
                                                              NextValuesRequest request) {
  auto key = std::make_pair(database, request.table);
  Block& block = blocks_[key];
  if (block.end - block.next >= request.count) {
    uint64_t first = block.next;
    block.next += request.count;
    co_return FirstValue(first);
  }
  auto reserved = co_await Reserve(database, request.table, request.count);
  if (!reserved.ok()) co_return reserved.error();
  co_return FirstValue(*reserved);
}

boost::asio::awaitable<Result<uint64_t>> SequenceCache::Reserve(const std::string& database,
                                                                const std::string& table,
                                                                uint64_t count) {
  auto key = std::make_pair(database, table);
  const std::string quoted = QuoteSqlIdentifier(table);
  auto connection = co_await pool_.Acquire();
  if (blocks_[key].cache == 0) {
    auto read = co_await connection->Execute(
        database, "SELECT cache FROM " + quoted + " WHERE id = 0", 0, kRefillTimeout);
    if (!read.ok()) {
      pool_.Release(std::move(connection));
      co_return SequenceError(table, read.error().message);
    }
    std::optional<uint64_t> cache =
        read->rows.empty() ? std::nullopt : ParseUnsigned(read->rows[0][0]);
    if (!cache) {
      pool_.Release(std::move(connection));
      co_return SequenceError(table, "the table has no row with id 0 and a cache value; see " +
                                         SequenceTableDdl(table).back());
    }
    blocks_[key].cache = std::max<uint64_t>(*cache, 1);
  }
  const uint64_t size = std::max(blocks_[key].cache, count);
  auto updated =
      co_await connection->Execute(database,
                                   "UPDATE " + quoted + " SET next_id = LAST_INSERT_ID(next_id + " +
                                       std::to_string(size) + ") WHERE id = 0",
                                   0, kRefillTimeout);
  pool_.Release(std::move(connection));
  if (!updated.ok()) co_return SequenceError(table, updated.error().message);
  if (updated->affected_rows != 1 || updated->last_insert_id < size) {
    co_return SequenceError(table, "the table has no row with id 0");
  }
  const uint64_t end = updated->last_insert_id;
  const uint64_t first = end - size;
  // Blocks reserved by racing refills are not merged: the older remainder,
  // if any is left, keeps serving and this one's rest is dropped.
  Block& block = blocks_[key];
  if (block.next == block.end) {
    block.next = first + count;
    block.end = end;
  }
  co_return first;
}

}  // namespace tessera::vttablet
