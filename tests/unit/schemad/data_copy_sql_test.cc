// The SQL text of branch data copies: literals, keyset predicates, chunk
// SELECTs and batched INSERTs (schema/branches/data_copy_sql.h).
#include "schema/branches/data_copy_sql.h"

#include <gtest/gtest.h>

#include <string>

namespace tessera::schema {
namespace {

TEST(DataCopySqlTest, ColumnKinds) {
  EXPECT_EQ(ColumnKindOf("bigint"), ColumnKind::kNumber);
  EXPECT_EQ(ColumnKindOf("DECIMAL"), ColumnKind::kNumber);
  EXPECT_EQ(ColumnKindOf("double"), ColumnKind::kNumber);
  EXPECT_EQ(ColumnKindOf("varbinary"), ColumnKind::kBinary);
  EXPECT_EQ(ColumnKindOf("longblob"), ColumnKind::kBinary);
  EXPECT_EQ(ColumnKindOf("bit"), ColumnKind::kBinary);
  EXPECT_EQ(ColumnKindOf("point"), ColumnKind::kBinary);
  EXPECT_EQ(ColumnKindOf("varchar"), ColumnKind::kText);
  EXPECT_EQ(ColumnKindOf("datetime"), ColumnKind::kText);
  EXPECT_EQ(ColumnKindOf("enum"), ColumnKind::kText);
  EXPECT_EQ(ColumnKindOf("longtext"), ColumnKind::kText);
}

TEST(DataCopySqlTest, KeysetComparableTypes) {
  EXPECT_TRUE(KeysetComparable("int"));
  EXPECT_TRUE(KeysetComparable("VARCHAR"));
  EXPECT_TRUE(KeysetComparable("datetime"));
  EXPECT_TRUE(KeysetComparable("varbinary"));
  EXPECT_FALSE(KeysetComparable("float"));  // `f > 1.1` compares a DOUBLE
  EXPECT_FALSE(KeysetComparable("enum"));   // ordered by index, compared as text
  EXPECT_FALSE(KeysetComparable("set"));
  EXPECT_FALSE(KeysetComparable("blob"));
}

TEST(DataCopySqlTest, LiteralsAreExactAndQuoted) {
  EXPECT_EQ(SqlLiteral(std::nullopt, ColumnKind::kText), "NULL");
  EXPECT_EQ(SqlLiteral(std::nullopt, ColumnKind::kBinary), "NULL");
  EXPECT_EQ(SqlLiteral(std::string("-12.500"), ColumnKind::kNumber), "-12.500");
  EXPECT_EQ(SqlLiteral(std::string("1.5e-10"), ColumnKind::kNumber), "1.5e-10");
  // Never a bare word in a statement, even if a "number" is not numeric.
  EXPECT_EQ(SqlLiteral(std::string("1; DROP"), ColumnKind::kNumber), "'1; DROP'");
  EXPECT_EQ(SqlLiteral(std::string(""), ColumnKind::kNumber), "''");
  EXPECT_EQ(SqlLiteral(std::string("it's \\ \"x\"\n"), ColumnKind::kText),
            "'it\\'s \\\\ \"x\"\\n'");
  EXPECT_EQ(SqlLiteral(std::string("h\xC3\xA9llo \xF0\x9F\x98\x80"), ColumnKind::kText),
            "'h\xC3\xA9llo \xF0\x9F\x98\x80'");
  const std::string bytes("\x00\x27\x5C\xFF\x0A", 5);
  EXPECT_EQ(SqlLiteral(bytes, ColumnKind::kBinary), "X'00275CFF0A'");
  EXPECT_EQ(SqlLiteral(std::string(), ColumnKind::kBinary), "X''");
}

TEST(DataCopySqlTest, KeyAfterPredicate) {
  std::vector<CopyColumn> one = {{"id", ColumnKind::kNumber}};
  EXPECT_EQ(KeyAfterPredicate(one, {std::string("42")}), "(`id` > 42)");
  std::vector<CopyColumn> two = {{"a", ColumnKind::kText}, {"b`x", ColumnKind::kNumber}};
  EXPECT_EQ(KeyAfterPredicate(two, {std::string("o'k"), std::string("7")}),
            "(`a` > 'o\\'k') OR (`a` = 'o\\'k' AND `b``x` > 7)");
}

TEST(DataCopySqlTest, ChunkSelect) {
  std::vector<CopyColumn> columns = {{"id", ColumnKind::kNumber}, {"v", ColumnKind::kText}};
  std::vector<CopyColumn> key = {columns[0]};
  EXPECT_EQ(ChunkSelect("vt_ks", "t", columns, key, std::nullopt, 100),
            "SELECT `id`, `v` FROM `vt_ks`.`t` ORDER BY `id` LIMIT 100");
  EXPECT_EQ(ChunkSelect("vt_ks", "t", columns, key, SqlRow{std::string("9")}, 100),
            "SELECT `id`, `v` FROM `vt_ks`.`t` WHERE (`id` > 9) ORDER BY `id` LIMIT 100");
  EXPECT_EQ(ChunkSelect("vt_ks", "t", columns, {}, std::nullopt, 100),
            "SELECT `id`, `v` FROM `vt_ks`.`t`");
}

TEST(DataCopySqlTest, InsertBatchFillsByRowsAndBytes) {
  std::vector<CopyColumn> columns = {{"id", ColumnKind::kNumber}, {"b", ColumnKind::kBinary}};
  InsertBatch batch("vt_ks__dev", "t", columns, 2, 1 << 20);
  EXPECT_TRUE(batch.empty());
  batch.Add({std::string("1"), std::nullopt});
  EXPECT_FALSE(batch.full());
  batch.Add({std::string("2"), std::string("\x01", 1)});
  EXPECT_TRUE(batch.full());
  EXPECT_EQ(batch.rows(), 2u);
  EXPECT_EQ(batch.Take(), "INSERT INTO `vt_ks__dev`.`t` (`id`, `b`) VALUES (1,NULL),(2,X'01')");
  EXPECT_TRUE(batch.empty());
  batch.Add({std::string("3"), std::nullopt});
  EXPECT_EQ(batch.Take(), "INSERT INTO `vt_ks__dev`.`t` (`id`, `b`) VALUES (3,NULL)");

  InsertBatch small("d", "t", columns, 1000, 64);
  small.Add({std::string("1"), std::string(100, 'x')});
  EXPECT_TRUE(small.full());  // one row larger than the limit is a batch of its own
  EXPECT_EQ(small.rows(), 1u);
}

}  // namespace
}  // namespace tessera::schema
