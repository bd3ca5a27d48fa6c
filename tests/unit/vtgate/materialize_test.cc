// Materialize: the literal rows a table's copy becomes, and the query that
// runs over them on one shard.
#include "vtgate/engine/materialize.h"

#include <gtest/gtest.h>

#include "tests/unit/vtgate/primitive_test.h"
#include "tests/unit/vtgate/test_topology.h"

namespace tessera::vtgate {
namespace {
namespace asio = boost::asio;

Field Column(std::string name, FieldType type, uint16_t charset = kCharsetBinary,
             uint8_t decimals = 0) {
  Field field;
  field.name = std::move(name);
  field.type = type;
  field.charset = charset;
  field.decimals = decimals;
  return field;
}

// Answers with fixed rows.
class FixedRows final : public Primitive {
 public:
  explicit FixedRows(ResultSet rows) : rows_(std::move(rows)) {}
  asio::awaitable<Result<ResultSet>> Execute(VCursor&, const BindValues&) const override {
    co_return rows_;
  }
  std::string Describe(int indent) const override {
    return std::string(static_cast<size_t>(indent), ' ') + "FixedRows\n";
  }

 private:
  ResultSet rows_;
};

TEST(MaterializeTest, RowsAreLiteralsOfTheirColumnsTypes) {
  ResultSet rows;
  rows.fields = {Column("id", FieldType::kLongLong),
                 Column("price", FieldType::kNewDecimal, kCharsetBinary, 2),
                 Column("ratio", FieldType::kDouble, kCharsetBinary, 31),
                 Column("weight", FieldType::kFloat, kCharsetBinary, 31),
                 Column("born", FieldType::kDate),
                 Column("seen", FieldType::kDateTime, kCharsetBinary, 3),
                 Column("spent", FieldType::kTime),
                 Column("year", FieldType::kYear),
                 Column("name", FieldType::kVarString, kCharsetUtf8mb4GeneralCi),
                 Column("raw", FieldType::kVarString)};
  rows.rows.push_back(Row{Value("1"), Value("-6.50"), Value("0.25"), Value("1.1"),
                          Value("2023-02-11"), Value("2023-02-11 10:00:00.125"),
                          Value("-838:59:59"), Value("2024"), Value("O'Hara\\"),
                          Value(std::string("\x01\xff", 2))});
  rows.rows.push_back(Row(rows.fields.size(), std::nullopt));
  auto text = Materialize::RowsText("order", rows);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text,
            "* FROM `order` WHERE 0 UNION ALL VALUES (1, -6.50, 0.25e0, CAST(1.1 AS FLOAT), "
            "CAST('2023-02-11' AS DATE), CAST('2023-02-11 10:00:00.125' AS DATETIME(3)), "
            "CAST('-838:59:59' AS TIME(0)), 2024, _utf8mb4 X'4F27486172615C', X'01FF'), (NULL, "
            "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");

  // No rows: the empty first part alone, which still gives the columns their types.
  rows.rows.clear();
  auto empty = Materialize::RowsText("t", rows);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "* FROM t WHERE 0");
}

TEST(MaterializeTest, ColumnsThatTextWouldChangeAreRefused) {
  ResultSet rows;
  Field kind = Column("kind", FieldType::kString, kCharsetUtf8mb4GeneralCi);
  kind.flags = field_flag::kEnum;
  rows.fields = {Column("id", FieldType::kLong), kind};
  auto text = Materialize::RowsText("t", rows);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, mysql_errno::kNotSupportedYet);
  EXPECT_NE(text.error().message.find("ENUM column t.kind"), std::string::npos)
      << text.error().message;
  rows.fields = {Column("shape", FieldType::kGeometry)};
  EXPECT_FALSE(Materialize::RowsText("t", rows).ok());
  // A zero date would come back NULL under sql_mode NO_ZERO_DATE.
  rows.fields = {Column("born", FieldType::kDate)};
  rows.rows = {Row{Value("2023-01-01")}, Row{Value("2023-00-10")}};
  text = Materialize::RowsText("t", rows);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("zero date '2023-00-10' in column t.born"), std::string::npos)
      << text.error().message;
  rows.rows = {Row{Value("0000-00-00")}};
  EXPECT_FALSE(Materialize::RowsText("t", rows).ok());
  rows.rows = {Row{Value("2023-01-01")}, Row{std::nullopt}};
  EXPECT_TRUE(Materialize::RowsText("t", rows).ok());
}

class MaterializeRunTest : public testing::PrimitiveTest {
 protected:
  static std::unique_ptr<Primitive> Rows(size_t count) {
    ResultSet rows;
    rows.fields = {Column("id", FieldType::kLong)};
    for (size_t i = 0; i < count; ++i) rows.rows.push_back(Row{Value(std::to_string(i + 1))});
    return std::make_unique<FixedRows>(std::move(rows));
  }
};

TEST_F(MaterializeRunTest, TheWholeQueryRunsOnOneShardOverTheCopies) {
  std::vector<Materialize::Source> sources;
  sources.push_back({Rows(2), "customer"});
  sources.push_back({Rows(0), "corder"});
  // SELECT count(*) FROM (SELECT <copy 0>) AS c JOIN (SELECT <copy 1>) AS o WHERE c.id > :v1
  QueryTemplate query{
      {"SELECT count(*) FROM (SELECT ", ") AS c JOIN (SELECT ", ") AS o WHERE c.id > ", ""},
      {1, 2, 0}};
  Materialize plan(std::move(sources), customer_, query, 1, 10);
  BindValues binds(1);
  binds[0].sql = "0";
  auto result = Run(plan, binds);
  ASSERT_TRUE(result.ok()) << result.error().message;
  // The answer is the shard's.
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(*result->rows[0][0], "-80");
  ASSERT_EQ(cursor_.seen.size(), 1u);
  EXPECT_EQ(cursor_.seen[0].first, "-80");
  EXPECT_EQ(cursor_.seen[0].second,
            "SELECT count(*) FROM (SELECT * FROM customer WHERE 0 UNION ALL VALUES (1), (2)) "
            "AS c JOIN (SELECT * FROM corder WHERE 0) AS o WHERE c.id > 0");
  EXPECT_NE(plan.Describe(0).find("(SELECT <rows of customer>) AS c JOIN (SELECT <rows of "
                                  "corder>) AS o WHERE c.id > :v1"),
            std::string::npos)
      << plan.Describe(0);
}

TEST_F(MaterializeRunTest, MoreRowsThanTheLimitFailBeforeAnythingRuns) {
  std::vector<Materialize::Source> sources;
  sources.push_back({Rows(6), "customer"});
  sources.push_back({Rows(5), "corder"});
  Materialize plan(std::move(sources), customer_,
                   QueryTemplate{{"SELECT 1 FROM (SELECT ", ") AS c, (SELECT ", ") AS o"}, {0, 1}},
                   0, 10);
  auto result = Run(plan, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, mysql_errno::kUnknown);
  EXPECT_NE(result.error().message.find("more than 10 rows"), std::string::npos)
      << result.error().message;
  EXPECT_TRUE(cursor_.seen.empty());
}

TEST_F(MaterializeRunTest, AQueryLongerThanMariaDbTakesIsNotSent) {
  ResultSet rows;
  rows.fields = {Column("body", FieldType::kBlob)};
  const std::string body(1u << 20, 'x');  // X'..' doubles it
  for (int i = 0; i < 9; ++i) rows.rows.push_back(Row{Value(body)});
  std::vector<Materialize::Source> sources;
  sources.push_back({std::make_unique<FixedRows>(std::move(rows)), "blob"});
  Materialize plan(std::move(sources), customer_,
                   QueryTemplate{{"SELECT COUNT(*) FROM (SELECT ", ") AS b"}, {0}}, 0, 100);
  auto result = Run(plan, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, mysql_errno::kUnknown);
  EXPECT_NE(result.error().message.find("bytes long, more than the limit of 16777216"),
            std::string::npos)
      << result.error().message;
  EXPECT_TRUE(cursor_.seen.empty());
}

}  // namespace
}  // namespace tessera::vtgate
