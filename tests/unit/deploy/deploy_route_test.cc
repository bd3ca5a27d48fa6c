// The deploy-request routes of the schemad API.
#include <gtest/gtest.h>

#include "schema/service/api_route.h"

namespace tessera::schema {
namespace {

TEST(DeployRouteTest, Routes) {
  auto list = MatchRoute("GET", "/api/keyspaces/customer/deploy-requests");
  ASSERT_EQ(list.outcome, RouteMatch::Outcome::kFound);
  EXPECT_EQ(list.id, RouteId::kListDeployRequests);
  EXPECT_EQ(list.keyspace, "customer");
  EXPECT_EQ(MatchRoute("POST", "/api/keyspaces/customer/deploy-requests/").id,
            RouteId::kCreateDeployRequest);
  auto get = MatchRoute("GET", "/api/keyspaces/customer/deploy-requests/12?x=1");
  EXPECT_EQ(get.id, RouteId::kGetDeployRequest);
  EXPECT_EQ(get.deploy_request, "12");
  const std::pair<const char*, RouteId> actions[] = {
      {"deploy", RouteId::kDeployDeployRequest}, {"apply", RouteId::kApplyDeployRequest},
      {"cancel", RouteId::kCancelDeployRequest}, {"close", RouteId::kCloseDeployRequest},
      {"revert", RouteId::kRevertDeployRequest}, {"skip-revert", RouteId::kSkipRevertDeployRequest},
      {"review", RouteId::kReviewDeployRequest}, {"throttle", RouteId::kThrottleDeployRequest},
  };
  for (const auto& [name, id] : actions) {
    auto m = MatchRoute("POST", std::string("/api/keyspaces/ks/deploy-requests/7/") + name);
    ASSERT_EQ(m.outcome, RouteMatch::Outcome::kFound) << name;
    EXPECT_EQ(m.id, id) << name;
    EXPECT_EQ(m.deploy_request, "7");
    auto wrong = MatchRoute("GET", std::string("/api/keyspaces/ks/deploy-requests/7/") + name);
    EXPECT_EQ(wrong.outcome, RouteMatch::Outcome::kMethodNotAllowed) << name;
    EXPECT_EQ(wrong.allowed, "POST");
  }
  EXPECT_EQ(MatchRoute("POST", "/api/keyspaces/ks/deploy-requests/7/explode").outcome,
            RouteMatch::Outcome::kNotFound);
  EXPECT_EQ(MatchRoute("DELETE", "/api/keyspaces/ks/deploy-requests/7").outcome,
            RouteMatch::Outcome::kMethodNotAllowed);
  // Branch routes are unchanged.
  EXPECT_EQ(MatchRoute("GET", "/api/keyspaces/ks/branches/b/diff").id, RouteId::kBranchDiff);
}

}  // namespace
}  // namespace tessera::schema
