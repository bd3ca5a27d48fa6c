// The routes of the schemad HTTP/JSON API, matched from method and target.
// Pure; no I/O.
//
//   GET    /api/keyspaces                                    keyspaces and shards
//   GET    /api/keyspaces/{ks}/branches                      branches of a keyspace
//   POST   /api/keyspaces/{ks}/branches                      create {"name", "parent"?: "main",
//                                                            "with_data"?: false}
//   GET    /api/keyspaces/{ks}/branches/{b}                  details, base schema, size, data copy
//   DELETE /api/keyspaces/{ks}/branches/{b}                  delete (not production, no open DRs)
//   GET    /api/keyspaces/{ks}/branches/{b}/schema           CREATE statements (first shard)
//   GET    /api/keyspaces/{ks}/branches/{b}/diff             DDL and unified diff vs the parent
//   POST   /api/keyspaces/{ks}/branches/{b}/reset            back to the parent's schema
//                                                            {"with_data"?: false}
//   POST   /api/keyspaces/{ks}/branches/{b}/promote          mark production
//   POST   /api/keyspaces/{ks}/branches/{b}/safe-migrations  {"enabled": bool}
//   GET    /api/keyspaces/{ks}/branches/{b}/passwords        credentials (no secrets)
//   POST   /api/keyspaces/{ks}/branches/{b}/passwords        create {"role": reader|writer|admin}
//   GET    /api/keyspaces/{ks}/deploy-requests               deploy requests of a keyspace
//   POST   /api/keyspaces/{ks}/deploy-requests               open {"branch", "into"?, "notes"?,
//                                                            "auto_apply"?: true}
//   GET    /api/keyspaces/{ks}/deploy-requests/{id}          state, diff, lint, checks, progress
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/deploy   queue it for deployment
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/apply    cut over (auto_apply off)
//                                                            {"force"?: false}
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/throttle {"ratio": 0..1} share of the time
//                                                            the row copies pause (0: none)
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/cancel   stop a deployment
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/close    close without deploying
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/revert   undo within the revert window
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/skip-revert  end the revert window
//   POST   /api/keyspaces/{ks}/deploy-requests/{id}/review   {"approve": bool, "comment"?}
//
// A trailing '/' and a query string are ignored. Path segments are taken
// literally (names never need percent-encoding).
#pragma once

#include <string>
#include <string_view>

namespace tessera::schema {

enum class RouteId {
  kListKeyspaces,
  kListBranches,
  kCreateBranch,
  kGetBranch,
  kDeleteBranch,
  kBranchSchema,
  kBranchDiff,
  kResetBranch,
  kPromoteBranch,
  kSafeMigrations,
  kListPasswords,
  kCreatePassword,
  kListDeployRequests,
  kCreateDeployRequest,
  kGetDeployRequest,
  kDeployDeployRequest,
  kApplyDeployRequest,
  kCancelDeployRequest,
  kThrottleDeployRequest,
  kCloseDeployRequest,
  kRevertDeployRequest,
  kSkipRevertDeployRequest,
  kReviewDeployRequest,
};

struct RouteMatch {
  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  Outcome outcome = Outcome::kNotFound;
  RouteId id = RouteId::kListKeyspaces;
  std::string keyspace;        // set for routes under /api/keyspaces/{ks}
  std::string branch;          // set for routes under .../branches/{b}
  std::string deploy_request;  // set for routes under .../deploy-requests/{id} (unchecked text)
  std::string allowed;         // kMethodNotAllowed: e.g. "GET, POST"
};

RouteMatch MatchRoute(std::string_view method, std::string_view target);

}  // namespace tessera::schema
