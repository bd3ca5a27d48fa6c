// ClientConnection: COM_CHANGE_USER and COM_RESET_CONNECTION. Both end the
// current session (SessionHandler::Close rolls its transaction back) and
// put a fresh one from the factory in its place, so user variables, session
// variables, autocommit, branch choices and prepared statements all start
// over. COM_CHANGE_USER authenticates the new user first, with the same
// plugins and the same scramble as the greeting, and starts in the database
// the packet names; COM_RESET_CONNECTION keeps the user and the current
// database.
//
// No co_await inside an if condition here (see client_auth.cc).
#include <spdlog/spdlog.h>

#include "vtgate/mysql/change_user.h"
#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/response_encoder.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

}  // namespace

asio::awaitable<bool> ClientConnection::ChangeUser(std::string_view argument) {
  Result<ChangeUserRequest> change = DecodeChangeUser(argument, client_capabilities_);
  if (!change.ok()) {
    co_await SendErrorAndClose(change.error());
    co_return false;
  }
  info_.user = change->user;
  std::string plugin;
  if (client_capabilities_ & capability::kPluginAuth) plugin = std::move(change->auth_plugin);
  const bool authenticated =
      co_await Authenticate(scramble_, plugin, std::move(change->auth_response));
  if (!authenticated) co_return false;
  deps_.log->debug("connection {}: changed user to '{}'", info_.connection_id, info_.user);
  co_return co_await RenewSession(std::move(change->database));
}

asio::awaitable<bool> ClientConnection::ResetConnection() {
  co_return co_await RenewSession(session_->Database());
}

asio::awaitable<bool> ClientConnection::OpenSession() {
  session_ = (*deps_.sessions)(info_);
  if (!session_) {
    co_await SendErrorAndClose(Error::Internal("No session available"));
    co_return false;
  }
  if (!info_.database.empty()) {
    Status used = session_->UseDatabase(info_.database);
    if (!used.ok()) {
      co_await SendErrorAndClose(used.error());
      co_return false;
    }
  }
  activity_->SetLogin(info_.user, info_.database);
  co_return true;
}

asio::awaitable<bool> ClientConnection::RenewSession(std::string database) {
  co_await session_->Close();
  session_.reset();
  statements_.Clear();
  info_.database = std::move(database);
  const bool opened = co_await OpenSession();
  if (!opened) co_return false;
  PacketWriter w = stream_.StartResponse();
  EncodeOkResponse(session_->StatusFlags(), &w);
  co_return co_await stream_.Send(w);
}

}  // namespace tessera::vtgate::mysql
