// Which ghost indexes the copy defers, read from SHOW CREATE TABLE text
// (deferred_indexes.h).
#include "vttablet/onlineddl/deferred_indexes.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tessera::vttablet::onlineddl {
namespace {

constexpr const char* kSbtest =
    "CREATE TABLE `sbtest1` (\n"
    "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
    "  `k` int(11) NOT NULL DEFAULT 0,\n"
    "  `KEY` char(120) NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (`id`),\n"
    "  UNIQUE KEY `u` (`KEY`),\n"
    "  KEY `k_1` (`k`),\n"
    "  KEY `odd``name` (`KEY`(10),`k`) COMMENT 'a, b'\n"
    ") ENGINE=InnoDB AUTO_INCREMENT=1000001 DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci";

TEST(DeferredIndexes, PlainKeysAreDeferredUniqueAndPrimaryStay) {
  EXPECT_EQ(DeferrableIndexClauses(kSbtest),
            (std::vector<std::string>{"KEY `k_1` (`k`)",
                                      "KEY `odd``name` (`KEY`(10),`k`) COMMENT 'a, b'"}));
}

TEST(DeferredIndexes, IndexNamesUnquote) {
  EXPECT_EQ(IndexName("KEY `k_1` (`k`)"), "k_1");
  EXPECT_EQ(IndexName("KEY `odd``name` (`c`)"), "odd`name");
  EXPECT_EQ(IndexName("KEY `unterminated (`c`)"), "unterminated (");
  EXPECT_EQ(IndexName("KEY `never"), "");
  EXPECT_EQ(IndexName("UNIQUE KEY `u` (`c`)"), "");
}

TEST(DeferredIndexes, NothingIsDeferredNextToFulltextSpatialOrForeignKeys) {
  for (const char* other : {"  FULLTEXT KEY `f` (`c`),\n", "  SPATIAL KEY `s` (`g`),\n",
                            "  CONSTRAINT `fk` FOREIGN KEY (`k`) REFERENCES `t` (`id`),\n"}) {
    std::string text = std::string("CREATE TABLE `t` (\n  `id` int NOT NULL,\n") + other +
                       "  KEY `k` (`k`)\n) ENGINE=InnoDB";
    EXPECT_TRUE(DeferrableIndexClauses(text).empty()) << other;
  }
  // A CHECK constraint is no reason to keep the indexes.
  EXPECT_EQ(DeferrableIndexClauses("CREATE TABLE `t` (\n  `k` int,\n  KEY `k` (`k`),\n"
                                   "  CONSTRAINT `c` CHECK (`k` > 0)\n) ENGINE=InnoDB")
                .size(),
            1u);
}

TEST(DeferredIndexes, AutoIncrementOptionIsIgnoredInComparisons) {
  EXPECT_EQ(WithoutAutoIncrement(kSbtest).find("AUTO_INCREMENT=1000001"), std::string::npos);
  EXPECT_NE(WithoutAutoIncrement(kSbtest).find("`id` int(11) NOT NULL AUTO_INCREMENT,"),
            std::string::npos);
  EXPECT_EQ(WithoutAutoIncrement(kSbtest), WithoutAutoIncrement(std::string(kSbtest).replace(
                                               std::string(kSbtest).find("1000001"), 7, "5")));
  EXPECT_EQ(WithoutAutoIncrement("CREATE TABLE `t` (\n  `a` int\n) ENGINE=InnoDB"),
            "CREATE TABLE `t` (\n  `a` int\n) ENGINE=InnoDB");
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
