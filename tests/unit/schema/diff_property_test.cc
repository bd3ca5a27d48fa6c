// Property: for random schema pairs (fixed seed), applying DiffSchemas(from,
// to) to `from` with ApplyDdl yields `to`, and a schema diffed with itself
// needs no statement. Also: canonical CREATE TABLE text is a fixpoint.
#include <gtest/gtest.h>

#include <map>

#include "random_schema.h"
#include "schema/diff/diff.h"

namespace tessera::schema {
namespace {

constexpr int kPairs = 600;
constexpr uint32_t kSeed = 20240611;

std::string Dump(const Schema& s) {
  std::string out;
  for (const auto& [name, table] : s.tables) out += table.CreateStatement() + ";\n";
  return out;
}

TEST(SchemaDiffProperty, ApplyingTheDiffReachesTheTarget) {
  testing::RandomSchemaGenerator generator(kSeed);
  int statements = 0;
  int alters = 0;
  // Clauses the generated diffs must exercise, with how often they occurred.
  std::map<std::string, int> clauses = {
      {"CREATE TABLE", 0},     {"DROP TABLE", 0},   {"ADD COLUMN", 0},     {"DROP COLUMN", 0},
      {"MODIFY COLUMN", 0},    {" FIRST", 0},       {" AFTER ", 0},        {"ADD KEY", 0},
      {"ADD UNIQUE KEY", 0},   {"ADD FULLTEXT", 0}, {"DROP KEY", 0},       {"RENAME KEY", 0},
      {"DROP PRIMARY", 0},     {"ADD PRIMARY", 0},  {"ADD CONSTRAINT", 0}, {"DROP FOREIGN", 0},
      {"DEFAULT CHARSET=", 0}, {"ENGINE=", 0},      {"ROW_FORMAT=", 0},    {"COMMENT=", 0},
      {"CHARACTER SET", 0}};
  for (int pair = 0; pair < kPairs; ++pair) {
    auto from = generator.NewSchema();
    ASSERT_TRUE(from.ok()) << "pair " << pair << ": " << from.error().ToString();
    auto to = generator.Mutate(*from);
    ASSERT_TRUE(to.ok()) << "pair " << pair << ": " << to.error().ToString();

    for (const auto& [name, table] : to->tables) {
      auto again = ParseTable(table.CreateStatement());
      ASSERT_TRUE(again.ok()) << again.error().ToString();
      ASSERT_EQ(*again, table) << "canonical text is not a fixpoint:\n" << table.CreateStatement();
    }
    ASSERT_TRUE(DiffSchemas(*to, *to).empty()) << "pair " << pair;

    const auto ddl = DiffSchemas(*from, *to);
    Schema applied = *from;
    for (const auto& statement : ddl) {
      ++statements;
      if (statement.starts_with("ALTER")) ++alters;
      for (auto& [clause, count] : clauses) {
        if (statement.find(clause) != std::string::npos) ++count;
      }
      Status s = ApplyDdl(applied, statement);
      ASSERT_TRUE(s.ok()) << "pair " << pair << ": " << statement << "\n"
                          << s.error().ToString() << "\nfrom:\n"
                          << Dump(*from) << "to:\n"
                          << Dump(*to);
    }
    ASSERT_EQ(Dump(applied), Dump(*to)) << "pair " << pair << "\nddl:\n"
                                        <<
        [&] {
          std::string all;
          for (const auto& d : ddl) all += d + ";\n";
          return all;
        }() << "from:\n" << Dump(*from);
    ASSERT_EQ(applied, *to);
    ASSERT_TRUE(DiffSchemas(applied, *to).empty());
  }
  // The generator must actually exercise ALTER TABLE, not only CREATE/DROP.
  EXPECT_GT(alters, kPairs / 2);
  EXPECT_GT(statements, alters);
  for (const auto& [clause, count] : clauses) EXPECT_GT(count, 5) << clause;
}

}  // namespace
}  // namespace tessera::schema
