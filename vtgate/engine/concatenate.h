// Concatenate: the rows of every child in turn, under the first child's
// column definitions (UNION ALL of parts vtgate plans separately). Children
// with another number of columns get 1222, as MariaDB answers.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class Concatenate final : public Primitive {
 public:
  explicit Concatenate(std::vector<std::unique_ptr<Primitive>> children)
      : children_(std::move(children)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::vector<std::unique_ptr<Primitive>> children_;
};

}  // namespace tessera::vtgate
