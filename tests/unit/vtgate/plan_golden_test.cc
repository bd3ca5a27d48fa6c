// Golden plan files: every case in plans/*.txt is planned against
// plans/vschema.yaml and its plan (what VEXPLAIN PLAN prints: Describe(0),
// or the error a refused statement gets) compared with the one recorded.
//
// On a mismatch the test fails naming the file, line and case, and writes
// the whole file with the actual plans to
//   <build dir>/plan_golden_actual/<file>.txt
// to diff against the golden file and copy over once the change is right.
//
// To rewrite the golden files in place instead (after a deliberate planner
// change; review the diff before committing):
//   TESSERA_UPDATE_GOLDEN=1 build/bin/vtgate_plan_golden_test
// A new case needs only its comment and statement: the update fills its plan.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/loader.h"
#include "sqlparser/parser.h"
#include "tests/unit/vtgate/plan_golden_file.h"
#include "vtgate/planner/planner.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {
namespace {

namespace fs = std::filesystem;

const fs::path kPlansDir = TESSERA_PLAN_GOLDEN_DIR;
const fs::path kActualDir = TESSERA_PLAN_GOLDEN_ACTUAL_DIR;
const fs::path kEngineDir = TESSERA_ENGINE_DIR;

bool UpdateMode() {
  const char* value = std::getenv("TESSERA_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<fs::path> GoldenFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kPlansDir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ErrorLine(const char* prefix, const Error& error) {
  return std::string(prefix) + std::to_string(error.code) + " (" + error.sql_state +
         "): " + error.message + "\n";
}

class PlanGoldenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto topology = config::LoadTopology((kPlansDir / "vschema.yaml").string());
    ASSERT_TRUE(topology.ok()) << topology.error().message;
    auto vschema = VSchema::Build(*topology);
    ASSERT_TRUE(vschema.ok()) << vschema.error().message;
    vschema_ = *vschema;
  }

  // What VEXPLAIN PLAN shows for the case, or the error that refuses it.
  std::string Plan(const testing::PlanCase& c) {
    auto stmt = parser_.Parse(c.query);
    if (!stmt.ok()) return ErrorLine("PARSE ERROR ", stmt.error());
    Planner planner(*vschema_, c.connection_id);
    auto plan = planner.Build(**stmt, c.query, c.keyspace, c.bind_count, c.last_insert_id);
    if (!plan.ok()) return ErrorLine("ERROR ", plan.error());
    return (*plan)->Describe(0);
  }

  sql::Parser parser_;
  std::shared_ptr<const VSchema> vschema_;
};

TEST_F(PlanGoldenTest, EveryCasePlansAsRecorded) {
  const bool update = UpdateMode();
  const std::vector<fs::path> files = GoldenFiles();
  ASSERT_FALSE(files.empty()) << "no golden plan files in " << kPlansDir;
  size_t cases = 0;
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    const std::string text = ReadFile(file);
    auto blocks = testing::ParsePlanGoldenFile(text);
    if (!blocks.ok()) {
      ADD_FAILURE() << file.string() << ": " << blocks.error().message;
      continue;
    }
    std::vector<std::string> plans;
    size_t mismatches = 0;
    for (const auto& block : *blocks) {
      plans.push_back(block.is_case() ? Plan(block) : "");
      if (!block.is_case()) continue;
      ++cases;
      if (plans.back() == block.expected) continue;
      ++mismatches;
      if (!update) {
        ADD_FAILURE() << name << ":" << block.line << ": case \"" << block.Name() << "\"\n"
                      << "  query: " << block.query << "\n"
                      << "expected:\n"
                      << block.expected << "actual:\n"
                      << plans.back();
      }
    }
    const fs::path actual = kActualDir / name;
    if (mismatches == 0) {
      fs::remove(actual);
      continue;
    }
    const std::string rewritten = testing::FormatPlanGoldenFile(*blocks, plans);
    if (update) {
      WriteFile(file, rewritten);
      std::cout << "rewrote " << file.string() << " (" << mismatches << " plans changed)\n";
      continue;
    }
    fs::create_directories(kActualDir);
    WriteFile(actual, rewritten);
    ADD_FAILURE() << name << ": " << mismatches << " plan(s) differ; the file with the actual "
                  << "plans is " << actual.string() << "\n  diff -u " << file.string() << " "
                  << actual.string()
                  << "\n  (or rerun with TESSERA_UPDATE_GOLDEN=1 to rewrite the golden files)";
  }
  std::cout << cases << " plan cases in " << files.size() << " files\n";
}

// A new primitive needs a case showing the planner building it: every class
// in vtgate/engine/ that derives from Primitive starts a line of some
// recorded plan.
TEST(PlanGoldenCoverageTest, EveryEnginePrimitiveHasAGoldenCase) {
  std::set<std::string> primitives;
  const std::regex declaration(R"(class (\w+) final : public Primitive\b)");
  for (const auto& entry : fs::directory_iterator(kEngineDir)) {
    if (entry.path().extension() != ".h") continue;
    const std::string text = ReadFile(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), declaration), end; it != end; ++it)
      primitives.insert((*it)[1].str());
  }
  ASSERT_GT(primitives.size(), 10u) << "no primitives found in " << kEngineDir;
  std::set<std::string> shown;
  for (const fs::path& file : GoldenFiles()) {
    auto blocks = testing::ParsePlanGoldenFile(ReadFile(file));
    ASSERT_TRUE(blocks.ok()) << file.string() << ": " << blocks.error().message;
    for (const auto& block : *blocks) {
      std::istringstream lines(block.expected);
      for (std::string line; std::getline(lines, line);) {
        size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos) continue;
        shown.insert(line.substr(start, line.find(' ', start) - start));
      }
    }
  }
  for (const auto& primitive : primitives)
    EXPECT_TRUE(shown.count(primitive)) << "no golden plan shows primitive " << primitive;
}

}  // namespace
}  // namespace tessera::vtgate
