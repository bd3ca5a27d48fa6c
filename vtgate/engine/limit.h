// Limit: keeps rows [offset, offset + count) of its child's result. The
// shards were asked for offset + count rows each, so the window is exact.
#pragma once

#include <memory>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class Limit final : public Primitive {
 public:
  Limit(std::unique_ptr<Primitive> child, ValueRef count, ValueRef offset)
      : child_(std::move(child)), count_(std::move(count)), offset_(std::move(offset)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> child_;
  ValueRef count_;
  ValueRef offset_;  // literal "0" when none
};

}  // namespace tessera::vtgate
