#include "vttablet/onlineddl/changelog.h"

#include <cstdlib>

#include <fmt/format.h>

#include "sqlparser/format.h"
#include "vttablet/onlineddl/ddl_request.h"

namespace tessera::vttablet::onlineddl {
namespace {

using sql::QuoteIdentifier;
using sql::QuoteString;

constexpr int kHeartbeatId = 1;

// Row ids of the markers: after the heartbeat, in the order they happen.
int MarkerId(ChangelogMarker marker) {
  return 2 + static_cast<int>(marker);
}

Status Done(Result<uint64_t> r) {
  if (!r.ok()) return std::move(r).error();
  return Status::Ok();
}

}  // namespace

std::string_view MarkerHint(ChangelogMarker marker) {
  switch (marker) {
    case ChangelogMarker::kCopyStarted:
      return "copy started";
    case ChangelogMarker::kCopyDone:
      return "copy done";
    case ChangelogMarker::kCutOverStarted:
      return "cut-over started";
    case ChangelogMarker::kCutOverDone:
      return "cut-over done";
  }
  return "unknown";
}

Changelog Changelog::Of(const Migration& m) {
  return Changelog(m.database, ChangelogTableName(m.table, m.uuid));
}

std::string Changelog::QualifiedName() const {
  return QuoteIdentifier(database_) + "." + QuoteIdentifier(table_);
}

Status Changelog::Create(BlockingConnection& connection) const {
  return Done(connection.Execute(
      "CREATE TABLE IF NOT EXISTS " + QualifiedName() +
      " (id INT UNSIGNED NOT NULL PRIMARY KEY, hint VARCHAR(64) NOT NULL, "
      "value VARCHAR(255) NOT NULL, last_update TIMESTAMP(6) NOT NULL DEFAULT "
      "CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE KEY hint_uk (hint)) "
      "ENGINE=InnoDB"));
}

Status Changelog::Drop(BlockingConnection& connection) const {
  return Done(connection.Execute("DROP TABLE IF EXISTS " + QualifiedName()));
}

Status Changelog::WriteHeartbeat(BlockingConnection& connection) const {
  return Done(connection.Execute(
      fmt::format("INSERT INTO {} (id, hint, value) VALUES ({}, 'heartbeat', NOW(6)) "
                  "ON DUPLICATE KEY UPDATE value = VALUES(value)",
                  QualifiedName(), kHeartbeatId)));
}

Status Changelog::WriteMarker(BlockingConnection& connection, ChangelogMarker marker) const {
  return Done(connection.Execute(
      fmt::format("INSERT INTO {} (id, hint, value) VALUES ({}, {}, NOW(6)) "
                  "ON DUPLICATE KEY UPDATE value = VALUES(value)",
                  QualifiedName(), MarkerId(marker), QuoteString(MarkerHint(marker)))));
}

Result<std::optional<double>> Changelog::ReadHeartbeat(BlockingConnection& connection) const {
  // The value is a UTC DATETIME(6) text and the session's time zone is UTC.
  auto value = connection.QueryValue(fmt::format(
      "SELECT UNIX_TIMESTAMP(value) FROM {} WHERE id = {}", QualifiedName(), kHeartbeatId));
  if (!value.ok()) return std::move(value).error();
  if (!value.value()) return std::optional<double>();
  return std::optional<double>(std::strtod(value.value()->c_str(), nullptr));
}

}  // namespace tessera::vttablet::onlineddl
