// Session: prepared statements. Prepare parses the statement once, counts
// its `?` and, for a SELECT/UNION, learns its result columns by running it
// with NULL parameters and LIMIT 0 through the ordinary query path (so
// routing and keyspace qualifiers behave as for the real execution; a
// sharded statement reaches one shard or scatters, returning no rows).
// ExecutePrepared binds the parameter literals into the parsed statement
// and runs the text through Query(), like a COM_QUERY.
#include "vtgate/session.h"

namespace tessera::vtgate {
namespace asio = boost::asio;

namespace {

constexpr size_t kMaxParams = 0xffff;

}  // namespace

asio::awaitable<Result<mysql::PreparedInfo>> Session::Prepare(std::string_view sql) {
  auto parsed = worker_.parser().Parse(sql);
  if (!parsed.ok()) co_return parsed.error();
  Status preparable = CheckPreparable(**parsed);
  if (!preparable.ok()) co_return preparable.error();
  ParsedPreparedStatement entry{std::move(parsed).value(), 0};
  entry.param_count = CountPlaceholders(*entry.stmt);
  if (entry.param_count > kMaxParams) {
    co_return Error::Make(mysql_errno::kPsManyParam,
                          "Prepared statement contains too many placeholders");
  }
  mysql::PreparedInfo info;
  info.param_count = static_cast<uint16_t>(entry.param_count);
  std::optional<std::string> metadata = MetadataQuery(*entry.stmt);
  prepared_.Insert(std::string(sql), std::move(entry));
  if (metadata) {
    Result<ResultSet> result = co_await Query(*metadata);
    if (result.ok()) {
      info.columns = std::move(result->fields);
    } else if (result.error().code != mysql_errno::kParse) {
      // A NULL in place of a `?` can make the probe unparsable (LIMIT ? in a
      // subquery); the columns are then only learnt at execution.
      co_return result.error();
    }
  }
  co_return info;
}

asio::awaitable<Result<ResultSet>> Session::ExecutePrepared(
    std::string_view sql, const std::vector<std::string>& params) {
  const ParsedPreparedStatement* entry = prepared_.Find(sql);
  if (entry == nullptr) {
    // Evicted from the bounded cache since it was prepared.
    auto parsed = worker_.parser().Parse(sql);
    if (!parsed.ok()) co_return parsed.error();
    ParsedPreparedStatement fresh{std::move(parsed).value(), 0};
    fresh.param_count = CountPlaceholders(*fresh.stmt);
    entry = &prepared_.Insert(std::string(sql), std::move(fresh));
  }
  if (params.size() != entry->param_count) {
    co_return Error::Make(mysql_errno::kWrongArguments,
                          "Incorrect arguments to mysqld_stmt_execute");
  }
  std::string text = BindPlaceholders(*entry->stmt, params);
  co_return co_await Query(text);
}

}  // namespace tessera::vtgate
