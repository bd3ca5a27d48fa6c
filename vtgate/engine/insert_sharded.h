// InsertSharded: an INSERT (or REPLACE) into a sharded table. Each row goes
// to the shard its primary-vindex value maps to; rows for the same shard are
// sent together as one multi-row statement.
//
// A table with an auto-increment sequence: rows whose value for that column
// is missing, NULL or 0 get the next values of the sequence (one request to
// the sequence's tablet per statement, outside the session's transaction)
// before they are routed, and the result's last_insert_id is the first value
// generated, as MariaDB reports it for a multi-row INSERT.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {

class InsertSharded final : public Primitive {
 public:
  // The auto-increment column of one row: `values` of the RowPlan ends just
  // before its value, `given` is the value the statement wrote (empty when
  // the column was not listed) and `tail` follows it.
  struct AutoValue {
    std::optional<ValueRef> ref;  // the given value if it is a literal; nullopt: never replaced
    bool absent = false;          // the statement did not list the column
    QueryTemplate given;
    QueryTemplate tail;
  };
  struct RowPlan {
    QueryTemplate values;  // "(1,'a',...)", or the part before the auto-increment value
    ValueRef vindex_value;
    std::optional<AutoValue> auto_value;
  };
  struct Sequence {
    const KeyspaceInfo* keyspace = nullptr;  // unsharded
    std::string table;
    bool is_vindex_column = false;  // the generated value also routes the row
  };

  InsertSharded(const KeyspaceInfo* keyspace, const Vindex* vindex, std::string prefix,
                std::vector<RowPlan> rows, QueryTemplate suffix,
                std::optional<Sequence> sequence = std::nullopt)
      : keyspace_(keyspace),
        vindex_(vindex),
        prefix_(std::move(prefix)),
        rows_(std::move(rows)),
        suffix_(std::move(suffix)),
        sequence_(std::move(sequence)) {}

  // A lookup vindex the table owns: each row's value of its column (nullopt
  // when the statement does not give one), in row order. The rows' entries
  // are added to the lookup table before the rows, in one transaction.
  struct LookupWrite {
    const LookupVindex* vindex = nullptr;
    std::vector<std::optional<ValueRef>> values;
  };
  void SetLookups(std::vector<LookupWrite> lookups) { lookups_ = std::move(lookups); }

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  // Whether `row` takes a generated value in this run.
  static bool NeedsValue(const RowPlan& row, const BindValues& binds);
  // The first of `count` new values of the sequence.
  boost::asio::awaitable<Result<uint64_t>> NextValues(VCursor& cursor, uint64_t count) const;

  const KeyspaceInfo* keyspace_;
  const Vindex* vindex_;
  std::string prefix_;  // "INSERT INTO `t` (`a`,`b`) VALUES "
  std::vector<RowPlan> rows_;
  QueryTemplate suffix_;  // " ON DUPLICATE KEY UPDATE ..." or empty
  std::optional<Sequence> sequence_;
  std::vector<LookupWrite> lookups_;
};

}  // namespace tessera::vtgate
