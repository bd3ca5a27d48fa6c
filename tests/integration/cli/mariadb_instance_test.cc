// Starts a private MariaDB server, runs queries through Connector/C, checks
// the binlog settings and that Stop() ends the process.
#include "cli/local/mariadb_instance.h"

#include <gtest/gtest.h>

#include "cli/local/mariadb_client.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"

namespace tessera::local {
namespace {

TEST(MariaDbInstanceTest, StartsQueriesAndStops) {
  TempDir dir("tessera-mdb-");
  MariaDbInstanceOptions options;
  options.data_dir = dir.Sub("data");
  options.server_id = 7;
  MariaDbInstance db(options);
  EXPECT_FALSE(db.IsInitialized());
  ASSERT_TRUE(db.Initialize().ok());
  ASSERT_TRUE(db.IsInitialized());
  Status started = db.Start(std::chrono::seconds(60));
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_NE(db.port(), 0);
  EXPECT_NE(db.port(), 3306);
  pid_t pid = db.pid();
  ASSERT_TRUE(IsProcessAlive(pid));

  {
    auto client = MariaDbClient::Connect(db.Login());
    ASSERT_TRUE(client.ok()) << client.error().message;
    auto one = (*client)->Query("SELECT 1");
    ASSERT_TRUE(one.ok()) << one.error().message;
    ASSERT_EQ(one->size(), 1u);
    EXPECT_EQ((*one)[0][0].value_or(""), "1");
    auto vars = (*client)->Query(
        "SELECT @@binlog_format, @@binlog_row_image, @@binlog_row_metadata, @@server_id, "
        "@@log_bin");
    ASSERT_TRUE(vars.ok()) << vars.error().message;
    EXPECT_EQ((*vars)[0][0].value_or(""), "ROW");
    EXPECT_EQ((*vars)[0][1].value_or(""), "FULL");
    EXPECT_EQ((*vars)[0][2].value_or(""), "FULL");
    EXPECT_EQ((*vars)[0][3].value_or(""), "7");
    EXPECT_EQ((*vars)[0][4].value_or(""), "1");
    auto bad = (*client)->Query("SELECT * FROM no_such_db.t");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, 1146);  // no such table
  }

  ASSERT_TRUE(db.Stop().ok());
  EXPECT_FALSE(IsProcessAlive(pid));
  EXPECT_FALSE(db.IsRunning());
}

TEST(MariaDbInstanceTest, DataAndAccountSurviveRestart) {
  TempDir dir("tessera-mdb-");
  MariaDbInstanceOptions options;
  options.data_dir = dir.Sub("data");
  options.user = "tess";
  options.password = "s3cr'et";
  MariaDbInstance db(options);
  ASSERT_TRUE(db.Initialize().ok());
  ASSERT_TRUE(db.Start().ok());
  {
    auto client = MariaDbClient::Connect(db.Login());
    ASSERT_TRUE(client.ok()) << client.error().message;
    ASSERT_TRUE((*client)->Execute("CREATE DATABASE d").ok());
    ASSERT_TRUE((*client)->Execute("CREATE TABLE d.t (id INT PRIMARY KEY)").ok());
    ASSERT_TRUE((*client)->Execute("INSERT INTO d.t VALUES (42)").ok());
  }
  MariaDbLogin wrong = db.Login();
  wrong.password = "nope";
  auto denied = MariaDbClient::Connect(wrong);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, 1045);
  ASSERT_TRUE(db.Stop().ok());

  ASSERT_TRUE(db.Initialize().ok());  // no-op on an initialized dir
  Status restarted = db.Start();
  ASSERT_TRUE(restarted.ok()) << restarted.error().message;
  auto client = MariaDbClient::Connect(db.Login());
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto rows = (*client)->Query("SELECT id FROM d.t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0].value_or(""), "42");
}

TEST(MariaDbInstanceTest, StartWithoutInitializeFails) {
  TempDir dir("tessera-mdb-");
  MariaDbInstanceOptions options;
  options.data_dir = dir.Sub("data");
  MariaDbInstance db(options);
  Status s = db.Start(std::chrono::seconds(5));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("not initialized"), std::string::npos);
}

}  // namespace
}  // namespace tessera::local
