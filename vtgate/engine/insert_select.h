// InsertSelect: INSERT ... SELECT into a table whose rows vtgate must place.
// The SELECT runs as its own plan (any keyspace, any shape vtgate runs), and
// each of its rows becomes a VALUES row of an INSERT sent to the shard of the
// row's primary-vindex value (sharded table), to the keyspace's only shard
// (unsharded) or to every shard (reference table). Rows for one shard travel
// in statements of up to kRowsPerStatement rows. Like a multi-row INSERT
// across shards it is not atomic outside a transaction.
#pragma once

#include <memory>
#include <string>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class InsertSelect final : public Primitive {
 public:
  enum class Target { kSharded, kUnsharded, kReference };
  static constexpr size_t kRowsPerStatement = 500;

  struct Spec {
    const KeyspaceInfo* keyspace = nullptr;
    Target target = Target::kSharded;
    const Vindex* vindex = nullptr;  // kSharded
    size_t vindex_position = 0;      // kSharded: the vindex column in the column list
    size_t columns = 0;              // how many columns the list names; 0: no list
    std::string prefix;              // "INSERT INTO `t` (`a`,`b`) VALUES "
    QueryTemplate suffix;            // " ON DUPLICATE KEY UPDATE ..." or empty
  };

  InsertSelect(std::unique_ptr<Primitive> select, Spec spec)
      : select_(std::move(select)), spec_(std::move(spec)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> select_;
  Spec spec_;
};

}  // namespace tessera::vtgate
