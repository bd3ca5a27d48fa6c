#include "vttablet/onlineddl/migration.h"

#include <array>
#include <utility>

namespace tessera::vttablet::onlineddl {
namespace {

constexpr std::array<std::pair<MigrationState, std::string_view>, 7> kStates = {{
    {MigrationState::kQueued, "queued"},
    {MigrationState::kRunning, "running"},
    {MigrationState::kReadyToComplete, "ready_to_complete"},
    {MigrationState::kComplete, "complete"},
    {MigrationState::kFailed, "failed"},
    {MigrationState::kCancelled, "cancelled"},
    {MigrationState::kReverted, "reverted"},
}};

constexpr std::array<std::pair<MigrationKind, std::string_view>, 5> kKinds = {{
    {MigrationKind::kAlter, "alter"},
    {MigrationKind::kCreate, "create"},
    {MigrationKind::kDrop, "drop"},
    {MigrationKind::kRevert, "revert"},
    {MigrationKind::kInstant, "instant"},
}};

}  // namespace

std::string_view StateName(MigrationState state) {
  for (const auto& [s, name] : kStates)
    if (s == state) return name;
  return "unknown";
}

std::optional<MigrationState> ParseState(std::string_view name) {
  for (const auto& [s, n] : kStates)
    if (n == name) return s;
  return std::nullopt;
}

bool IsActive(MigrationState state) {
  return state == MigrationState::kQueued || state == MigrationState::kRunning ||
         state == MigrationState::kReadyToComplete;
}

std::string_view KindName(MigrationKind kind) {
  for (const auto& [k, name] : kKinds)
    if (k == kind) return name;
  return "unknown";
}

std::optional<MigrationKind> ParseKind(std::string_view name) {
  for (const auto& [k, n] : kKinds)
    if (n == name) return k;
  return std::nullopt;
}

}  // namespace tessera::vttablet::onlineddl
