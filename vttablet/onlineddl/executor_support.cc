#include "vttablet/onlineddl/executor_support.h"

#include <fmt/format.h>

#include "common/logging.h"
#include "sqlparser/format.h"
#include "vttablet/onlineddl/changelog.h"

namespace tessera::vttablet::onlineddl {

using sql::QuoteIdentifier;
using sql::QuoteString;

std::string QualifiedName(const std::string& db, const std::string& table) {
  return QuoteIdentifier(db) + "." + QuoteIdentifier(table);
}

Status Done(Result<uint64_t> r) {
  if (!r.ok()) return std::move(r).error();
  return Status::Ok();
}

Result<bool> TableExists(BlockingConnection& c, const std::string& db, const std::string& table) {
  auto v = c.QueryValue(fmt::format(
      "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} AND TABLE_NAME = {}",
      QuoteString(db), QuoteString(table)));
  if (!v.ok()) return std::move(v).error();
  return v.value().value_or("0") != "0";
}

Result<std::string> ServerNow(BlockingConnection& c, std::chrono::seconds plus) {
  auto v = c.QueryValue(fmt::format("SELECT NOW(6) + INTERVAL {} SECOND", plus.count()));
  if (!v.ok()) return std::move(v).error();
  return v.value().value_or("");
}

void DropChangelog(BlockingConnection& c, const Migration& m) {
  Status s = Changelog::Of(m).Drop(c);
  if (!s.ok())
    GetLogger("onlineddl")
        ->warn("migration {}: cannot drop the changelog: {}", m.uuid, s.error().message);
}

}  // namespace tessera::vttablet::onlineddl
