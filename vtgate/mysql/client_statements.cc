// ClientConnection: the prepared-statement commands. A statement lives in
// the connection's PreparedStatements from COM_STMT_PREPARE to
// COM_STMT_CLOSE; its SQL text is handed to the SessionHandler again on each
// COM_STMT_EXECUTE together with the parameters as SQL literals.
//
// Cursors: a COM_STMT_EXECUTE that asks for one (any cursor flag) and
// returns rows opens a read-only cursor over the whole result, held by the
// statement: the answer is the column definitions and an EOF with
// SERVER_STATUS_CURSOR_EXISTS, and COM_STMT_FETCH sends the rows in
// batches. The next execution, COM_STMT_RESET or COM_STMT_CLOSE closes it.
#include <fmt/format.h>

#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/stmt_commands.h"
#include "vtgate/mysql/stmt_execute.h"
#include "vtgate/mysql/stmt_response_encoder.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

Error UnknownStatement(uint32_t id, std::string_view command) {
  return Error::Make(
      mysql_errno::kUnknownStmtHandler,
      fmt::format("Unknown prepared statement handler ({}) given to {}", id, command));
}

}  // namespace

asio::awaitable<void> ClientConnection::StmtPrepare(std::string_view sql, PacketWriter* w) {
  if (statements_.size() >= statements_.max_statements()) {
    EncodeErrorResponse(Error::Make(mysql_errno::kMaxPreparedStmtCount,
                                    fmt::format("Can't create more than max_prepared_stmt_count "
                                                "statements (current value: {})",
                                                statements_.max_statements())),
                        w);
    co_return;
  }
  std::string text(sql);  // `sql` points into the read buffer
  Result<PreparedInfo> info = co_await session_->Prepare(text);
  if (!info.ok()) {
    EncodeErrorResponse(info.error(), w);
    co_return;
  }
  if (info->columns.size() > 0xffff)
    info->columns.clear();  // cannot be described; sent at execution
  PreparedStatement* stmt = statements_.Add(std::move(text), info->param_count);
  EncodeStmtPrepareResponse(stmt->id, info->param_count, info->columns, client_capabilities_, w);
}

asio::awaitable<void> ClientConnection::StmtExecute(std::string_view argument, PacketWriter* w) {
  Result<StmtExecuteHeader> header = DecodeStmtExecuteHeader(argument);
  if (!header.ok()) {
    EncodeErrorResponse(header.error(), w);
    co_return;
  }
  PreparedStatement* stmt = statements_.Find(header->statement_id);
  if (stmt == nullptr) {
    EncodeErrorResponse(UnknownStatement(header->statement_id, "mysqld_stmt_execute"), w);
    co_return;
  }
  if (stmt->long_data_error) {
    Error error = *stmt->long_data_error;
    stmt->ResetLongData();
    EncodeErrorResponse(error, w);
    co_return;
  }
  Result<std::vector<std::string>> params =
      DecodeStmtExecuteParams(header->params, &stmt->param_types, stmt->long_data);
  stmt->ResetLongData();
  if (!params.ok()) {
    EncodeErrorResponse(params.error(), w);
    co_return;
  }
  stmt->CloseCursor();
  // Commands run one at a time, so `stmt` outlives the call.
  Result<ResultSet> result = co_await session_->ExecutePrepared(stmt->sql, *params);
  const bool wants_cursor = (header->flags & (cursor_flag::kReadOnly | cursor_flag::kForUpdate |
                                              cursor_flag::kScrollable)) != 0;
  if (wants_cursor && result.ok() && result->has_rows()) {
    stmt->cursor_columns = BinaryColumns(*result);
    stmt->cursor = std::move(result).value();
    EncodeCursorOpenResponse(stmt->cursor_columns, client_capabilities_, session_->StatusFlags(),
                             w);
    co_return;
  }
  EncodeExecuteResponse(result, client_capabilities_, session_->StatusFlags(), w);
}

void ClientConnection::StmtSendLongData(std::string_view argument) {
  Result<StmtLongData> data = DecodeStmtLongData(argument);
  if (!data.ok()) return;  // no answer; nothing to attach the error to
  PreparedStatement* stmt = statements_.Find(data->statement_id);
  if (stmt == nullptr || stmt->long_data_error) return;
  if (data->param_id >= stmt->param_count) {
    stmt->long_data_error = Error::Make(mysql_errno::kWrongArguments,
                                        "Incorrect arguments to mysqld_stmt_send_long_data");
    return;
  }
  stmt->long_data_bytes += data->data.size();
  if (stmt->long_data_bytes > deps_.options->max_allowed_packet) {
    stmt->long_data_error = Error::Make(
        mysql_errno::kNetPacketTooLarge,
        "Parameter of prepared statement which is set through mysql_send_long_data() is longer "
        "than 'max_allowed_packet' bytes");
    return;
  }
  auto& value = stmt->long_data[data->param_id];
  if (!value) value.emplace();
  value->append(data->data);
}

void ClientConnection::StmtReset(std::string_view argument, PacketWriter* w) {
  Result<uint32_t> id = DecodeStmtId(argument);
  if (!id.ok()) {
    EncodeErrorResponse(id.error(), w);
    return;
  }
  PreparedStatement* stmt = statements_.Find(*id);
  if (stmt == nullptr) {
    EncodeErrorResponse(UnknownStatement(*id, "mysqld_stmt_reset"), w);
    return;
  }
  stmt->ResetLongData();
  stmt->CloseCursor();
  EncodeOkResponse(session_->StatusFlags(), w);
}

void ClientConnection::StmtClose(std::string_view argument) {
  Result<uint32_t> id = DecodeStmtId(argument);
  if (id.ok()) statements_.Remove(*id);
}

void ClientConnection::StmtFetch(std::string_view argument, PacketWriter* w) {
  Result<StmtFetchRequest> fetch = DecodeStmtFetch(argument);
  if (!fetch.ok()) {
    EncodeErrorResponse(fetch.error(), w);
    return;
  }
  PreparedStatement* stmt = statements_.Find(fetch->statement_id);
  if (stmt == nullptr) {
    EncodeErrorResponse(UnknownStatement(fetch->statement_id, "mysqld_stmt_fetch"), w);
    return;
  }
  if (!stmt->cursor) {
    EncodeErrorResponse(
        Error::Make(mysql_errno::kStmtHasNoOpenCursor,
                    fmt::format("The statement ({}) has no open cursor.", fetch->statement_id)),
        w);
    return;
  }
  EncodeCursorFetchResponse(*stmt->cursor, stmt->cursor_columns, &stmt->cursor_next, fetch->rows,
                            client_capabilities_, session_->StatusFlags(), w);
  if (stmt->cursor_next >= stmt->cursor->rows.size()) stmt->CloseCursor();
}

}  // namespace tessera::vtgate::mysql
