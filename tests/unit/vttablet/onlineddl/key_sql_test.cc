// Key predicates and key literals of the online DDL copy (key_sql.h).
#include "vttablet/onlineddl/key_sql.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tessera::vttablet::onlineddl {
namespace {

TEST(KeySql, OneColumnRanges) {
  EXPECT_EQ(KeyAfter({"id"}, {"5"}), "((id > 5))");
  EXPECT_EQ(KeyAtMost({"id"}, {"5"}), "((id <= 5))");
  EXPECT_EQ(KeyAfter({"id"}, {"-9223372036854775808"}), "((id > -9223372036854775808))");
  EXPECT_EQ(KeyAtMost({"name"}, {"_utf8mb4 X'6162'"}), "((name <= _utf8mb4 X'6162'))");
}

TEST(KeySql, ThreeColumnRangesAreLexicographic) {
  const std::vector<std::string> columns = {"a", "b", "c"};
  const KeyValue value = {"1", "_latin1 X'78'", "3"};
  EXPECT_EQ(KeyAfter(columns, value),
            "((a > 1) OR (a = 1 AND b > _latin1 X'78') OR "
            "(a = 1 AND b = _latin1 X'78' AND c > 3))");
  // At most: strictly below on every prefix, "<=" only on the last column.
  EXPECT_EQ(KeyAtMost(columns, value),
            "((a < 1) OR (a = 1 AND b < _latin1 X'78') OR "
            "(a = 1 AND b = _latin1 X'78' AND c <= 3))");
}

TEST(KeySql, TwoColumnRanges) {
  EXPECT_EQ(KeyAfter({"x", "y"}, {"'2024-01-01'", "7"}),
            "((x > '2024-01-01') OR (x = '2024-01-01' AND y > 7))");
  EXPECT_EQ(KeyAtMost({"x", "y"}, {"'2024-01-01'", "7"}),
            "((x < '2024-01-01') OR (x = '2024-01-01' AND y <= 7))");
}

TEST(KeySql, NamesThatNeedQuotingAreQuoted) {
  EXPECT_EQ(KeyAfter({"order", "my col", "a`b"}, {"1", "2", "3"}),
            "((`order` > 1) OR (`order` = 1 AND `my col` > 2) OR "
            "(`order` = 1 AND `my col` = 2 AND `a``b` > 3))");
  EXPECT_EQ(KeyIn({"select"}, {{"1"}}), "`select` IN (1)");
  EXPECT_EQ(KeyAtMost({"1abc"}, {"1"}), "((`1abc` <= 1))");
}

TEST(KeySql, InListsForOneAndThreeColumns) {
  EXPECT_EQ(KeyIn({"id"}, {{"1"}}), "id IN (1)");
  EXPECT_EQ(KeyIn({"id"}, {{"1"}, {"-2"}, {"3"}}), "id IN (1, -2, 3)");
  EXPECT_EQ(KeyIn({"a", "b", "c"}, {{"1", "2", "3"}}), "((a = 1 AND b = 2 AND c = 3))");
  EXPECT_EQ(KeyIn({"a", "b", "c"}, {{"1", "2", "3"}, {"4", "X'05'", "'6'"}}),
            "((a = 1 AND b = 2 AND c = 3) OR (a = 4 AND b = X'05' AND c = '6'))");
}

TableInfo SampleTable() {
  TableInfo t;
  t.database = "db";
  t.table = "t";
  auto add = [&](std::string name, std::string data_type, std::string column_type,
                 std::string charset) {
    ColumnInfo c;
    c.name = std::move(name);
    c.data_type = std::move(data_type);
    c.column_type = std::move(column_type);
    c.charset = std::move(charset);
    c.nullable = false;
    t.columns.push_back(std::move(c));
  };
  add("id", "int", "int(10) unsigned", "");
  add("name", "varchar", "varchar(64)", "utf8mb4");
  add("raw", "varbinary", "varbinary(16)", "");
  add("bin", "binary", "binary(2)", "binary");
  add("day", "date", "date", "");
  add("amount", "decimal", "decimal(10,2)", "");
  add("big", "bigint", "bigint(20)", "");
  add("code", "char", "char(3)", "latin1");
  add("stamp", "datetime", "datetime(3)", "");
  return t;
}

TEST(KeySql, SelectListReadsStringsAsHex) {
  TableInfo t = SampleTable();
  EXPECT_EQ(KeySelectList(t, {"id", "name", "raw", "day", "code"}),
            "id, HEX(name), HEX(raw), day, HEX(code)");
  EXPECT_EQ(ColumnList({"a", "order"}), "a, `order`");
  EXPECT_EQ(ColumnList({"a", "b"}, " DESC"), "a DESC, b DESC");
}

TEST(KeySql, KeyFromRowWritesLiteralsByColumnType) {
  TableInfo t = SampleTable();
  const std::vector<std::string> columns = {"id",     "name", "raw",  "bin",  "day",
                                            "amount", "big",  "code", "stamp"};
  TextRow row = {"4294967295",  "C3A9",       "00FF",
                 "0102",        "2024-02-29", "-12.50",
                 "-9000000000", "414243",     "2024-02-29 13:45:59.123"};
  KeyValue key = KeyFromRow(t, columns, row);
  ASSERT_EQ(key.size(), columns.size());
  EXPECT_EQ(key[0], "4294967295");
  EXPECT_EQ(key[1], "_utf8mb4 X'C3A9'");
  EXPECT_EQ(key[2], "X'00FF'");
  EXPECT_EQ(key[3], "X'0102'");
  EXPECT_EQ(key[4], "'2024-02-29'");
  EXPECT_EQ(key[5], "-12.50");
  EXPECT_EQ(key[6], "-9000000000");
  EXPECT_EQ(key[7], "_latin1 X'414243'");
  EXPECT_EQ(key[8], "'2024-02-29 13:45:59.123'");
  // Other column orders and subsets.
  KeyValue two = KeyFromRow(t, {"code", "id"}, TextRow{"7A", "1"});
  EXPECT_EQ(two, (KeyValue{"_latin1 X'7A'", "1"}));
  // Text that needs escaping in a quoted literal.
  KeyValue quoted = KeyFromRow(t, {"day"}, TextRow{"it's"});
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0], "'it\\'s'");
}

TEST(KeySql, KeyLiteralsFeedTheRangePredicates) {
  TableInfo t = SampleTable();
  KeyValue key = KeyFromRow(t, {"day", "name", "id"}, TextRow{"2024-01-01", "61", "9"});
  EXPECT_EQ(KeyAfter({"day", "name", "id"}, key),
            "((day > '2024-01-01') OR (day = '2024-01-01' AND name > _utf8mb4 X'61') OR "
            "(day = '2024-01-01' AND name = _utf8mb4 X'61' AND id > 9))");
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
