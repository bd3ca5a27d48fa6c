// Join: a nested-loop join of its left child with one group of co-located
// tables on the right (a Route), for joins the shards cannot answer alone.
//
// For every left row the right query is rendered with that row's values as
// bind values (indexes past the statement's own: the tag at
// `first_extra_bind`, then one per `bind_columns`), so each shard compares
// the values exactly as one MariaDB would. The right queries of up to
// kBatchRows left rows travel to each shard as one UNION ALL, told apart by
// the tag the right query selects first.
//
// Output columns: left visible, right visible, left hidden, right hidden,
// where the hidden columns are the last `left_hidden` of a left row and the
// last `right_hidden` of a right row (after its tag). kLeft keeps left rows
// without a match, their right columns NULL. More than `max_rows` joined
// rows is an error, never an out-of-memory crash.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"
#include "vtgate/engine/route.h"

namespace tessera::vtgate {

class Join final : public Primitive {
 public:
  enum class Kind { kInner, kLeft };
  static constexpr size_t kBatchRows = 64;

  struct Spec {
    Kind kind = Kind::kInner;
    size_t left_hidden = 0;
    size_t right_hidden = 0;
    std::vector<ResultColumn> bind_columns;  // of the left result
    size_t first_extra_bind = 0;             // the statement's bind count
    size_t max_rows = 100000;
  };

  Join(std::unique_ptr<Primitive> left, std::unique_ptr<Route> right, Spec spec)
      : left_(std::move(left)), right_(std::move(right)), spec_(std::move(spec)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> left_;
  std::unique_ptr<Route> right_;
  Spec spec_;
};

}  // namespace tessera::vtgate
