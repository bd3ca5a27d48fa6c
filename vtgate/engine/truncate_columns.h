// TruncateColumns: drops the hidden columns the planner appended (sort keys,
// weight strings), keeping all but the last `hidden`.
#pragma once

#include <memory>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class TruncateColumns final : public Primitive {
 public:
  TruncateColumns(std::unique_ptr<Primitive> child, size_t hidden)
      : child_(std::move(child)), hidden_(hidden) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> child_;
  size_t hidden_;
};

}  // namespace tessera::vtgate
