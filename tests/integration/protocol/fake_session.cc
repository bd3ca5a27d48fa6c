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

// "select types": one column per binary encoding, and one row.
ResultSet TypedRow() {
  ResultSet rs;
  rs.fields = {Column("tiny", FieldType::kTiny),
               Column("ushort", FieldType::kShort, field_flag::kUnsigned),
               Column("long", FieldType::kLong),
               Column("ubig", FieldType::kLongLong, field_flag::kUnsigned),
               Column("float", FieldType::kFloat),
               Column("double", FieldType::kDouble),
               Column("decimal", FieldType::kNewDecimal),
               Column("date", FieldType::kDate),
               Column("datetime", FieldType::kDateTime),
               Column("time", FieldType::kTime),
               Column("year", FieldType::kYear, field_flag::kUnsigned),
               Column("text", FieldType::kVarString),
               Column("null", FieldType::kLongLong),
               Column("misfit", FieldType::kLongLong)};
  rs.fields[8].decimals = 6;
  rs.rows = {{std::string("-7"), std::string("65535"), std::string("-2147483648"),
              std::string("18446744073709551615"), std::string("1.5"), std::string("-2.25"),
              std::string("12345.678"), std::string("2024-02-29"),
              std::string("2024-02-29 13:14:15.000016"), std::string("-838:59:59"),
              std::string("2024"), std::string("hello"), std::nullopt, std::string("n/a")}};
  return rs;
}

size_t CountMarks(std::string_view sql) {
  size_t n = 0;
  for (char c : sql) n += c == '?';
  return n;
}

}  // namespace

boost::asio::awaitable<Result<PreparedInfo>> FakeSession::Prepare(std::string_view sql) {
  if (sql.starts_with("fail")) {
    co_return Error::Make(mysql_errno::kNoSuchTable, "Table 'commerce.nope' doesn't exist");
  }
  PreparedInfo info;
  info.param_count = static_cast<uint16_t>(CountMarks(sql));
  if (sql.starts_with("select echo")) {
    for (size_t i = 0; i < info.param_count; ++i) {
      info.columns.push_back(Column("p" + std::to_string(i), FieldType::kVarString));
    }
  } else if (sql == "select types") {
    info.columns = TypedRow().fields;
  } else if (sql == "select many") {
    info.columns = {Column("n", FieldType::kVarString)};
  }
  co_return info;
}

boost::asio::awaitable<Result<ResultSet>> FakeSession::ExecutePrepared(
    std::string_view sql, const std::vector<std::string>& params) {
  if (sql.starts_with("select echo")) {
    ResultSet rs;
    Row row;
    for (size_t i = 0; i < params.size(); ++i) {
      rs.fields.push_back(Column("p" + std::to_string(i), FieldType::kVarString));
      row.emplace_back(params[i]);
    }
    rs.rows.push_back(std::move(row));
    co_return rs;
  }
  if (sql == "select types") co_return TypedRow();
  co_return co_await Query(sql);
}

boost::asio::awaitable<Result<ResultSet>> FakeSession::Query(std::string_view sql) {
  ResultSet rs;
  if (sql == "select 1") {
    rs.fields = {Column("1", FieldType::kLongLong, field_flag::kNotNull | field_flag::kNum)};
    rs.rows = {{std::string("1")}};
  } else if (sql == "select rows" || sql == "SELECT * FROM `rows` LIMIT 0") {
    rs.fields = {Column("id", FieldType::kLongLong, field_flag::kNotNull | field_flag::kNum),
                 Column("name", FieldType::kVarString)};
    if (sql == "select rows") {
      rs.rows = {{std::string("1"), std::string("alice")},
                 {std::string("2"), std::nullopt},
                 {std::string("3"), std::string("")}};
    }
  } else if (sql == "select many") {
    rs.fields = {Column("n", FieldType::kVarString)};
    for (int i = 0; i < 10000; ++i) rs.rows.push_back({std::to_string(i)});
  } else if (sql.starts_with("select length")) {
    rs.fields = {Column("length", FieldType::kLongLong)};
    rs.rows = {{std::to_string(sql.size())}};
  } else if (sql == "select db") {
    rs.fields = {Column("db", FieldType::kVarString)};
    rs.rows = {{database_}};
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

boost::asio::awaitable<void> FakeSession::Close() {
  if (log_ != nullptr) {
    std::lock_guard lock(log_->mu);
    ++log_->closed;
  }
  co_return;
}

uint16_t FakeSession::StatusFlags() const {
  return server_status::kAutocommit;
}

std::unique_ptr<Server> StartFakeServer(SessionLog* log) {
  ServerOptions options;
  return StartFakeServer(log, std::move(options));
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
    return std::make_unique<FakeSession>(log);
  };
  auto server = std::make_unique<Server>(std::move(options), users, sessions);
  Status started = server->Start();
  if (!started.ok()) throw std::runtime_error(started.error().ToString());
  return server;
}

}  // namespace tessera::vtgate::mysql::testing
