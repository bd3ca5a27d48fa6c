// CheckDeployAction: which actions each deploy-request state allows, and the
// message of a refusal.
#include <gtest/gtest.h>

#include "schema/deploy/deploy_action.h"
#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

DeployRequestRecord InState(const char* state, bool approved = false) {
  DeployRequestRecord r;
  r.id = 3;
  r.keyspace = "customer";
  r.state = state;
  r.approved = approved;
  return r;
}

TEST(DeployActionTest, AllowedStates) {
  namespace ds = deploy_state;
  struct Case {
    DeployAction action;
    std::vector<const char*> allowed;
  };
  const std::vector<const char*> all = {ds::kOpen,      ds::kApproved,       ds::kQueued,
                                        ds::kRunning,   ds::kPendingCutover, ds::kReverting,
                                        ds::kComplete,  ds::kReverted,       ds::kClosed,
                                        ds::kCancelled, ds::kFailed};
  const std::vector<Case> cases = {
      {DeployAction::kReview, {ds::kOpen, ds::kApproved}},
      {DeployAction::kDeploy, {ds::kOpen, ds::kApproved}},
      {DeployAction::kClose, {ds::kOpen, ds::kApproved}},
      {DeployAction::kApply, {ds::kPendingCutover}},
      {DeployAction::kCancel, {ds::kQueued, ds::kRunning, ds::kPendingCutover}},
      {DeployAction::kRevert, {ds::kComplete}},
      {DeployAction::kSkipRevert, {ds::kComplete}},
      {DeployAction::kForceCutover, {ds::kRunning, ds::kPendingCutover}},
      {DeployAction::kThrottle, {ds::kQueued, ds::kRunning, ds::kPendingCutover}},
  };
  for (const auto& c : cases) {
    for (const char* state : all) {
      bool expected = false;
      for (const char* a : c.allowed) expected = expected || std::string(a) == state;
      Status s = CheckDeployAction(c.action, InState(state), /*approval_required=*/false);
      EXPECT_EQ(s.ok(), expected) << DeployActionName(c.action) << " in " << state;
      if (!s.ok()) {
        EXPECT_EQ(KindOf(s.error()), ErrorKind::kConflict);
      }
    }
  }
}

TEST(DeployActionTest, RefusalNamesTheState) {
  Status s = CheckDeployAction(DeployAction::kApply, InState("running"), false);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "cannot apply deploy request 3: it is running (apply needs pending_cutover)");
}

TEST(DeployActionTest, ThrottleRefusalNamesTheStatesThatAllowIt) {
  Status s = CheckDeployAction(DeployAction::kThrottle, InState("complete"), false);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message,
            "cannot throttle deploy request 3: it is complete (throttle needs queued or running or "
            "pending_cutover)");
}

TEST(DeployActionTest, ApprovalRequired) {
  Status s = CheckDeployAction(DeployAction::kDeploy, InState("open"), true);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("needs an approving review"), std::string::npos);
  EXPECT_TRUE(CheckDeployAction(DeployAction::kDeploy, InState("approved", true), true).ok());
}

TEST(DeployActionTest, StateClasses) {
  EXPECT_TRUE(IsOnTabletsState("running"));
  EXPECT_TRUE(IsOnTabletsState("pending_cutover"));
  EXPECT_TRUE(IsOnTabletsState("reverting"));
  EXPECT_FALSE(IsOnTabletsState("queued"));
  EXPECT_FALSE(IsOnTabletsState("complete"));
  EXPECT_TRUE(IsFinalState("reverted"));
  EXPECT_FALSE(IsFinalState("complete"));
}

}  // namespace
}  // namespace tessera::schema
