// Project: keeps the listed columns of its child's result, in the listed
// order (a column may come from the start or the end of the row). Puts a
// join's columns back in the order the select list asked for and drops the
// hidden ones.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

class Project final : public Primitive {
 public:
  Project(std::unique_ptr<Primitive> child, std::vector<ResultColumn> columns)
      : child_(std::move(child)), columns_(std::move(columns)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> child_;
  std::vector<ResultColumn> columns_;
};

}  // namespace tessera::vtgate
