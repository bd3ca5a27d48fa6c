#include "vtgate/mysql/session_handler.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr uint16_t kUnsupportedPs = 1295;  // ER_UNSUPPORTED_PS

Error Unsupported() {
  return Error::Make(kUnsupportedPs,
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

}  // namespace tessera::vtgate::mysql
