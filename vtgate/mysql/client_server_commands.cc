// ClientConnection: the server-level commands COM_STATISTICS,
// COM_PROCESS_KILL, COM_PROCESS_INFO and COM_FIELD_LIST.
#include <fmt/format.h>

#include "common/like_match.h"
#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/column_definition.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

Error Malformed() {
  return Error::Make(mysql_errno::kMalformedPacket, "Malformed communication packet");
}

}  // namespace

void ClientConnection::Statistics(PacketWriter* w) {
  // The line MariaDB's COM_STATISTICS answers with, in the same order, as
  // a bare string packet. vtgate keeps no table cache: those counters are 0.
  const uint64_t uptime = deps_.clients->uptime_seconds();
  const uint64_t questions = deps_.clients->questions();
  const double per_second = uptime == 0 ? 0.0 : static_cast<double>(questions) / uptime;
  w->Write(fmt::format(
      "Uptime: {}  Threads: {}  Questions: {}  Slow queries: 0  Opens: 0  Open tables: 0  "
      "Queries per second avg: {:.3f}",
      uptime, deps_.clients->live(), questions, per_second));
}

asio::awaitable<bool> ClientConnection::ProcessKill(std::string_view argument, PacketWriter* w) {
  WireReader reader(argument);
  uint32_t id = 0;
  if (!reader.Read(&id) || !reader.empty()) {
    EncodeErrorResponse(Malformed(), w);
    co_return true;
  }
  if (id == info_.connection_id) {
    // Killing oneself: the answer is the error a killed connection gets.
    co_await SendErrorAndClose(
        Error::Make(mysql_errno::kConnectionKilled, "Connection was killed"));
    co_return false;
  }
  Status killed = deps_.clients->Kill(id, KillScope::kConnection, info_.user);
  if (killed.ok()) {
    EncodeOkResponse(session_->StatusFlags(), w);
  } else {
    EncodeErrorResponse(killed.error(), w);
  }
  co_return true;
}

asio::awaitable<bool> ClientConnection::ProcessList() {
  Result<ResultSet> result = co_await session_->Query("SHOW PROCESSLIST");
  PacketWriter w = stream_.StartResponse();
  EncodeQueryResponse(result, client_capabilities_, session_->StatusFlags(), &w);
  co_return co_await stream_.Send(w);
}

asio::awaitable<void> ClientConnection::FieldList(std::string_view argument, PacketWriter* w) {
  // table NUL wildcard: the wildcard is a LIKE pattern on column names.
  WireReader reader(argument);
  std::string_view table;
  if (!reader.ReadNulString(&table) || table.empty()) {
    EncodeErrorResponse(Malformed(), w);
    co_return;
  }
  const std::string_view wildcard = reader.ReadNulOrRest();
  // Copies: `argument` points into the read buffer, valid while we wait.
  const std::string table_name(table);
  const std::string pattern(wildcard);
  Result<std::vector<Field>> columns = co_await session_->Columns(table_name);
  if (!columns.ok()) {
    EncodeErrorResponse(columns.error(), w);
    co_return;
  }
  for (const Field& field : *columns) {
    if (!pattern.empty() && !LikeMatch(field.name, pattern)) continue;
    std::string& out = w->Begin();
    EncodeColumnDefinition(field, &out);
    AppendU8(&out, kNullValue);  // the column's default, which vtgate does not know
    w->End();
  }
  // COM_FIELD_LIST ends with EOF; under CLIENT_DEPRECATE_EOF, with an OK
  // packet carrying the EOF header.
  if (client_capabilities_ & capability::kDeprecateEof) {
    EncodeOkPacket(OkPacket{0, 0, session_->StatusFlags(), 0, {}}, true, &w->Begin());
  } else {
    EncodeEofPacket(EofPacket{0, session_->StatusFlags()}, &w->Begin());
  }
  w->End();
}

}  // namespace tessera::vtgate::mysql
