// Primitive: one node of an executable plan (Route, Insert, Send, ...). A
// primitive is immutable once built and may run concurrently in many
// sessions; per-run state lives in the VCursor and the BindValues.
#pragma once

#include <string>

#include <utility>  // before Asio 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/engine/bind_values.h"
#include "vtgate/engine/vcursor.h"

namespace tessera::vtgate {

class Primitive {
 public:
  virtual ~Primitive() = default;
  virtual boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                            const BindValues& binds) const = 0;
  // One line per node, children indented by two spaces (VEXPLAIN PLAN).
  virtual std::string Describe(int indent = 0) const = 0;
};

// Concatenates shard results: the first result's fields, all rows, summed
// affected rows and warnings, the largest last_insert_id. The first error wins.
Result<ResultSet> ConcatenateResults(std::vector<Result<ResultSet>> results);

}  // namespace tessera::vtgate
