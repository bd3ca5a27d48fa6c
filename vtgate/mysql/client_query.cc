// ClientConnection: COM_QUERY and COM_SET_OPTION.
//
// Multi statements: with CLIENT_MULTI_STATEMENTS (from the handshake or
// COM_SET_OPTION) a query text holding several statements is cut at its
// top-level `;` (sql::SplitStatements) and each statement is run in order.
// Each result is sent before the next statement runs; all but the last
// carry SERVER_MORE_RESULTS_EXISTS. An ERR ends the batch: the statements
// after the failing one are not run. Without the capability the text goes
// to the session whole, whose parser rejects a second statement with 1064.
#include <vector>

#include "sqlparser/statement_splitter.h"
#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/wire_reader.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

}  // namespace

asio::awaitable<bool> ClientConnection::Query(std::string_view sql) {
  std::vector<std::string_view> statements;
  if (multi_statements_) statements = sql::SplitStatements(sql);
  if (statements.size() <= 1) {
    // One statement (or none): the text goes as the client sent it.
    Result<ResultSet> result = co_await session_->Query(sql);
    PacketWriter w = stream_.StartResponse();
    EncodeQueryResponse(result, client_capabilities_, session_->StatusFlags(), &w);
    co_return co_await stream_.Send(w);
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    Result<ResultSet> result = co_await session_->Query(statements[i]);
    const bool last = i + 1 == statements.size() || !result.ok();
    uint16_t status = session_->StatusFlags();
    if (!last) status |= server_status::kMoreResultsExist;
    PacketWriter w = stream_.StartResponse();
    EncodeQueryResponse(result, client_capabilities_, status, &w);
    const bool sent = co_await stream_.Send(w);
    if (!sent) co_return false;
    if (last) break;
  }
  co_return true;
}

void ClientConnection::SetOption(std::string_view argument, PacketWriter* w) {
  WireReader reader(argument);
  uint16_t option = 0;
  if (!reader.Read(&option) || !reader.empty()) {
    EncodeErrorResponse(
        Error::Make(mysql_errno::kMalformedPacket, "Malformed communication packet"), w);
    return;
  }
  switch (static_cast<ServerOption>(option)) {
    case ServerOption::kMultiStatementsOn:
      multi_statements_ = true;
      break;
    case ServerOption::kMultiStatementsOff:
      multi_statements_ = false;
      break;
    default:
      EncodeErrorResponse(Error::Make(mysql_errno::kUnknownCom, "Unknown command"), w);
      return;
  }
  // Success is an EOF packet; under CLIENT_DEPRECATE_EOF, an OK packet
  // with the EOF header.
  if (client_capabilities_ & capability::kDeprecateEof) {
    EncodeOkPacket(OkPacket{0, 0, session_->StatusFlags(), 0, {}}, true, &w->Begin());
  } else {
    EncodeEofPacket(EofPacket{0, session_->StatusFlags()}, &w->Begin());
  }
  w->End();
}

}  // namespace tessera::vtgate::mysql
