#include "schema/service/api_route.h"

#include <utility>
#include <vector>

namespace tessera::schema {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

struct MethodRoute {
  std::string_view method;
  RouteId id;
};

RouteMatch Pick(std::string_view method, std::initializer_list<MethodRoute> choices) {
  RouteMatch m;
  for (const auto& c : choices) {
    if (c.method == method) {
      m.outcome = RouteMatch::Outcome::kFound;
      m.id = c.id;
      return m;
    }
    m.allowed += (m.allowed.empty() ? "" : ", ") + std::string(c.method);
  }
  m.outcome = RouteMatch::Outcome::kMethodNotAllowed;
  return m;
}

// /api/keyspaces/{ks}/deploy-requests[/{id}[/{action}]]
RouteMatch MatchDeployRequestRoute(std::string_view method,
                                   const std::vector<std::string_view>& s) {
  RouteMatch m;
  if (s.size() == 4) {
    m = Pick(method,
             {{"GET", RouteId::kListDeployRequests}, {"POST", RouteId::kCreateDeployRequest}});
  } else if (s.size() == 5) {
    m = Pick(method, {{"GET", RouteId::kGetDeployRequest}});
  } else if (s.size() == 6) {
    static constexpr std::pair<std::string_view, RouteId> kActions[] = {
        {"deploy", RouteId::kDeployDeployRequest},
        {"apply", RouteId::kApplyDeployRequest},
        {"cancel", RouteId::kCancelDeployRequest},
        {"throttle", RouteId::kThrottleDeployRequest},
        {"close", RouteId::kCloseDeployRequest},
        {"revert", RouteId::kRevertDeployRequest},
        {"skip-revert", RouteId::kSkipRevertDeployRequest},
        {"review", RouteId::kReviewDeployRequest},
    };
    bool found = false;
    for (const auto& [name, id] : kActions) {
      if (s[5] == name) {
        m = Pick(method, {{"POST", id}});
        found = true;
      }
    }
    if (!found) return {};
  } else {
    return {};
  }
  m.keyspace = std::string(s[2]);
  if (s.size() >= 5) m.deploy_request = std::string(s[4]);
  return m;
}

}  // namespace

RouteMatch MatchRoute(std::string_view method, std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path.empty() || path.front() != '/') return {};
  // Repeated slashes ("/api//keyspaces") are not the documented paths.
  if (path.find("//") != std::string_view::npos) return {};
  auto s = Segments(path);
  if (s.size() < 2 || s[0] != "api" || s[1] != "keyspaces") return {};
  if (s.size() == 2) return Pick(method, {{"GET", RouteId::kListKeyspaces}});
  if (s.size() >= 4 && s[3] == "deploy-requests") return MatchDeployRequestRoute(method, s);
  if (s.size() < 4 || s[3] != "branches") return {};
  RouteMatch m;
  if (s.size() == 4) {
    m = Pick(method, {{"GET", RouteId::kListBranches}, {"POST", RouteId::kCreateBranch}});
  } else if (s.size() == 5) {
    m = Pick(method, {{"GET", RouteId::kGetBranch}, {"DELETE", RouteId::kDeleteBranch}});
  } else if (s.size() == 6) {
    const std::string_view action = s[5];
    if (action == "schema") {
      m = Pick(method, {{"GET", RouteId::kBranchSchema}});
    } else if (action == "diff") {
      m = Pick(method, {{"GET", RouteId::kBranchDiff}});
    } else if (action == "reset") {
      m = Pick(method, {{"POST", RouteId::kResetBranch}});
    } else if (action == "promote") {
      m = Pick(method, {{"POST", RouteId::kPromoteBranch}});
    } else if (action == "safe-migrations") {
      m = Pick(method, {{"POST", RouteId::kSafeMigrations}});
    } else if (action == "passwords") {
      m = Pick(method, {{"GET", RouteId::kListPasswords}, {"POST", RouteId::kCreatePassword}});
    } else {
      return {};
    }
  } else {
    return {};
  }
  m.keyspace = std::string(s[2]);
  if (s.size() >= 5) m.branch = std::string(s[4]);
  return m;
}

}  // namespace tessera::schema
