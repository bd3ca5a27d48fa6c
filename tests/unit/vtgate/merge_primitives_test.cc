#include <gtest/gtest.h>

#include "vtgate/engine/filter.h"
#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/ordered_aggregate.h"
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

TEST(ScalarAggregateTest, BitAggregatesCombineWithTheirOperation) {
  ResultSet partials;
  Field bits = MakeField(FieldType::kLongLong);
  bits.flags = field_flag::kUnsigned;
  partials.fields = {bits, bits, bits};
  partials.rows.push_back(Row{Value("12"), Value("12"), Value("12")});  // 0b1100
  partials.rows.push_back(Row{Value("10"), Value("10"), Value("10")});  // 0b1010
  // A shard without rows: AND's identity is all ones, OR's and XOR's 0.
  partials.rows.push_back(Row{Value("18446744073709551615"), Value("0"), Value("0")});
  std::vector<AggregateSpec> specs(3);
  specs[0].kind = AggregateKind::kBitAnd;
  specs[1].kind = AggregateKind::kBitOr;
  specs[1].column.value = {1, false};
  specs[2].kind = AggregateKind::kBitXor;
  specs[2].column.value = {2, false};
  auto combined = ScalarAggregate::Combine(partials, specs);
  ASSERT_TRUE(combined.ok());
  EXPECT_EQ(combined->rows[0], (Row{Value("8"), Value("14"), Value("6")}));

  partials.rows.resize(1);
  partials.rows[0] = Row{Value("18446744073709551615"), Value("0"), Value("0")};
  combined = ScalarAggregate::Combine(partials, specs);
  ASSERT_TRUE(combined.ok());
  EXPECT_EQ(combined->rows[0], (Row{Value("18446744073709551615"), Value("0"), Value("0")}));
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

TEST(ValueCompareTest, DecimalDivisionRoundsHalfAwayFromZero) {
  EXPECT_EQ(DivideDecimalByCount("10", 3, 4), "3.3333");
  EXPECT_EQ(DivideDecimalByCount("-10", 3, 4), "-3.3333");
  EXPECT_EQ(DivideDecimalByCount("2", 3, 4), "0.6667");
  EXPECT_EQ(DivideDecimalByCount("-2", 3, 4), "-0.6667");
  EXPECT_EQ(DivideDecimalByCount("-1", 8, 4), "-0.1250");
  EXPECT_EQ(DivideDecimalByCount("5", 2, 0), "3");
  EXPECT_EQ(DivideDecimalByCount("-5", 2, 0), "-3");
  EXPECT_EQ(DivideDecimalByCount("12.50", 4, 6), "3.125000");
  EXPECT_EQ(DivideDecimalByCount("0", 5, 4), "0.0000");
  EXPECT_EQ(DivideDecimalByCount("-0.00001", 1, 4), "0.0000");
  EXPECT_EQ(DivideDecimalByCount("0.00005", 1, 4), "0.0001");
  EXPECT_EQ(DivideDecimalByCount("99999.99995", 1, 4), "100000.0000");
  EXPECT_EQ(DivideDecimalByCount("123456789012345678901234567890", 7, 4),
            "17636684144620811271604938270.0000");
}

TEST(ValueCompareTest, DoublesPrintShortest) {
  EXPECT_EQ(FormatDouble(0.1), "0.1");
  EXPECT_EQ(FormatDouble(2.5), "2.5");
  EXPECT_EQ(FormatDouble(-3), "-3");
  EXPECT_EQ(FormatDouble(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatDouble(1e20), "1e20");
  EXPECT_EQ(CompareDecimalStrings("-1.5", "-1.50"), 0);
  EXPECT_LT(CompareDecimalStrings("-2", "1"), 0);
}

// Rows of (key text, key weight, count, sum, min, avg sum, avg count), sorted by key weight.
ResultSet GroupedPartials() {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kVarString), MakeField(FieldType::kVarString),
               MakeField(FieldType::kLongLong),  MakeField(FieldType::kNewDecimal),
               MakeField(FieldType::kLong),      MakeField(FieldType::kNewDecimal),
               MakeField(FieldType::kLongLong)};
  auto row = [](Value key, Value weight, const char* count, Value sum, Value min, Value avg_sum,
                const char* avg_count) {
    return Row{key, weight, Value(count), sum, min, avg_sum, Value(avg_count)};
  };
  rs.rows = {
      row(Value(), Value(), "2", Value("5"), Value("1"), Value("5"), "2"),
      row(Value(), Value(), "1", Value(), Value(), Value(), "0"),
      row(Value("apple"), Value("A"), "3", Value("-7"), Value("-4"), Value("-7"), "3"),
      row(Value("Apple"), Value("A"), "1", Value("2"), Value("-9"), Value("2"), "1"),
      row(Value("Banana"), Value("B"), "1", Value(), Value(), Value(), "0"),
  };
  return rs;
}

std::vector<AggregateSpec> GroupedSpecs() {
  std::vector<AggregateSpec> specs(4);
  specs[0].kind = AggregateKind::kCount;
  specs[0].column.value = {2, false};
  specs[1].kind = AggregateKind::kSum;
  specs[1].column.value = {3, false};
  specs[2].kind = AggregateKind::kMin;
  specs[2].column.value = {4, false};
  specs[3].kind = AggregateKind::kAvg;
  specs[3].column.value = {5, false};
  specs[3].count = {6, false};
  return specs;
}

SortKey TextKey() {
  SortKey key;
  key.value = {0, false};
  key.weight = {1, false};
  key.has_weight = true;
  return key;
}

TEST(OrderedAggregateTest, MergesAdjacentEqualGroups) {
  ResultSet partials = GroupedPartials();
  partials.fields[5].decimals = 0;
  ResultSet out = OrderedAggregate::Aggregate(partials, {TextKey()}, GroupedSpecs());
  ASSERT_EQ(out.rows.size(), 3u);
  // NULL keys form one group; 'apple' and 'Apple' share a weight.
  EXPECT_EQ(out.rows[0], (Row{Value(), Value(), Value("3"), Value("5"), Value("1"), Value("2.5000"),
                              Value("2")}));
  EXPECT_EQ(out.rows[1], (Row{Value("apple"), Value("A"), Value("4"), Value("-5"), Value("-9"),
                              Value("-1.2500"), Value("3")}));
  EXPECT_EQ(out.rows[2],
            (Row{Value("Banana"), Value("B"), Value("1"), Value(), Value(), Value(), Value("0")}));
  EXPECT_EQ(out.fields[5].type, FieldType::kNewDecimal);
  EXPECT_EQ(out.fields[5].decimals, 4);
}

TEST(OrderedAggregateTest, WithoutKeysEmptyInputGivesOneRow) {
  ResultSet partials = GroupedPartials();
  partials.rows.clear();
  ResultSet out = OrderedAggregate::Aggregate(partials, {}, GroupedSpecs());
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_EQ(out.rows[0], (Row{Value(), Value(), Value("0"), Value(), Value(), Value(), Value()}));
}

TEST(OrderedAggregateTest, DistinctAggregatesCountEqualNeighboursOnce) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kLong), MakeField(FieldType::kLong),
               MakeField(FieldType::kLong), MakeField(FieldType::kLong)};
  // (key, x for COUNT(DISTINCT x), x for SUM(DISTINCT x), x for AVG(DISTINCT x)); sorted by key, x.
  auto row = [](Value key, Value x) { return Row{key, x, x, x}; };
  rs.rows = {row(Value("1"), Value()),     row(Value("1"), Value("-3")),
             row(Value("1"), Value("-3")), row(Value("1"), Value("4")),
             row(Value("1"), Value("4")),  row(Value("2"), Value())};
  std::vector<AggregateSpec> specs(3);
  specs[0].kind = AggregateKind::kCountDistinct;
  specs[0].column.value = {1, false};
  specs[1].kind = AggregateKind::kSumDistinct;
  specs[1].column.value = {2, false};
  specs[2].kind = AggregateKind::kAvgDistinct;
  specs[2].column.value = {3, false};
  SortKey key;
  ResultSet out = OrderedAggregate::Aggregate(rs, {key}, specs);
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_EQ(out.rows[0], (Row{Value("1"), Value("2"), Value("1"), Value("0.5000")}));
  EXPECT_EQ(out.rows[1], (Row{Value("2"), Value("0"), Value(), Value()}));
  EXPECT_EQ(out.fields[1].type, FieldType::kLongLong);
  EXPECT_EQ(out.fields[2].type, FieldType::kNewDecimal);
}

TEST(OrderedAggregateTest, AverageOfDoublesIsDouble) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kDouble), MakeField(FieldType::kLongLong)};
  rs.fields[0].decimals = 31;
  rs.rows = {Row{Value("0.5"), Value("1")}, Row{Value("1"), Value("3")}};
  std::vector<AggregateSpec> specs(1);
  specs[0].kind = AggregateKind::kAvg;
  specs[0].column.value = {0, false};
  specs[0].count = {1, false};
  ResultSet out = OrderedAggregate::Aggregate(rs, {}, specs);
  EXPECT_EQ(out.rows[0][0], Value("0.375"));
  EXPECT_EQ(out.fields[0].type, FieldType::kDouble);
}

// Partial rows of GROUP_CONCAT: (value, weight, multiplicity, max length).
ResultSet ConcatPartials(std::vector<Row> rows) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kBlob), MakeField(FieldType::kVarString),
               MakeField(FieldType::kVarString), MakeField(FieldType::kLongLong),
               MakeField(FieldType::kLongLong)};
  rs.rows = std::move(rows);
  return rs;
}

AggregateSpec ConcatSpec() {
  AggregateSpec spec;
  spec.kind = AggregateKind::kGroupConcat;
  spec.column.value = {0, false};
  SortKey arg;
  arg.value = {1, false};
  arg.weight = {2, false};
  arg.has_weight = true;
  spec.concat.args = {arg};
  spec.concat.multiplicity = {3, false};
  spec.concat.max_length = {4, false};
  return spec;
}

TEST(GroupConcatTest, OrdersRepeatsSkipsNullsAndDeduplicates) {
  auto row = [](Value v, Value w, const char* times) {
    return Row{Value("shard"), v, w, Value(times), Value("1048576")};
  };
  ResultSet rs = ConcatPartials({row(Value("b"), Value("B"), "2"), row(Value(), Value(), "4"),
                                 row(Value("A"), Value("A"), "1"), row(Value("a"), Value("A"), "1"),
                                 row(Value("c"), Value("C"), "1")});
  AggregateSpec spec = ConcatSpec();
  SortKey desc = spec.concat.args[0];
  desc.desc = true;
  spec.concat.order = {desc};
  spec.concat.separator = "; ";
  ResultSet out = OrderedAggregate::Aggregate(rs, {}, {spec});
  ASSERT_EQ(out.rows.size(), 1u);
  // DESC by weight; 'A' and 'a' tie (either order is right); NULL skipped.
  const std::string value = *out.rows[0][0];
  EXPECT_TRUE(value == "c; b; b; A; a" || value == "c; b; b; a; A") << value;
  EXPECT_EQ(out.warnings, 0);

  spec.concat.distinct = true;
  out = OrderedAggregate::Aggregate(rs, {}, {spec});
  const std::string distinct = *out.rows[0][0];
  EXPECT_TRUE(distinct == "c; b; A" || distinct == "c; b; a") << distinct;

  // Only NULLs, or no rows at all: NULL.
  EXPECT_EQ(OrderedAggregate::Aggregate(ConcatPartials({row(Value(), Value(), "1")}), {}, {spec})
                .rows[0][0],
            Value());
  EXPECT_EQ(OrderedAggregate::Aggregate(ConcatPartials({}), {}, {spec}).rows[0][0], Value());
}

TEST(GroupConcatTest, CutsAtMaxLengthOnACharacterBoundaryAndWarns) {
  auto row = [](const char* v, const char* max) {
    return Row{Value("shard"), Value(v), Value(v), Value("1"), Value(max)};
  };
  AggregateSpec spec = ConcatSpec();
  spec.concat.order = {spec.concat.args[0]};
  ResultSet rs = ConcatPartials({row("abc", "6"), row("xyz", "6"), row("def", "6")});
  rs.fields[0].charset = kCharsetUtf8mb4GeneralCi;
  ResultSet out = OrderedAggregate::Aggregate(rs, {}, {spec});
  EXPECT_EQ(out.rows[0][0], Value("abc,de"));
  EXPECT_EQ(out.warnings, 1);
  ASSERT_EQ(out.warning_list.size(), 1u);
  EXPECT_EQ(out.warning_list[0].code, 1260);
  EXPECT_EQ(out.warning_list[0].message, "Row 1 was cut by GROUP_CONCAT()");
  // "é" is two bytes in UTF-8: a cut inside it drops the whole character.
  rs = ConcatPartials({row("a\xc3\xa9", "2")});
  rs.fields[0].charset = kCharsetUtf8mb4GeneralCi;
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec}).rows[0][0], Value("a"));
  // Exactly at the limit: nothing cut; one byte less cuts the separator's neighbour.
  rs = ConcatPartials({row("ab", "4"), row("c", "4")});
  out = OrderedAggregate::Aggregate(rs, {}, {spec});
  EXPECT_EQ(out.rows[0][0], Value("ab,c"));
  EXPECT_EQ(out.warnings, 0);
  rs = ConcatPartials({row("ab", "3"), row("c", "3")});
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec}).rows[0][0], Value("ab,"));
}

TEST(VarianceTest, MergesPartialsWithTheParallelAlgorithm) {
  // Shard A holds 1, 2, 3; shard B holds 4, 5 and a NULL; shard C has no value.
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kDouble), MakeField(FieldType::kLongLong),
               MakeField(FieldType::kNewDecimal), MakeField(FieldType::kDouble)};
  rs.fields[0].decimals = 4;
  rs.rows = {Row{Value("0.6667"), Value("3"), Value("6"), Value("0.6666666666666666")},
             Row{Value("0.2500"), Value("2"), Value("9"), Value("0.25")},
             Row{Value(), Value("0"), Value(), Value()}};
  auto spec = [](bool sample, bool root) {
    AggregateSpec s;
    s.kind = AggregateKind::kVariance;
    s.column.value = {0, false};
    s.variance = {sample, root, {1, false}, {2, false}, {3, false}};
    return s;
  };
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec(false, false)}).rows[0][0], Value("2.0000"));
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec(true, false)}).rows[0][0], Value("2.5000"));
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec(false, true)}).rows[0][0], Value("1.4142"));
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec(true, true)}).rows[0][0], Value("1.5811"));
  // One value: population variance 0, sample variance NULL; no value: NULL.
  ResultSet one = rs;
  one.rows = {Row{Value("0.0000"), Value("1"), Value("7"), Value("0")}};
  EXPECT_EQ(OrderedAggregate::Aggregate(one, {}, {spec(false, false)}).rows[0][0], Value("0.0000"));
  EXPECT_EQ(OrderedAggregate::Aggregate(one, {}, {spec(true, true)}).rows[0][0], Value());
  one.rows.clear();
  EXPECT_EQ(OrderedAggregate::Aggregate(one, {}, {spec(false, false)}).rows[0][0], Value());
  // DOUBLE arguments: shown with all digits. 1, 3 | 5: mean 3, M2 = 8.
  rs.fields[0].decimals = 31;
  rs.rows = {Row{Value("1"), Value("2"), Value("4"), Value("1")},
             Row{Value("0"), Value("1"), Value("5"), Value("0")}};
  EXPECT_EQ(OrderedAggregate::Aggregate(rs, {}, {spec(false, false)}).rows[0][0],
            Value("2.6666666666666665"));
}

TEST(OrderedAggregateTest, CountDistinctOfSeveralArgumentsSkipsTuplesWithNull) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kLong), MakeField(FieldType::kVarString),
               MakeField(FieldType::kVarString)};
  // (a, b, weight of b); not sorted: distinct tuples are found within the group.
  rs.rows = {Row{Value("1"), Value("x"), Value("X")}, Row{Value("2"), Value("x"), Value("X")},
             Row{Value("1"), Value("X"), Value("X")}, Row{Value("1"), Value(), Value()},
             Row{Value(), Value("y"), Value("Y")},    Row{Value("2"), Value("y"), Value("Y")}};
  AggregateSpec spec;
  spec.kind = AggregateKind::kCountDistinct;
  spec.column.value = {0, false};
  SortKey b;
  b.value = {1, false};
  b.weight = {2, false};
  b.has_weight = true;
  spec.more_args = {b};
  ResultSet out = OrderedAggregate::Aggregate(rs, {}, {spec});
  EXPECT_EQ(out.rows[0][0], Value("3"));  // (1,x) (2,x) (2,y)
}

TEST(OrderedAggregateTest, RollupAddsSuperAggregateRowsAfterTheirGroups) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kLong), MakeField(FieldType::kLong),
               MakeField(FieldType::kLongLong)};
  // (a, b, partial COUNT), sorted by a, b.
  rs.rows = {Row{Value(), Value("1"), Value("2")}, Row{Value("1"), Value("1"), Value("1")},
             Row{Value("1"), Value("1"), Value("2")}, Row{Value("1"), Value("2"), Value("4")},
             Row{Value("2"), Value("1"), Value("1")}};
  SortKey a, b;
  a.value = {0, false};
  b.value = {1, false};
  std::vector<AggregateSpec> specs(1);
  specs[0].kind = AggregateKind::kCount;
  specs[0].column.value = {2, false};
  ResultSet out = OrderedAggregate::Aggregate(rs, {a, b}, specs, /*rollup=*/true);
  const std::vector<Row> expected = {
      Row{Value(), Value("1"), Value("2")},    Row{Value(), Value(), Value("2")},
      Row{Value("1"), Value("1"), Value("3")}, Row{Value("1"), Value("2"), Value("4")},
      Row{Value("1"), Value(), Value("7")},    Row{Value("2"), Value("1"), Value("1")},
      Row{Value("2"), Value(), Value("1")},    Row{Value(), Value(), Value("10")}};
  EXPECT_EQ(out.rows, expected);
  // No rows: no super-aggregate either.
  rs.rows.clear();
  EXPECT_TRUE(OrderedAggregate::Aggregate(rs, {a, b}, specs, true).rows.empty());
}

FilterOperand Column(size_t index) {
  FilterOperand operand;
  operand.is_column = true;
  operand.column = {index, false};
  return operand;
}

FilterOperand Literal(VindexValue::Kind kind, std::string text) {
  FilterOperand operand;
  operand.value.literal = {kind, std::move(text)};
  return operand;
}

FilterExpr Compare(CompareOp op, FilterOperand left, FilterOperand right) {
  FilterExpr expr;
  expr.op = op;
  expr.left = std::move(left);
  expr.right = std::move(right);
  return expr;
}

TEST(FilterTest, ThreeValuedLogicOverNumbers) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kLongLong), MakeField(FieldType::kNewDecimal)};
  rs.rows = {Row{Value("1"), Value("2.50")}, Row{Value("5"), Value()},
             Row{Value("7"), Value("-1")}};
  // count > 2 OR sum < 3  keeps rows 1 and 2 and 3; sum IS NULL keeps row 2.
  FilterExpr either;
  either.kind = FilterExpr::Kind::kOr;
  either.children.push_back(
      Compare(CompareOp::kGt, Column(0), Literal(VindexValue::Kind::kInteger, "2")));
  either.children.push_back(
      Compare(CompareOp::kLt, Column(1), Literal(VindexValue::Kind::kOther, "3")));
  auto kept = Filter::Apply(rs, either, {});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows.size(), 3u);

  // sum >= -(bind 1) AND count != 5: NULL sum drops row 2.
  FilterOperand bound;
  bound.value.bind_index = 0;
  bound.negate = true;
  FilterExpr both;
  both.kind = FilterExpr::Kind::kAnd;
  both.children.push_back(Compare(CompareOp::kGe, Column(1), bound));
  both.children.push_back(
      Compare(CompareOp::kNe, Column(0), Literal(VindexValue::Kind::kInteger, "5")));
  BindValues binds(1);
  binds[0].value = {VindexValue::Kind::kInteger, "1"};
  kept = Filter::Apply(rs, both, binds);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->rows.size(), 2u);
  EXPECT_EQ(kept->rows[0][0], Value("1"));
  EXPECT_EQ(kept->rows[1][0], Value("7"));

  FilterExpr not_null;
  not_null.kind = FilterExpr::Kind::kNot;
  FilterExpr is_null;
  is_null.kind = FilterExpr::Kind::kIsNull;
  is_null.left = Column(1);
  not_null.children.push_back(is_null);
  kept = Filter::Apply(rs, not_null, {});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows.size(), 2u);
}

TEST(FilterTest, TextComparisonIsRefused) {
  ResultSet rs;
  rs.fields = {MakeField(FieldType::kVarString)};
  rs.rows = {Row{Value("a")}};
  auto kept = Filter::Apply(
      rs, Compare(CompareOp::kEq, Column(0), Literal(VindexValue::Kind::kInteger, "1")), {});
  ASSERT_FALSE(kept.ok());
  EXPECT_EQ(kept.error().code, 1235);
}

}  // namespace
}  // namespace tessera::vtgate
