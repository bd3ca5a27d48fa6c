// ParseMigrationShow: MIGRATION SHOW rows by column name.
#include <gtest/gtest.h>

#include "schema/deploy/migration_uuid.h"
#include "schema/deploy/tablet_migration.h"

namespace tessera::schema {
namespace {

ResultSet Show(const std::vector<std::string>& names, const std::vector<Row>& rows) {
  ResultSet r;
  for (const auto& n : names) {
    Field f;
    f.name = n;
    r.fields.push_back(f);
  }
  r.rows = rows;
  return r;
}

TEST(TabletMigrationTest, ParsesByName) {
  auto parsed = ParseMigrationShow(
      Show({"uuid", "keyspace", "table", "state", "progress", "rows_copied", "rows_estimated",
            "eta_seconds", "message", "revert_window_ends", "throttle_ratio", "events_applied",
            "binlog_lag_bytes", "extra"},
           {Row{"a-1", "customer", "customer", "running", "42", "420", "1000", std::nullopt, "",
                std::nullopt, "0.25", "77", std::nullopt, "x"}}));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1u);
  const auto& m = parsed->front();
  EXPECT_EQ(m.uuid, "a-1");
  EXPECT_EQ(m.table, "customer");
  EXPECT_EQ(m.state, "running");
  EXPECT_EQ(m.progress, 42);
  EXPECT_EQ(m.rows_copied, 420u);
  EXPECT_EQ(m.rows_estimated, 1000u);
  EXPECT_EQ(m.eta_seconds, "");
  EXPECT_EQ(m.revert_window_ends, "");
  EXPECT_EQ(m.throttle_ratio, "0.25");
  EXPECT_EQ(m.events_applied, 77u);
  EXPECT_EQ(m.binlog_lag_bytes, "");
}

TEST(TabletMigrationTest, MissingColumnIsAnError) {
  auto parsed = ParseMigrationShow(Show({"uuid"}, {}));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("\"state\""), std::string::npos);
}

TEST(MigrationUuidTest, Shape) {
  std::string a = NewMigrationUuid();
  std::string b = NewMigrationUuid();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[14], '4');
  for (char c : a) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-');
}

}  // namespace
}  // namespace tessera::schema
