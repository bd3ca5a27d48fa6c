// InsertSharded: an INSERT (or REPLACE) into a sharded table. Each row goes
// to the shard its primary-vindex value maps to; rows for the same shard are
// sent together as one multi-row statement.
#pragma once

#include <string>
#include <vector>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class InsertSharded final : public Primitive {
 public:
  struct RowPlan {
    QueryTemplate values;  // "(1,'a',...)"
    ValueRef vindex_value;
  };

  InsertSharded(const KeyspaceInfo* keyspace, const Vindex* vindex, std::string prefix,
                std::vector<RowPlan> rows, QueryTemplate suffix)
      : keyspace_(keyspace),
        vindex_(vindex),
        prefix_(std::move(prefix)),
        rows_(std::move(rows)),
        suffix_(std::move(suffix)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  const KeyspaceInfo* keyspace_;
  const Vindex* vindex_;
  std::string prefix_;  // "INSERT INTO `t` (`a`,`b`) VALUES "
  std::vector<RowPlan> rows_;
  QueryTemplate suffix_;  // " ON DUPLICATE KEY UPDATE ..." or empty
};

}  // namespace tessera::vtgate
