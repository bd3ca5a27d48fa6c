// Materialize: runs a query that vtgate cannot split across shards as a
// whole, on one shard, over copies of the rows it reads. Each source is a
// plan that reads one table's rows (`SELECT <columns> FROM t`, with the
// WHERE terms that concern that table alone). Its rows are written into the
// query in the table's place, as a derived table of literal rows:
//   (SELECT <columns> FROM `t` WHERE 0 UNION ALL VALUES (..), (..)) AS alias
// The empty first part gives every column the table's own type and
// collation (UNION takes the types of all its parts), so MariaDB evaluates
// joins, windows, aggregates and subqueries over the copies as it would over
// the table. Temporal values are written as CASTs, FLOAT values as
// CAST(.. AS FLOAT) and binary strings as X'..'.
//
// Contract:
// - Hole bind_count + k of `query` takes source k's derived text, without its
//   leading "SELECT " (the query holds `(SELECT <hole>) AS alias`).
// - The rows of all sources together are limited to `max_rows`; beyond it
//   the query fails with 1105, before anything is sent to the shard.
// - The query sent is at most kMaxQueryBytes (MariaDB's default
//   max_allowed_packet); a longer one fails with 1105 and is not sent.
// - ENUM, SET, BIT and spatial columns are refused (1235): written as text
//   they would sort and compare differently; so are zero dates, which CAST
//   turns into NULL under some sql_modes.
// - The answer is the shard's answer to the whole query.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vtgate/engine/bind_values.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

class Materialize final : public Primitive {
 public:
  static constexpr size_t kMaxQueryBytes = 16u << 20;

  struct Source {
    // Answers `SELECT <columns> FROM table ...`; null when the query returns
    // no rows whatever the table holds (LIMIT 0): the copy is then empty.
    std::unique_ptr<Primitive> rows;
    std::string table;          // the table's name on the shards
    std::string columns = "*";  // the select list `rows` reads: "*" or "a, b"
  };

  Materialize(std::vector<Source> sources, const KeyspaceInfo* keyspace, QueryTemplate query,
              size_t bind_count, size_t max_rows)
      : sources_(std::move(sources)),
        keyspace_(keyspace),
        query_(std::move(query)),
        bind_count_(bind_count),
        max_rows_(max_rows) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // The derived text for `rows` of `table`, read with the select list
  // `columns` (without the leading "SELECT "), or 1235 for a column that
  // cannot be copied; exposed for tests.
  static Result<std::string> RowsText(const std::string& table, const ResultSet& rows,
                                      const std::string& columns = "*");

 private:
  std::vector<Source> sources_;
  const KeyspaceInfo* keyspace_;
  QueryTemplate query_;
  size_t bind_count_;
  size_t max_rows_;
};

}  // namespace tessera::vtgate
