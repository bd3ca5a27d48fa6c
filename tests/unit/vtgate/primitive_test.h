// For unit tests of primitives:
// - FakeCursor, a VCursor that records every shard query and answers it
//   with one row naming the shard (or 1062 for `fail_shard`);
//   ExecuteInternal hands out sequence blocks of 1000.
// - PrimitiveTest, a fixture with the test topology's VSchema, its
//   `customer` keyspace, a FakeCursor and Run(primitive, binds).
#pragma once

#include <utility>  // before Asio 1.74 awaitable.hpp, which uses std::exchange

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "tests/unit/vtgate/test_topology.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/engine/vcursor.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate::testing {

class FakeCursor final : public VCursor {
 public:
  void WriteInOneTransaction() override {}
  boost::asio::awaitable<std::vector<Result<ResultSet>>> ExecuteMulti(
      std::vector<ShardQuery> queries) override {
    std::vector<Result<ResultSet>> out;
    for (auto& q : queries) out.push_back(co_await ExecuteOne(std::move(q)));
    co_return out;
  }
  boost::asio::awaitable<Result<ResultSet>> ExecuteOne(ShardQuery query) override {
    seen.emplace_back(query.shard->name, query.sql);
    if (fail_shard == query.shard->name) co_return Error::Make(1062, "Duplicate entry");
    ResultSet rs;
    Field field;
    field.name = "shard";
    rs.fields.push_back(field);
    rs.rows.push_back(Row{Value(query.shard->name)});
    rs.affected_rows = 1;
    co_return rs;
  }
  boost::asio::awaitable<Result<ResultSet>> ExecuteInternal(ShardQuery query) override {
    internal.emplace_back(query.shard->name, query.sql);
    ResultSet rs;
    Field field;
    field.name = "nextval";
    rs.fields.push_back(field);
    rs.rows.push_back(Row{Value(std::to_string(next_value))});
    next_value += 1000;
    co_return rs;
  }
  std::vector<std::pair<std::string, std::string>> seen;
  std::vector<std::pair<std::string, std::string>> internal;  // sequence requests
  uint64_t next_value = 1;
  std::string fail_shard;
};

class PrimitiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vschema = VSchema::Build(TestTopology());
    ASSERT_TRUE(vschema.ok());
    vschema_ = *vschema;
    customer_ = vschema_->FindKeyspace("customer");
  }
  Result<ResultSet> Run(const Primitive& p, const BindValues& binds = {}) {
    boost::asio::io_context io;
    std::optional<Result<ResultSet>> out;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> { out.emplace(co_await p.Execute(cursor_, binds)); },
        boost::asio::detached);
    io.run();
    return std::move(*out);
  }

  std::shared_ptr<const VSchema> vschema_;
  const KeyspaceInfo* customer_ = nullptr;
  FakeCursor cursor_;
};

}  // namespace tessera::vtgate::testing
