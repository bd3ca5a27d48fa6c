// DeployAction: what a person can do to a deploy request, and in which states
// each is allowed (pure). The lifecycle:
//
//   open ──review --approve──▶ approved
//   open|approved ──deploy──▶ queued ──▶ running ──▶ complete ──▶ closed
//                                          │  ▲          │  (skip-revert or
//            (auto_apply off) pending_cutover ─apply─┘   │   window over)
//                                                        └─revert─▶ reverting ─▶ reverted
//   open|approved ──close──▶ closed
//   queued|running|pending_cutover ──cancel──▶ cancelled
//   queued|running|pending_cutover ──throttle──▶ (same state, new copy ratio)
//   any deploying state ──a migration fails──▶ failed
//
// With approval required, deploy from open is refused until approved.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "schema/store/deploy_request_record.h"

namespace tessera::schema {

enum class DeployAction {
  kReview,
  kDeploy,
  kApply,
  kForceCutover,
  kCancel,
  kClose,
  kRevert,
  kSkipRevert,
  kThrottle
};

// "review", "deploy", "apply", "force-cutover", "cancel", "close", "revert",
// "skip-revert", "throttle".
std::string_view DeployActionName(DeployAction action);

// Ok when `action` may be taken on `request` now; otherwise a Conflict whose
// message names the request's state and the states the action needs, e.g.
// "cannot apply deploy request 3: it is running (apply needs pending_cutover)".
Status CheckDeployAction(DeployAction action, const DeployRequestRecord& request,
                         bool approval_required);

// States in which the request's migrations are on the tablets (running,
// pending_cutover, reverting): a keyspace has at most one such request, and
// its queued requests wait for it.
bool IsOnTabletsState(std::string_view state);
// States no action leaves.
bool IsFinalState(std::string_view state);

}  // namespace tessera::schema
