#include "schema/service/api_route.h"

#include <gtest/gtest.h>

namespace tessera::schema {
namespace {

using Outcome = RouteMatch::Outcome;

TEST(ApiRouteTest, MatchesEveryDocumentedRoute) {
  struct Case {
    const char* method;
    const char* target;
    RouteId id;
  };
  const Case cases[] = {
      {"GET", "/api/keyspaces", RouteId::kListKeyspaces},
      {"GET", "/api/keyspaces/ks/branches", RouteId::kListBranches},
      {"POST", "/api/keyspaces/ks/branches", RouteId::kCreateBranch},
      {"GET", "/api/keyspaces/ks/branches/dev", RouteId::kGetBranch},
      {"DELETE", "/api/keyspaces/ks/branches/dev", RouteId::kDeleteBranch},
      {"GET", "/api/keyspaces/ks/branches/dev/schema", RouteId::kBranchSchema},
      {"GET", "/api/keyspaces/ks/branches/dev/diff", RouteId::kBranchDiff},
      {"POST", "/api/keyspaces/ks/branches/dev/reset", RouteId::kResetBranch},
      {"POST", "/api/keyspaces/ks/branches/dev/promote", RouteId::kPromoteBranch},
      {"POST", "/api/keyspaces/ks/branches/dev/safe-migrations", RouteId::kSafeMigrations},
      {"GET", "/api/keyspaces/ks/branches/dev/passwords", RouteId::kListPasswords},
      {"POST", "/api/keyspaces/ks/branches/dev/passwords", RouteId::kCreatePassword},
  };
  for (const auto& c : cases) {
    RouteMatch m = MatchRoute(c.method, c.target);
    ASSERT_EQ(m.outcome, Outcome::kFound) << c.method << " " << c.target;
    EXPECT_EQ(m.id, c.id) << c.target;
    if (std::string(c.target) != "/api/keyspaces") {
      EXPECT_EQ(m.keyspace, "ks") << c.target;
    }
    if (std::string(c.target).find("/dev") != std::string::npos) {
      EXPECT_EQ(m.branch, "dev") << c.target;
    }
  }
}

TEST(ApiRouteTest, IgnoresTrailingSlashAndQuery) {
  RouteMatch m = MatchRoute("GET", "/api/keyspaces/ks/branches/?verbose=1");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.id, RouteId::kListBranches);
  m = MatchRoute("GET", "/api/keyspaces/ks/branches/dev/diff/");
  ASSERT_EQ(m.outcome, Outcome::kFound);
  EXPECT_EQ(m.id, RouteId::kBranchDiff);
}

TEST(ApiRouteTest, UnknownPathsAreNotFound) {
  for (const char* target :
       {"/", "", "api/keyspaces", "/api", "/api/keyspace", "/api/keyspaces/ks",
        "/api/keyspaces/ks/tables", "/api/keyspaces/ks/branches/dev/merge",
        "/api/keyspaces/ks/branches/dev/schema/x", "/api//keyspaces", "/other/keyspaces"}) {
    EXPECT_EQ(MatchRoute("GET", target).outcome, Outcome::kNotFound) << target;
  }
}

TEST(ApiRouteTest, WrongMethodListsAllowedOnes) {
  RouteMatch m = MatchRoute("PUT", "/api/keyspaces/ks/branches");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_EQ(m.allowed, "GET, POST");
  m = MatchRoute("GET", "/api/keyspaces/ks/branches/dev/reset");
  EXPECT_EQ(m.outcome, Outcome::kMethodNotAllowed);
  EXPECT_EQ(m.allowed, "POST");
  m = MatchRoute("POST", "/api/keyspaces/ks/branches/dev");
  EXPECT_EQ(m.allowed, "GET, DELETE");
}

}  // namespace
}  // namespace tessera::schema
