// Prepared statements through the protocol server with a fake executor:
// MariaDB Connector/C's mysql_stmt_* API for every parameter and result
// type, long data, cursors and errors, and raw packets for malformed or
// unknown-statement commands.
#include <mysql.h>

#include <cstring>

#include <gtest/gtest.h>

#include "tests/integration/protocol/fake_session.h"
#include "tests/integration/protocol/raw_client.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/stmt_commands.h"
#include "vtgate/mysql/stmt_execute.h"
#include "vtgate/mysql/stmt_prepare_ok.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql::testing {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;
struct StmtCloser {
  void operator()(MYSQL_STMT* s) const { mysql_stmt_close(s); }
};
using Statement = std::unique_ptr<MYSQL_STMT, StmtCloser>;

class PreparedTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = StartFakeServer(&log_); }

  Connection Connect() {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 5;
    mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", "app", "app", nullptr, server_->port(), nullptr,
                            0)) {
      ADD_FAILURE() << mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  Statement Prepare(MYSQL* m, const std::string& sql) {
    Statement stmt(mysql_stmt_init(m));
    if (mysql_stmt_prepare(stmt.get(), sql.data(), sql.size()) != 0) {
      ADD_FAILURE() << "prepare " << sql << ": " << mysql_stmt_error(stmt.get());
      return nullptr;
    }
    return stmt;
  }

  // Executes and returns the first row's cells as strings ("<null>" for NULL).
  static std::vector<std::string> ExecuteStrings(MYSQL_STMT* stmt) {
    std::vector<std::string> out;
    if (mysql_stmt_execute(stmt) != 0) {
      ADD_FAILURE() << "execute: " << mysql_stmt_error(stmt);
      return out;
    }
    unsigned n = mysql_stmt_field_count(stmt);
    std::vector<std::vector<char>> buffers(n, std::vector<char>(1024));
    std::vector<unsigned long> lengths(n);
    std::vector<my_bool> nulls(n);
    std::vector<MYSQL_BIND> binds(n);
    for (unsigned i = 0; i < n; ++i) {
      binds[i].buffer_type = MYSQL_TYPE_STRING;
      binds[i].buffer = buffers[i].data();
      binds[i].buffer_length = buffers[i].size();
      binds[i].length = &lengths[i];
      binds[i].is_null = &nulls[i];
    }
    EXPECT_EQ(mysql_stmt_bind_result(stmt, binds.data()), 0);
    EXPECT_EQ(mysql_stmt_store_result(stmt), 0) << mysql_stmt_error(stmt);
    if (mysql_stmt_fetch(stmt) == 0) {
      for (unsigned i = 0; i < n; ++i) {
        out.push_back(nulls[i] ? "<null>" : std::string(buffers[i].data(), lengths[i]));
      }
    }
    EXPECT_EQ(mysql_stmt_fetch(stmt), MYSQL_NO_DATA);
    mysql_stmt_free_result(stmt);
    return out;
  }

  SessionLog log_;
  std::unique_ptr<Server> server_;
};

MYSQL_BIND Bind(enum_field_types type, void* buffer, unsigned long length = 0,
                bool is_unsigned = false) {
  MYSQL_BIND b;
  std::memset(&b, 0, sizeof(b));
  b.buffer_type = type;
  b.buffer = buffer;
  b.buffer_length = length;
  b.is_unsigned = is_unsigned;
  return b;
}

TEST_F(PreparedTest, EveryParameterTypeBecomesItsLiteral) {
  Connection m = Connect();
  ASSERT_TRUE(m);
  std::string sql = "select echo ?";
  for (int i = 1; i < 15; ++i) sql += ", ?";
  Statement stmt = Prepare(m.get(), sql);
  ASSERT_TRUE(stmt);
  ASSERT_EQ(mysql_stmt_param_count(stmt.get()), 15u);
  ASSERT_EQ(mysql_stmt_field_count(stmt.get()), 15u);

  signed char tiny = -5;
  unsigned char utiny = 250;
  short small = -300;
  int integer = -70000;
  unsigned long long ubig = 18446744073709551615ull;
  float f = 1.5f;
  double d = 0.1;
  char decimal[] = "12.50";
  MYSQL_TIME date{}, datetime{}, time{};
  date.year = 2024, date.month = 2, date.day = 29, date.time_type = MYSQL_TIMESTAMP_DATE;
  datetime.year = 2024, datetime.month = 2, datetime.day = 29, datetime.hour = 13;
  datetime.minute = 14, datetime.second = 15, datetime.second_part = 16;
  datetime.time_type = MYSQL_TIMESTAMP_DATETIME;
  time.neg = 1, time.hour = 25, time.minute = 2, time.second = 3, time.second_part = 500000;
  time.time_type = MYSQL_TIMESTAMP_TIME;
  char text[] = "it's";
  char blob[] = {'\0', '\xff', 'x'};
  long long ignored = 0;
  short year = 1999;

  std::vector<MYSQL_BIND> params = {
      Bind(MYSQL_TYPE_TINY, &tiny),
      Bind(MYSQL_TYPE_TINY, &utiny, 0, true),
      Bind(MYSQL_TYPE_SHORT, &small),
      Bind(MYSQL_TYPE_LONG, &integer),
      Bind(MYSQL_TYPE_LONGLONG, &ubig, 0, true),
      Bind(MYSQL_TYPE_FLOAT, &f),
      Bind(MYSQL_TYPE_DOUBLE, &d),
      Bind(MYSQL_TYPE_NEWDECIMAL, decimal, std::strlen(decimal)),
      Bind(MYSQL_TYPE_DATE, &date),
      Bind(MYSQL_TYPE_DATETIME, &datetime),
      Bind(MYSQL_TYPE_TIME, &time),
      Bind(MYSQL_TYPE_STRING, text, std::strlen(text)),
      Bind(MYSQL_TYPE_BLOB, blob, sizeof(blob)),
      Bind(MYSQL_TYPE_LONGLONG, &ignored),
      Bind(MYSQL_TYPE_SHORT, &year),
  };
  my_bool is_null = 1;
  params[13].is_null = &is_null;
  ASSERT_EQ(mysql_stmt_bind_param(stmt.get(), params.data()), 0);
  std::vector<std::string> expected = {"-5",
                                       "250",
                                       "-300",
                                       "-70000",
                                       "18446744073709551615",
                                       "1.5e0",
                                       "0.1e0",
                                       "12.50",
                                       "'2024-02-29'",
                                       "'2024-02-29 13:14:15.000016'",
                                       "'-25:02:03.500000'",
                                       "'it\\'s'",
                                       "X'00FF78'",
                                       "NULL",
                                       "1999"};
  EXPECT_EQ(ExecuteStrings(stmt.get()), expected);

  // Again with new values and no new binding: the types bound first are kept.
  tiny = 9;
  is_null = 0;
  ignored = -1;
  expected[0] = "9";
  expected[13] = "-1";
  EXPECT_EQ(ExecuteStrings(stmt.get()), expected);
}

TEST_F(PreparedTest, LongDataIsAccumulatedAndThenReset) {
  Connection m = Connect();
  ASSERT_TRUE(m);
  Statement stmt = Prepare(m.get(), "select echo ?, ?");
  ASSERT_TRUE(stmt);
  char small[] = "x";
  std::vector<MYSQL_BIND> params = {Bind(MYSQL_TYPE_BLOB, nullptr),
                                    Bind(MYSQL_TYPE_STRING, small, 1)};
  ASSERT_EQ(mysql_stmt_bind_param(stmt.get(), params.data()), 0);
  ASSERT_EQ(mysql_stmt_send_long_data(stmt.get(), 0, "part one, ", 10), 0);
  ASSERT_EQ(mysql_stmt_send_long_data(stmt.get(), 0, "part 'two'", 10), 0);
  EXPECT_EQ(ExecuteStrings(stmt.get()),
            (std::vector<std::string>{"'part one, part \\'two\\''", "'x'"}));

  // Long data sent and then reset is discarded.
  ASSERT_EQ(mysql_stmt_send_long_data(stmt.get(), 1, "dropped", 7), 0);
  ASSERT_EQ(mysql_stmt_reset(stmt.get()), 0) << mysql_stmt_error(stmt.get());
  ASSERT_EQ(mysql_stmt_send_long_data(stmt.get(), 0, "again", 5), 0);
  EXPECT_EQ(ExecuteStrings(stmt.get()), (std::vector<std::string>{"'again'", "'x'"}));
}

TEST_F(PreparedTest, BinaryResultOfEveryType) {
  Connection m = Connect();
  ASSERT_TRUE(m);
  Statement stmt = Prepare(m.get(), "select types");
  ASSERT_TRUE(stmt);
  ASSERT_EQ(mysql_stmt_field_count(stmt.get()), 14u);
  ASSERT_EQ(mysql_stmt_execute(stmt.get()), 0) << mysql_stmt_error(stmt.get());

  signed char tiny = 0;
  unsigned short ushort = 0;
  int integer = 0;
  unsigned long long ubig = 0;
  float f = 0;
  double d = 0;
  char decimal[32] = {};
  MYSQL_TIME date{}, datetime{}, time{};
  short year = 0;
  char text[32] = {};
  long long null_value = 0, misfit_number = 0;
  char misfit[32] = {};
  unsigned long decimal_length = 0, text_length = 0, misfit_length = 0;
  my_bool nulls[14] = {};
  (void)misfit_number;
  std::vector<MYSQL_BIND> r = {
      Bind(MYSQL_TYPE_TINY, &tiny),
      Bind(MYSQL_TYPE_SHORT, &ushort, 0, true),
      Bind(MYSQL_TYPE_LONG, &integer),
      Bind(MYSQL_TYPE_LONGLONG, &ubig, 0, true),
      Bind(MYSQL_TYPE_FLOAT, &f),
      Bind(MYSQL_TYPE_DOUBLE, &d),
      Bind(MYSQL_TYPE_STRING, decimal, sizeof(decimal)),
      Bind(MYSQL_TYPE_DATE, &date),
      Bind(MYSQL_TYPE_DATETIME, &datetime),
      Bind(MYSQL_TYPE_TIME, &time),
      Bind(MYSQL_TYPE_SHORT, &year),
      Bind(MYSQL_TYPE_STRING, text, sizeof(text)),
      Bind(MYSQL_TYPE_LONGLONG, &null_value),
      Bind(MYSQL_TYPE_STRING, misfit, sizeof(misfit)),
  };
  r[6].length = &decimal_length;
  r[11].length = &text_length;
  r[13].length = &misfit_length;
  for (size_t i = 0; i < r.size(); ++i) r[i].is_null = &nulls[i];
  ASSERT_EQ(mysql_stmt_bind_result(stmt.get(), r.data()), 0) << mysql_stmt_error(stmt.get());
  ASSERT_EQ(mysql_stmt_fetch(stmt.get()), 0) << mysql_stmt_error(stmt.get());

  EXPECT_EQ(tiny, -7);
  EXPECT_EQ(ushort, 65535);
  EXPECT_EQ(integer, -2147483647 - 1);
  EXPECT_EQ(ubig, 18446744073709551615ull);
  EXPECT_EQ(f, 1.5f);
  EXPECT_EQ(d, -2.25);
  EXPECT_EQ(std::string(decimal, decimal_length), "12345.678");
  EXPECT_EQ(date.year, 2024u);
  EXPECT_EQ(date.month, 2u);
  EXPECT_EQ(date.day, 29u);
  EXPECT_EQ(datetime.hour, 13u);
  EXPECT_EQ(datetime.minute, 14u);
  EXPECT_EQ(datetime.second, 15u);
  EXPECT_EQ(datetime.second_part, 16u);
  EXPECT_TRUE(time.neg);
  EXPECT_EQ(time.hour, 838u);
  EXPECT_EQ(time.minute, 59u);
  EXPECT_EQ(year, 2024);
  EXPECT_EQ(std::string(text, text_length), "hello");
  EXPECT_TRUE(nulls[12]);
  EXPECT_FALSE(nulls[11]);
  EXPECT_EQ(std::string(misfit, misfit_length), "n/a");
  EXPECT_EQ(mysql_stmt_fetch(stmt.get()), MYSQL_NO_DATA);

  MYSQL_RES* meta = mysql_stmt_result_metadata(stmt.get());
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(mysql_fetch_field_direct(meta, 13)->type, MYSQL_TYPE_VAR_STRING);
  EXPECT_EQ(mysql_fetch_field_direct(meta, 3)->type, MYSQL_TYPE_LONGLONG);
  mysql_free_result(meta);
}

TEST_F(PreparedTest, ReadOnlyCursorFetchesInBatches) {
  Connection m = Connect();
  ASSERT_TRUE(m);
  Statement stmt = Prepare(m.get(), "select many");
  ASSERT_TRUE(stmt);
  unsigned long cursor = CURSOR_TYPE_READ_ONLY;
  unsigned long prefetch = 64;
  ASSERT_EQ(mysql_stmt_attr_set(stmt.get(), STMT_ATTR_CURSOR_TYPE, &cursor), 0);
  ASSERT_EQ(mysql_stmt_attr_set(stmt.get(), STMT_ATTR_PREFETCH_ROWS, &prefetch), 0);
  for (int round = 0; round < 2; ++round) {  // re-executing closes and reopens the cursor
    ASSERT_EQ(mysql_stmt_execute(stmt.get()), 0) << mysql_stmt_error(stmt.get());
    char value[16];
    unsigned long length = 0;
    MYSQL_BIND result = Bind(MYSQL_TYPE_STRING, value, sizeof(value));
    result.length = &length;
    ASSERT_EQ(mysql_stmt_bind_result(stmt.get(), &result), 0);
    int rows = 0;
    int status = 0;
    while ((status = mysql_stmt_fetch(stmt.get())) == 0) {
      ASSERT_EQ(std::string(value, length), std::to_string(rows));
      ++rows;
    }
    EXPECT_EQ(status, MYSQL_NO_DATA) << mysql_stmt_error(stmt.get());
    EXPECT_EQ(rows, 10000);
    mysql_stmt_free_result(stmt.get());
  }
  EXPECT_EQ(mysql_ping(m.get()), 0);

  // A cursor over a one-row result, read with store_result.
  Statement echo = Prepare(m.get(), "select echo ?");
  ASSERT_TRUE(echo);
  ASSERT_EQ(mysql_stmt_attr_set(echo.get(), STMT_ATTR_CURSOR_TYPE, &cursor), 0);
  long long v = 42;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &v);
  ASSERT_EQ(mysql_stmt_bind_param(echo.get(), &param), 0);
  EXPECT_EQ(ExecuteStrings(echo.get()), (std::vector<std::string>{"42"}));
}

TEST_F(PreparedTest, StatementWithoutResultAndErrors) {
  Connection m = Connect();
  ASSERT_TRUE(m);
  Statement insert = Prepare(m.get(), "insert");
  ASSERT_TRUE(insert);
  EXPECT_EQ(mysql_stmt_field_count(insert.get()), 0u);
  ASSERT_EQ(mysql_stmt_execute(insert.get()), 0) << mysql_stmt_error(insert.get());
  EXPECT_EQ(mysql_stmt_affected_rows(insert.get()), 3u);
  EXPECT_EQ(mysql_stmt_insert_id(insert.get()), 42u);

  Statement failing(mysql_stmt_init(m.get()));
  EXPECT_NE(mysql_stmt_prepare(failing.get(), "fail now", 8), 0);
  EXPECT_EQ(mysql_stmt_errno(failing.get()), 1146u);
  EXPECT_STREQ(mysql_stmt_sqlstate(failing.get()), "42S02");

  // Prepared fine, fails when executed: the executor's error comes back.
  Statement unknown = Prepare(m.get(), "nonsense ?");
  ASSERT_TRUE(unknown);
  long long v = 1;
  MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &v);
  ASSERT_EQ(mysql_stmt_bind_param(unknown.get(), &param), 0);
  EXPECT_NE(mysql_stmt_execute(unknown.get()), 0);
  EXPECT_EQ(mysql_stmt_errno(unknown.get()), 1064u);
  EXPECT_EQ(mysql_ping(m.get()), 0);
}

TEST_F(PreparedTest, ManyStatementsOnOneConnection) {
  Connection m = Connect();
  ASSERT_TRUE(m);
  for (int i = 0; i < 200; ++i) {
    Statement stmt = Prepare(m.get(), "select echo ?");
    ASSERT_TRUE(stmt);
    long long v = i;
    MYSQL_BIND param = Bind(MYSQL_TYPE_LONGLONG, &v);
    ASSERT_EQ(mysql_stmt_bind_param(stmt.get(), &param), 0);
    ASSERT_EQ(ExecuteStrings(stmt.get()), (std::vector<std::string>{std::to_string(i)}));
  }
}

// ---- raw packets ----------------------------------------------------------

uint16_t ErrCode(const std::optional<std::string>& p) {
  if (!p) return 0;
  Result<ErrPacket> err = DecodeErrPacket(*p);
  return err.ok() ? err->error.code : 0;
}

std::string Command(CommandCode code, std::string_view argument) {
  std::string payload;
  EncodeCommand(code, argument, &payload);
  return payload;
}

std::string Id(uint32_t id) {
  std::string out;
  AppendU32(&out, id);
  return out;
}

TEST_F(PreparedTest, RawUnknownAndMalformedStatementCommands) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.connected());
  std::optional<std::string> login = c.Login("app", "app");
  ASSERT_TRUE(login && DecodeOkPacket(*login).ok());

  std::string execute;
  EncodeStmtExecute(99, 0, {}, true, &execute);
  ASSERT_TRUE(c.SendPacket(execute, 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1243);

  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtExecute, "\x01\x00"), 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1158);

  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtReset, Id(99)), 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1243);
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtReset, "\x01"), 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1158);

  // Prepare one statement with two parameters.
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtPrepare, "select echo ?, ?"), 0));
  std::optional<std::string> ok = c.ReadPacket();
  ASSERT_TRUE(ok);
  Result<StmtPrepareOk> prepared = DecodeStmtPrepareOk(*ok);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->param_count, 2u);
  EXPECT_EQ(prepared->column_count, 2u);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(c.ReadPacket());  // 2 params + 2 columns, no EOFs
  const uint32_t id = prepared->statement_id;

  // A first execution that binds no types.
  std::string unbound;
  EncodeStmtExecute(id, 0,
                    {{{FieldType::kLongLong, false}, std::string(8, '\0')},
                     {{FieldType::kLongLong, false}, std::string(8, '\0')}},
                    false, &unbound);
  ASSERT_TRUE(c.SendPacket(unbound, 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1210);

  // Parameter values cut short.
  std::string cut;
  EncodeStmtExecute(id, 0,
                    {{{FieldType::kLongLong, false}, std::string(8, '\0')},
                     {{FieldType::kLongLong, false}, std::string(8, '\0')}},
                    true, &cut);
  cut.resize(cut.size() - 3);
  ASSERT_TRUE(c.SendPacket(cut, 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1158);

  // Long data for a parameter that does not exist fails the next execution.
  std::string long_data;
  EncodeStmtLongData(StmtLongData{id, 5, "x"}, &long_data);
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtSendLongData, long_data), 0));
  std::string good;
  EncodeStmtExecute(
      id, 0, {{{FieldType::kNull, false}, std::nullopt}, {{FieldType::kNull, false}, std::nullopt}},
      true, &good);
  ASSERT_TRUE(c.SendPacket(good, 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1210);

  // No cursor is ever open.
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtFetch, Id(id) + Id(10)), 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1421);

  // COM_STMT_CLOSE has no answer: the next answer is the ping's OK.
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kStmtClose, Id(id)), 0));
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kPing, ""), 0));
  std::optional<std::string> pong = c.ReadPacket();
  ASSERT_TRUE(pong);
  EXPECT_TRUE(DecodeOkPacket(*pong).ok());
  ASSERT_TRUE(c.SendPacket(good, 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1243);
}

}  // namespace
}  // namespace tessera::vtgate::mysql::testing
