#include <gtest/gtest.h>

#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/scalar_aggregate.h"
#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {
namespace {

Field MakeField(FieldType type) {
  Field f;
  f.name = "c";
  f.type = type;
  return f;
}

TEST(ValueCompareTest, DecimalAdditionIsExact) {
  EXPECT_EQ(AddDecimalStrings("1", "2"), "3");
  EXPECT_EQ(AddDecimalStrings("12.50", "-0.5"), "12.00");
  EXPECT_EQ(AddDecimalStrings("-3", "1"), "-2");
  EXPECT_EQ(AddDecimalStrings("-1.25", "1.25"), "0.00");
  EXPECT_EQ(AddDecimalStrings("99999999999999999999", "1"), "100000000000000000000");
  EXPECT_EQ(AddDecimalStrings("0.1", "0.2"), "0.3");
  EXPECT_EQ(AddDecimalStrings("-0.75", "-0.5"), "-1.25");
}

TEST(ValueCompareTest, NumbersCompareByValueTextByWeight) {
  Field number = MakeField(FieldType::kLongLong);
  EXPECT_LT(CompareSortValues(number, Value("9"), nullptr, Value("10"), nullptr), 0);
  EXPECT_GT(CompareSortValues(number, Value("-1"), nullptr, Value("-2"), nullptr), 0);
  Field decimal = MakeField(FieldType::kNewDecimal);
  EXPECT_EQ(CompareSortValues(decimal, Value("1.50"), nullptr, Value("1.5"), nullptr), 0);
  EXPECT_LT(CompareSortValues(decimal, Value("-0.5"), nullptr, Value("0.1"), nullptr), 0);
  // NULL first.
  EXPECT_LT(CompareSortValues(number, Value(), nullptr, Value("-5"), nullptr), 0);
  EXPECT_EQ(CompareSortValues(number, Value(), nullptr, Value(), nullptr), 0);
  // Text: the weight decides ('b' < 'C' case-insensitively although 'C' < 'b' in bytes).
  Field text = MakeField(FieldType::kVarString);
  Value wb(std::string("\x00\x42", 2)), wc(std::string("\x00\x43", 2));
  EXPECT_LT(CompareSortValues(text, Value("b"), &wb, Value("C"), &wc), 0);
  EXPECT_GT(CompareSortValues(text, Value("b"), nullptr, Value("C"), nullptr), 0);
}

TEST(ScalarAggregateTest, CombinesPartials) {
  ResultSet partials;
  partials.fields = {MakeField(FieldType::kLongLong), MakeField(FieldType::kNewDecimal),
                     MakeField(FieldType::kLong), MakeField(FieldType::kLong)};
  partials.rows.push_back(Row{Value("3"), Value("10"), Value("-4"), Value("7")});
  partials.rows.push_back(Row{Value("0"), Value(), Value(), Value()});
  partials.rows.push_back(Row{Value("2"), Value("-2.5"), Value("5"), Value("12")});
  std::vector<AggregateSpec> specs(4);
  specs[0].kind = AggregateKind::kCount;
  specs[1].kind = AggregateKind::kSum;
  specs[1].column.value = {1, false};
  specs[2].kind = AggregateKind::kMin;
  specs[2].column.value = {2, false};
  specs[3].kind = AggregateKind::kMax;
  specs[3].column.value = {3, false};
  auto combined = ScalarAggregate::Combine(partials, specs);
  ASSERT_TRUE(combined.ok());
  ASSERT_EQ(combined->rows.size(), 1u);
  EXPECT_EQ(combined->rows[0], (Row{Value("5"), Value("7.5"), Value("-4"), Value("12")}));
}

TEST(ScalarAggregateTest, AllNullPartialsGiveNullSumAndZeroCount) {
  ResultSet partials;
  partials.fields = {MakeField(FieldType::kLongLong), MakeField(FieldType::kNewDecimal)};
  partials.rows.push_back(Row{Value("0"), Value()});
  partials.rows.push_back(Row{Value("0"), Value()});
  std::vector<AggregateSpec> specs(2);
  specs[1].kind = AggregateKind::kSum;
  specs[1].column.value = {1, false};
  auto combined = ScalarAggregate::Combine(partials, specs);
  ASSERT_TRUE(combined.ok());
  EXPECT_EQ(combined->rows[0], (Row{Value("0"), Value()}));
}

TEST(MemorySortTest, StableMultiKeySortWithDescAndFromEndColumns) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kVarString), MakeField(FieldType::kLong)};
  rs.rows = {Row{Value("a"), Value("2")}, Row{Value("b"), Value("1")}, Row{Value("c"), Value("2")},
             Row{Value("d"), Value()}};
  SortKey by_number;
  by_number.value = {1, true};  // the last column
  by_number.desc = true;
  MemorySort::SortRows(rs, {by_number});
  std::vector<std::string> order;
  for (const auto& row : rs.rows) order.push_back(*row[0]);
  EXPECT_EQ(order, (std::vector<std::string>{"a", "c", "b", "d"}));  // NULL last when DESC
}

}  // namespace
}  // namespace tessera::vtgate
