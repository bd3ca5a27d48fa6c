#include "schema/deploy/deploy_requests.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "common/logging.h"
#include "common/throttle_ratio.h"
#include "schema/branches/branch_name.h"
#include "schema/deploy/deploy_action.h"
#include "schema/deploy/migration_uuid.h"
#include "schema/deploy/request_diff.h"
#include "schema/deploy/tablet_migration.h"
#include "schema/deploy/utc_time.h"
#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

namespace ds = deploy_state;

std::string LintToJson(const std::vector<BranchLintFinding>& lint) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : lint) {
    out.push_back(
        {{"code", f.code}, {"severity", f.severity}, {"table", f.table}, {"message", f.message}});
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<BranchLintFinding> LintFromJson(const std::string& text) {
  std::vector<BranchLintFinding> out;
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const auto& f : parsed) {
    if (!f.is_object()) continue;
    out.push_back(BranchLintFinding{f.value("code", ""),
                                    f.value("severity", ""),
                                    f.value("table", ""),
                                    f.value("message", ""),
                                    {}});
  }
  return out;
}

// Writes the diff into the request; true when anything changed.
bool TakeDiff(DeployRequestRecord& request, const DeployDiff& diff) {
  const std::string lint = LintToJson(diff.lint);
  bool changed = request.ddl != diff.ddl || request.unified != diff.unified ||
                 request.lint_json != lint || request.tables != diff.tables;
  request.ddl = diff.ddl;
  request.unified = diff.unified;
  request.lint_json = lint;
  request.tables = diff.tables;
  return changed;
}

// A request shown again and again (the console polls) scans production for
// duplicates at most this often; a deploy always counts afresh.
constexpr std::chrono::seconds kShownCountMaxAge{60};

std::string IdText(int64_t id) {
  return std::to_string(id);
}

}  // namespace

DeployRequests::DeployRequests(const config::Topology& topology, BranchCatalog& catalog,
                               MetadataStore& store, MigrationTablets& tablets,
                               DeploySettings settings)
    : catalog_(catalog),
      store_(store),
      settings_(settings),
      runner_(topology, catalog, store, tablets, settings.revert_window) {}

Result<DeployRequestRecord> DeployRequests::Load(const std::string& keyspace, int64_t id) {
  if (auto ks = catalog_.Keyspace(keyspace); !ks.ok()) return ks.error();
  auto found = store_.FindDeployRequest(id);
  if (!found.ok()) return found.error();
  if (!found->has_value() || (*found)->keyspace != keyspace) {
    return NotFound("deploy request " + IdText(id) + " not found in keyspace " + keyspace);
  }
  return **found;
}

Status DeployRequests::Save(const DeployRequestRecord& request,
                            std::vector<DeployMigrationRecord> new_migrations,
                            std::optional<DeployReviewRecord> review) {
  return store_.SaveDeployRequest(
      MetadataStore::DeployRequestUpdate{request, std::move(new_migrations), std::move(review)});
}

Result<DeployDiff> DeployRequests::CheckedDiff(const std::string& keyspace,
                                               const std::string& branch, const std::string& into,
                                               std::chrono::seconds max_age) {
  auto diff = DiffForDeploy(catalog_, keyspace, branch, into);
  if (!diff.ok()) return diff;
  auto ks = catalog_.Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  duplicates_.Annotate(diff->lint, **ks, BranchDatabaseName(keyspace, into), max_age);
  return diff;
}

Result<DeployRequestView> DeployRequests::View(const std::string& keyspace, int64_t id) {
  auto record = Load(keyspace, id);
  if (!record.ok()) return record.error();
  DeployRequestView view;
  view.request = *record;
  DeployRequestRecord& r = view.request;
  if (r.state == ds::kOpen || r.state == ds::kApproved) {
    auto diff = CheckedDiff(r.keyspace, r.branch, r.into_branch, kShownCountMaxAge);
    if (diff.ok()) {
      if (TakeDiff(r, *diff)) {
        if (Status s = Save(r); !s.ok()) return s.error();
      }
      view.blockers = DeployBlockers(*diff, r.branch, r.into_branch);
      view.conflicts = diff->conflicts;
      view.deployable = view.blockers.empty();
    } else {
      // The branch may be gone or unreadable; show what was stored.
      view.blockers.push_back("cannot compute the diff: " + diff.error().message);
    }
    if (view.deployable && settings_.approval_required && !r.approved) {
      view.deployable = false;
      view.blockers.push_back("an approving review is required");
    }
  }
  view.revertible =
      r.state == ds::kComplete && (r.revert_window_ends.empty() || UtcNow() < r.revert_window_ends);
  view.lint = LintFromJson(r.lint_json);
  auto migrations = store_.ListDeployMigrations(id);
  if (!migrations.ok()) return migrations.error();
  view.migrations = std::move(*migrations);
  auto reviews = store_.ListDeployReviews(id);
  if (!reviews.ok()) return reviews.error();
  view.reviews = std::move(*reviews);
  return view;
}

Result<DeployRequestView> DeployRequests::Create(const std::string& keyspace,
                                                 const NewDeployRequest& wanted) {
  std::lock_guard lock(lifecycle_);
  if (auto ks = catalog_.Keyspace(keyspace); !ks.ok()) return ks.error();
  if (wanted.branch.empty()) return InvalidArgument("\"branch\" is required");
  auto branch = catalog_.Get(keyspace, wanted.branch);
  if (!branch.ok()) return branch.error();
  if (branch->parent.empty()) {
    return InvalidArgument("branch " + wanted.branch +
                           " is a production branch with no parent; deploy requests come from "
                           "branches made from it");
  }
  const std::string into = wanted.into.empty() ? branch->parent : wanted.into;
  if (into != branch->parent) {
    return InvalidArgument("branch " + wanted.branch + " was made from " + branch->parent +
                           " and can only be deployed into it, not into " + into);
  }
  auto open = store_.CountOpenDeployRequests(keyspace, wanted.branch);
  if (!open.ok()) return open.error();
  if (*open > 0) {
    return Conflict("branch " + wanted.branch +
                    " already has an open deploy request; close or finish it first");
  }
  auto diff = CheckedDiff(keyspace, wanted.branch, into, kShownCountMaxAge);
  if (!diff.ok()) return diff.error();
  DeployRequestRecord record;
  record.keyspace = keyspace;
  record.branch = wanted.branch;
  record.into_branch = into;
  record.notes = wanted.notes;
  record.auto_apply = wanted.auto_apply;
  TakeDiff(record, *diff);
  auto id = store_.InsertDeployRequest(record);
  if (!id.ok()) return id.error();
  GetLogger("deploy")->info("deploy request {} opened: {}/{} into {}", *id, keyspace, wanted.branch,
                            into);
  return View(keyspace, *id);
}

Result<std::vector<DeployRequestRecord>> DeployRequests::List(const std::string& keyspace) {
  if (auto ks = catalog_.Keyspace(keyspace); !ks.ok()) return ks.error();
  return store_.ListDeployRequests(keyspace);
}

Result<DeployRequestView> DeployRequests::Get(const std::string& keyspace, int64_t id) {
  std::lock_guard lock(lifecycle_);
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Review(const std::string& keyspace, int64_t id,
                                                 bool approve, const std::string& comment) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kReview, *r, settings_.approval_required); !s.ok())
    return s.error();
  if (!approve && comment.empty())
    return InvalidArgument("a review approves ({\"approve\": true}) or comments, or both");
  if (approve) {
    r->approved = true;
    r->state = ds::kApproved;
  }
  DeployReviewRecord review{id, approve, comment, ""};
  if (Status s = Save(*r, {}, review); !s.ok()) return s.error();
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Deploy(const std::string& keyspace, int64_t id) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kDeploy, *r, settings_.approval_required); !s.ok())
    return s.error();
  auto diff = CheckedDiff(keyspace, r->branch, r->into_branch, std::chrono::seconds(0));
  if (!diff.ok()) return diff.error();
  auto blockers = DeployBlockers(*diff, r->branch, r->into_branch);
  if (!blockers.empty()) {
    std::string why;
    for (const auto& b : blockers) why += (why.empty() ? "" : "; ") + b;
    return Conflict("deploy request " + IdText(id) + " is not deployable: " + why);
  }
  auto ks = catalog_.Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  TakeDiff(*r, *diff);
  r->main_tables = diff->main_tables;
  r->state = ds::kQueued;
  r->message = "";
  r->deployed_at = UtcNow();
  std::vector<DeployMigrationRecord> migrations;
  for (size_t i = 0; i < r->ddl.size(); ++i) {
    const std::string uuid = NewMigrationUuid();
    for (const auto& shard : (*ks)->shards) {
      DeployMigrationRecord m;
      m.request_id = id;
      m.uuid = uuid;
      m.shard = shard.name;
      m.seq = static_cast<int>(i);
      m.purpose = migration_purpose::kDeploy;
      m.table = StatementTable(r->ddl[i]);
      m.ddl = r->ddl[i];
      migrations.push_back(std::move(m));
    }
  }
  if (Status s = Save(*r, std::move(migrations)); !s.ok()) return s.error();
  GetLogger("deploy")->info("deploy request {} queued: {} statement(s) on {} shard(s)", id,
                            r->ddl.size(), (*ks)->shards.size());
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Apply(const std::string& keyspace, int64_t id,
                                                bool force) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  const DeployAction action = force ? DeployAction::kForceCutover : DeployAction::kApply;
  if (Status s = CheckDeployAction(action, *r, settings_.approval_required); !s.ok())
    return s.error();
  if (force) {
    // Refresh first, so that migrations submitted since the last poll count.
    std::vector<std::string> unreachable;
    if (auto fresh = runner_.Refresh(*r, &unreachable); !fresh.ok()) return fresh.error();
    if (Status s = runner_.ForceCutOver(*r); !s.ok()) {
      Error e = s.error();
      e.message = "cannot force the cut-over of deploy request " + IdText(id) + ": " + e.message +
                  "; try again";
      return e;
    }
  }
  r->cutover_requested = true;
  r->state = ds::kRunning;
  r->message = force ? "forcing the cut-over on every shard" : "cutting over on every shard";
  if (Status s = Save(*r); !s.ok()) return s.error();
  if (Status s = runner_.CutOverReady(*r); !s.ok()) {
    // Recorded: the runner repeats the cut-over on its next pass.
    GetLogger("deploy")->warn("deploy request {}: {}", id, s.error().message);
  }
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Throttle(const std::string& keyspace, int64_t id,
                                                   uint32_t permille) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kThrottle, *r, settings_.approval_required);
      !s.ok())
    return s.error();
  r->throttle_ratio = FormatThrottleRatio(permille);
  if (Status s = Save(*r); !s.ok()) return s.error();
  GetLogger("deploy")->info("deploy request {}: throttle ratio {}", id, r->throttle_ratio);
  if (Status s = runner_.Throttle(*r); !s.ok()) {
    // Recorded: the runner sends it to the shards it missed on its next pass.
    GetLogger("deploy")->warn("deploy request {}: {}", id, s.error().message);
  }
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Cancel(const std::string& keyspace, int64_t id) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kCancel, *r, settings_.approval_required); !s.ok())
    return s.error();
  std::vector<std::string> unreachable;
  auto migrations = runner_.Refresh(*r, &unreachable);
  if (!migrations.ok()) return migrations.error();
  for (const auto& m : *migrations) {
    if (m.purpose == migration_purpose::kDeploy && m.state == tablet_state::kComplete) {
      return Conflict("cannot cancel deploy request " + IdText(id) + ": table " + m.table +
                      " is already cut over on shard " + m.shard +
                      "; let the request complete and revert it");
    }
  }
  if (Status s = runner_.CancelMigrations(*r); !s.ok()) {
    return Error::Internal("cannot cancel deploy request " + IdText(id) + ": " + s.error().message +
                           "; try again");
  }
  r->state = ds::kCancelled;
  r->message = "cancelled";
  if (Status s = Save(*r); !s.ok()) return s.error();
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Close(const std::string& keyspace, int64_t id) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kClose, *r, settings_.approval_required); !s.ok())
    return s.error();
  r->state = ds::kClosed;
  r->message = "closed without deploying";
  if (Status s = Save(*r); !s.ok()) return s.error();
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::Revert(const std::string& keyspace, int64_t id) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kRevert, *r, settings_.approval_required); !s.ok())
    return s.error();
  const std::string prefix = "cannot revert deploy request " + IdText(id) + ": ";
  if (!r->revert_window_ends.empty() && UtcNow() >= r->revert_window_ends)
    return Conflict(prefix + "its revert window ended at " + r->revert_window_ends + " UTC");
  // A later request that changed one of the same tables must be reverted first.
  auto all = store_.ListDeployRequests(keyspace);
  if (!all.ok()) return all.error();
  for (const auto& other : *all) {
    if (other.id == id || other.deployed_at.empty() || other.deployed_at < r->deployed_at) continue;
    if (other.state == ds::kReverted || other.state == ds::kCancelled || other.state == ds::kFailed)
      continue;
    for (const auto& table : other.tables) {
      if (std::find(r->tables.begin(), r->tables.end(), table) != r->tables.end()) {
        return Conflict(prefix + "deploy request " + IdText(other.id) + " changed table " + table +
                        " after it; revert that one first");
      }
    }
  }
  std::vector<std::string> unreachable;
  auto migrations = runner_.Refresh(*r, &unreachable);
  if (!migrations.ok()) return migrations.error();
  if (!unreachable.empty())
    return Error::Internal(prefix + "cannot reach the tablet of shard " + unreachable.front());
  std::vector<DeployMigrationRecord> deployed;
  for (const auto& m : *migrations) {
    if (m.purpose != migration_purpose::kDeploy) continue;
    if (m.state != tablet_state::kComplete || m.revert_window_ends.empty()) {
      return Conflict(
          prefix + "migration " + m.uuid + " on shard " + m.shard + " is " + m.state +
          (m.state == tablet_state::kComplete ? " and its tablet closed the revert window" : ""));
    }
    deployed.push_back(m);
  }
  // Reverse statement order; one new uuid per statement, shared by the shards.
  std::stable_sort(deployed.begin(), deployed.end(),
                   [](const auto& a, const auto& b) { return a.seq > b.seq; });
  std::vector<DeployMigrationRecord> reverts;
  std::string uuid;
  int seq = -1;
  for (const auto& m : deployed) {
    if (m.seq != seq) {
      seq = m.seq;
      uuid = NewMigrationUuid();
    }
    DeployMigrationRecord rv;
    rv.request_id = id;
    rv.uuid = uuid;
    rv.shard = m.shard;
    rv.seq = m.seq;
    rv.purpose = migration_purpose::kRevert;
    rv.table = m.table;
    rv.reverts = m.uuid;
    reverts.push_back(std::move(rv));
  }
  r->state = ds::kReverting;
  r->message = "";
  if (Status s = Save(*r, std::move(reverts)); !s.ok()) return s.error();
  GetLogger("deploy")->info("deploy request {}: reverting", id);
  if (Status s = runner_.SubmitPending(*r, migration_purpose::kRevert); !s.ok())
    GetLogger("deploy")->warn("deploy request {}: {}", id, s.error().message);
  return View(keyspace, id);
}

Result<DeployRequestView> DeployRequests::SkipRevert(const std::string& keyspace, int64_t id) {
  std::lock_guard lock(lifecycle_);
  auto r = Load(keyspace, id);
  if (!r.ok()) return r.error();
  if (Status s = CheckDeployAction(DeployAction::kSkipRevert, *r, settings_.approval_required);
      !s.ok())
    return s.error();
  if (Status s = runner_.SkipRevert(*r); !s.ok()) {
    return Error::Internal("cannot skip the revert of deploy request " + IdText(id) + ": " +
                           s.error().message + "; try again");
  }
  r->state = ds::kClosed;
  r->message = "the revert window was closed early (skip-revert)";
  r->revert_window_ends = UtcNow();
  if (Status s = Save(*r); !s.ok()) return s.error();
  return View(keyspace, id);
}

void DeployRequests::Advance() {
  std::lock_guard lock(lifecycle_);
  runner_.Advance();
}

}  // namespace tessera::schema
