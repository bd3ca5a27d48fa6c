#include <gtest/gtest.h>

#include "schema/branches/shard_schema.h"
#include "schema/store/sql_quote.h"

namespace tessera::schema {
namespace {

TEST(ShardSchemaTextTest, DropsOnlyTheAutoIncrementCounter) {
  EXPECT_EQ(WithoutAutoIncrementCounter(
                "CREATE TABLE `t` (\n  `id` bigint(20) NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY "
                "(`id`)\n) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4"),
            "CREATE TABLE `t` (\n  `id` bigint(20) NOT NULL AUTO_INCREMENT,\n  PRIMARY KEY "
            "(`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
  const std::string plain = "CREATE TABLE `t` (`id` int) ENGINE=InnoDB";
  EXPECT_EQ(WithoutAutoIncrementCounter(plain), plain);
}

TEST(ShardSchemaTextTest, QuotesIdentifiers) {
  EXPECT_EQ(QuoteIdentifier("vt_ks__dev"), "`vt_ks__dev`");
  EXPECT_EQ(QuoteIdentifier("a`b"), "`a``b`");
}

}  // namespace
}  // namespace tessera::schema
