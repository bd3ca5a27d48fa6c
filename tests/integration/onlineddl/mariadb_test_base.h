// A test fixture with one real MariaDB server for the whole suite (started
// in a temporary directory, stopped afterwards), a database `kDb` and a
// connection to it for each test. For tests of one online DDL component
// against the server, without a vttablet.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "cli/local/mariadb_instance.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/started_mariadb.h"
#include "vttablet/mariadb/blocking_connection.h"

namespace tessera::vttablet::onlineddl {

class MariaDbTestBase : public ::testing::Test {
 protected:
  static constexpr const char* kDb = "onlineddl_db";

  static void SetUpTestSuite() {
    dir_ = std::make_unique<local::TempDir>("tessera-onlineddl-it-");
    local::MariaDbInstanceOptions options;
    options.data_dir = dir_->Sub("mariadb");
    auto db = testing_support::StartMariaDb(options);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
  }

  static void TearDownTestSuite() {
    if (db_) {
      EXPECT_TRUE(db_->Stop().ok());
    }
    db_.reset();
    dir_.reset();
  }

  static MariaDbParams Params() {
    auto login = db_->Login();
    MariaDbParams params;
    params.host = login.host;
    params.port = login.port;
    params.user = login.user;
    params.password = login.password;
    return params;
  }

  std::unique_ptr<BlockingConnection> Connect() {
    auto connection = BlockingConnection::Connect(Params(), kDb);
    EXPECT_TRUE(connection.ok()) << connection.error().message;
    return connection.ok() ? std::move(connection).value() : nullptr;
  }

  void SetUp() override {
    auto admin = BlockingConnection::Connect(Params(), "");
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    ASSERT_TRUE(admin.value()->Execute(std::string("CREATE DATABASE IF NOT EXISTS ") + kDb).ok());
    sql_ = Connect();
    ASSERT_NE(sql_, nullptr);
  }

  void Exec(const std::string& statement) {
    auto done = sql_->Execute(statement);
    ASSERT_TRUE(done.ok()) << statement << ": " << done.error().message;
  }

  std::string Value(const std::string& query) {
    auto value = sql_->QueryValue(query);
    EXPECT_TRUE(value.ok()) << query << ": " << value.error().message;
    return value.ok() && value.value() ? *value.value() : "NULL";
  }

  static inline std::unique_ptr<local::TempDir> dir_;
  static inline std::unique_ptr<local::MariaDbInstance> db_;
  std::unique_ptr<BlockingConnection> sql_;
};

}  // namespace tessera::vttablet::onlineddl
