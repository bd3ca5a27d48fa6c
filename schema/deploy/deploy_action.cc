#include "schema/deploy/deploy_action.h"

#include <initializer_list>
#include <vector>

#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

namespace ds = deploy_state;

bool OneOf(std::string_view state, std::initializer_list<const char*> states) {
  for (const char* s : states)
    if (state == s) return true;
  return false;
}

std::string Join(const std::vector<const char*>& states) {
  std::string out;
  for (const char* s : states) out += (out.empty() ? "" : " or ") + std::string(s);
  return out;
}

}  // namespace

std::string_view DeployActionName(DeployAction action) {
  switch (action) {
    case DeployAction::kReview:
      return "review";
    case DeployAction::kDeploy:
      return "deploy";
    case DeployAction::kApply:
      return "apply";
    case DeployAction::kForceCutover:
      return "force-cutover";
    case DeployAction::kCancel:
      return "cancel";
    case DeployAction::kClose:
      return "close";
    case DeployAction::kRevert:
      return "revert";
    case DeployAction::kSkipRevert:
      return "skip-revert";
    case DeployAction::kThrottle:
      return "throttle";
  }
  return "?";
}

Status CheckDeployAction(DeployAction action, const DeployRequestRecord& request,
                         bool approval_required) {
  std::vector<const char*> allowed = {ds::kOpen, ds::kApproved};
  switch (action) {
    case DeployAction::kReview:
    case DeployAction::kDeploy:
    case DeployAction::kClose:
      break;
    case DeployAction::kApply:
      allowed = {ds::kPendingCutover};
      break;
    case DeployAction::kForceCutover:
      allowed = {ds::kRunning, ds::kPendingCutover};
      break;
    case DeployAction::kCancel:
    case DeployAction::kThrottle:
      allowed = {ds::kQueued, ds::kRunning, ds::kPendingCutover};
      break;
    case DeployAction::kRevert:
    case DeployAction::kSkipRevert:
      allowed = {ds::kComplete};
      break;
  }
  const std::string name(DeployActionName(action));
  const std::string prefix = "cannot " + name + " deploy request " + std::to_string(request.id);
  bool ok = false;
  for (const char* s : allowed) ok = ok || request.state == s;
  if (!ok) {
    return Conflict(prefix + ": it is " + request.state + " (" + name + " needs " + Join(allowed) +
                    ")");
  }
  if (action == DeployAction::kDeploy && approval_required && !request.approved) {
    return Conflict(prefix + ": it is " + request.state +
                    " and needs an approving review first (tessera deploy-request review " +
                    request.keyspace + " " + std::to_string(request.id) + " --approve)");
  }
  return Status::Ok();
}

bool IsOnTabletsState(std::string_view state) {
  return OneOf(state, {ds::kRunning, ds::kPendingCutover, ds::kReverting});
}

bool IsFinalState(std::string_view state) {
  return OneOf(state, {ds::kReverted, ds::kClosed, ds::kCancelled, ds::kFailed});
}

}  // namespace tessera::schema
