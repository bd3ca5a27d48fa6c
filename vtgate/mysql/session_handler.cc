#include "vtgate/mysql/session_handler.h"

#include "common/sql_string.h"

namespace tessera::vtgate::mysql {
namespace {

Error Unsupported() {
  return Error::Make(mysql_errno::kUnsupportedPs,
                     "This command is not supported in the prepared statement protocol yet");
}

}  // namespace

boost::asio::awaitable<Result<PreparedInfo>> SessionHandler::Prepare(std::string_view /*sql*/) {
  co_return Unsupported();
}

boost::asio::awaitable<Result<ResultSet>> SessionHandler::ExecutePrepared(
    std::string_view /*sql*/, const std::vector<std::string>& /*params*/) {
  co_return Unsupported();
}

std::string SessionHandler::Database() const {
  return {};
}

boost::asio::awaitable<void> SessionHandler::Close() {
  co_return;
}

boost::asio::awaitable<Result<std::vector<Field>>> SessionHandler::Columns(std::string_view table) {
  const std::string sql = "SELECT * FROM " + QuoteSqlIdentifier(table) + " LIMIT 0";
  Result<ResultSet> result = co_await Query(sql);
  if (!result.ok()) co_return std::move(result).error();
  co_return std::move(result->fields);
}

void SessionHandler::Interrupt() {}

}  // namespace tessera::vtgate::mysql
