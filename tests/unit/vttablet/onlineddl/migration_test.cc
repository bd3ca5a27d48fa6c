// State and kind names of online DDL migrations (migration.h).
#include "vttablet/onlineddl/migration.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace tessera::vttablet::onlineddl {
namespace {

TEST(Migration, EveryStateNameRoundTrips) {
  const std::vector<std::pair<MigrationState, std::string>> states = {
      {MigrationState::kQueued, "queued"},
      {MigrationState::kRunning, "running"},
      {MigrationState::kReadyToComplete, "ready_to_complete"},
      {MigrationState::kComplete, "complete"},
      {MigrationState::kFailed, "failed"},
      {MigrationState::kCancelled, "cancelled"},
      {MigrationState::kReverted, "reverted"},
  };
  std::set<std::string> names;
  for (const auto& [state, name] : states) {
    EXPECT_EQ(StateName(state), name);
    auto parsed = ParseState(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, state);
    names.insert(name);
  }
  EXPECT_EQ(names.size(), states.size());
  EXPECT_FALSE(ParseState("").has_value());
  EXPECT_FALSE(ParseState("unknown").has_value());
  EXPECT_FALSE(ParseState("Running").has_value());
  EXPECT_FALSE(ParseState("running ").has_value());
  EXPECT_EQ(StateName(static_cast<MigrationState>(99)), "unknown");
}

TEST(Migration, ActiveStatesAreTheOnesWithWorkLeft) {
  EXPECT_TRUE(IsActive(MigrationState::kQueued));
  EXPECT_TRUE(IsActive(MigrationState::kRunning));
  EXPECT_TRUE(IsActive(MigrationState::kReadyToComplete));
  EXPECT_FALSE(IsActive(MigrationState::kComplete));
  EXPECT_FALSE(IsActive(MigrationState::kFailed));
  EXPECT_FALSE(IsActive(MigrationState::kCancelled));
  EXPECT_FALSE(IsActive(MigrationState::kReverted));
}

TEST(Migration, EveryKindNameRoundTrips) {
  const std::vector<std::pair<MigrationKind, std::string>> kinds = {
      {MigrationKind::kAlter, "alter"},     {MigrationKind::kCreate, "create"},
      {MigrationKind::kDrop, "drop"},       {MigrationKind::kRevert, "revert"},
      {MigrationKind::kInstant, "instant"},
  };
  std::set<std::string> names;
  for (const auto& [kind, name] : kinds) {
    EXPECT_EQ(KindName(kind), name);
    auto parsed = ParseKind(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, kind);
    names.insert(name);
  }
  EXPECT_EQ(names.size(), kinds.size());
  EXPECT_FALSE(ParseKind("").has_value());
  EXPECT_FALSE(ParseKind("ALTER").has_value());
  EXPECT_FALSE(ParseKind("queued").has_value());
  EXPECT_EQ(KindName(static_cast<MigrationKind>(42)), "unknown");
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
