#include "tests/integration/protocol/fake_session.h"

#include <stdexcept>

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/native_password.h"

namespace tessera::vtgate::mysql::testing {
namespace {

Field Column(const std::string& name, FieldType type, uint16_t flags = 0) {
  return Field{.name = name,
               .org_name = name,
               .table = std::string(1, 't'),
               .org_table = std::string(1, 't'),
               .database = std::string("commerce"),
               .type = type,
               .flags = flags,
               .charset = type == FieldType::kLongLong ? kCharsetBinary : kCharsetUtf8mb4GeneralCi,
               .column_length = 20};
}

}  // namespace

boost::asio::awaitable<Result<ResultSet>> FakeSession::Query(std::string_view sql) {
  ResultSet rs;
  if (sql == "select 1") {
    rs.fields = {Column("1", FieldType::kLongLong, field_flag::kNotNull | field_flag::kNum)};
    rs.rows = {{std::string("1")}};
  } else if (sql == "select rows") {
    rs.fields = {Column("id", FieldType::kLongLong, field_flag::kNotNull | field_flag::kNum),
                 Column("name", FieldType::kVarString)};
    rs.rows = {{std::string("1"), std::string("alice")},
               {std::string("2"), std::nullopt},
               {std::string("3"), std::string("")}};
  } else if (sql == "select many") {
    rs.fields = {Column("n", FieldType::kVarString)};
    for (int i = 0; i < 10000; ++i) rs.rows.push_back({std::to_string(i)});
  } else if (sql.starts_with("select length")) {
    rs.fields = {Column("length", FieldType::kLongLong)};
    rs.rows = {{std::to_string(sql.size())}};
  } else if (sql == "insert") {
    rs.affected_rows = 3;
    rs.last_insert_id = 42;
    rs.info = "Records: 3";
  } else if (sql == "fail") {
    co_return Error::Make(mysql_errno::kNoSuchTable, "Table 'commerce.nope' doesn't exist");
  } else {
    co_return Error::Make(mysql_errno::kParse, "You have an error in your SQL syntax");
  }
  co_return rs;
}

Status FakeSession::UseDatabase(std::string_view database) {
  if (database != "commerce" && database != "customer") {
    return Error::Make(mysql_errno::kBadDb, "Unknown database '" + std::string(database) + "'");
  }
  database_ = database;
  return Status::Ok();
}

uint16_t FakeSession::StatusFlags() const {
  return server_status::kAutocommit;
}

std::unique_ptr<Server> StartFakeServer(SessionLog* log, ServerOptions options) {
  options.workers = 2;
  UserLookup users = [](std::string_view user) -> std::optional<std::string> {
    if (user == "app") return NativePasswordHash("app");
    if (user == "nopass") return std::string();
    return std::nullopt;
  };
  SessionHandlerFactory sessions = [log](const ClientInfo& info) {
    std::lock_guard lock(log->mu);
    log->clients.push_back(info);
    return std::make_unique<FakeSession>();
  };
  auto server = std::make_unique<Server>(std::move(options), users, sessions);
  Status started = server->Start();
  if (!started.ok()) throw std::runtime_error(started.error().ToString());
  return server;
}

}  // namespace tessera::vtgate::mysql::testing
