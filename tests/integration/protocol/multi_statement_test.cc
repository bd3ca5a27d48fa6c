// Several statements in one COM_QUERY, driven by MariaDB Connector/C against
// the protocol server with FakeSession (see fake_session.h for its answers).
#include <mysql.h>

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/protocol/fake_session.h"
#include "tests/integration/protocol/raw_client.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"

namespace tessera::vtgate::mysql::testing {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;

// One answer of a (possibly multi-statement) query.
struct Answer {
  unsigned error = 0;               // mysql_errno, 0 on success
  std::string first_cell;           // first row's first cell of a result set
  unsigned long long affected = 0;  // of an OK answer
  bool more = false;                // SERVER_MORE_RESULTS_EXISTS was set
};

class MultiStatementTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = StartFakeServer(&log_); }

  Connection Connect(unsigned long flags) {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 5;
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", "app", "app", nullptr, server_->port(), nullptr,
                            flags)) {
      ADD_FAILURE() << mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  // Runs `sql` and collects every answer up to the last one or the first error.
  static std::vector<Answer> Run(MYSQL* m, const std::string& sql) {
    std::vector<Answer> answers;
    int status = mysql_real_query(m, sql.data(), sql.size());
    for (;;) {
      Answer a;
      if (status != 0) {
        a.error = ::mysql_errno(m);
        answers.push_back(a);
        return answers;
      }
      MYSQL_RES* res = mysql_store_result(m);
      if (res != nullptr) {
        MYSQL_ROW row = mysql_fetch_row(res);
        if (row != nullptr && row[0] != nullptr) a.first_cell = row[0];
        mysql_free_result(res);
      } else {
        a.affected = mysql_affected_rows(m);
      }
      a.more = mysql_more_results(m);
      answers.push_back(a);
      if (!a.more) return answers;
      status = mysql_next_result(m);
      if (status == -1) return answers;
    }
  }

  SessionLog log_;
  std::unique_ptr<Server> server_;
};

TEST_F(MultiStatementTest, EachStatementAnswersInOrder) {
  Connection m = Connect(CLIENT_MULTI_STATEMENTS);
  ASSERT_TRUE(m);
  std::vector<Answer> answers = Run(m.get(), "select 1; insert ;select rows;");
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].error, 0u);
  EXPECT_EQ(answers[0].first_cell, "1");
  EXPECT_TRUE(answers[0].more);
  EXPECT_EQ(answers[1].error, 0u);
  EXPECT_EQ(answers[1].affected, 3u);
  EXPECT_TRUE(answers[1].more);
  EXPECT_EQ(answers[2].first_cell, "1");  // (1, 'alice')
  EXPECT_FALSE(answers[2].more);
  // The connection is in step afterwards.
  std::vector<Answer> next = Run(m.get(), "select 1");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].first_cell, "1");
}

TEST_F(MultiStatementTest, QuotesAndCommentsDoNotSplit) {
  Connection m = Connect(CLIENT_MULTI_STATEMENTS);
  ASSERT_TRUE(m);
  // "select length ..." answers the byte length of the statement it received.
  std::vector<Answer> answers =
      Run(m.get(), "select length 'a;b' `c;d` /* ; */ \"e;f\"; select length -- x;y\n");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].first_cell,
            std::to_string(std::string("select length 'a;b' `c;d` /* ; */ \"e;f\"").size()));
  EXPECT_EQ(answers[1].first_cell, std::to_string(std::string("select length -- x;y").size()));
}

TEST_F(MultiStatementTest, AnErrorEndsTheBatch) {
  Connection m = Connect(CLIENT_MULTI_STATEMENTS);
  ASSERT_TRUE(m);
  std::vector<Answer> answers = Run(m.get(), "select 1; fail; insert");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].first_cell, "1");
  EXPECT_TRUE(answers[0].more);
  EXPECT_EQ(answers[1].error, 1146u);
  EXPECT_STREQ(mysql_sqlstate(m.get()), "42S02");
  EXPECT_FALSE(mysql_more_results(m.get()));
  std::vector<Answer> next = Run(m.get(), "select 1");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].first_cell, "1");
}

TEST_F(MultiStatementTest, WithoutTheCapabilityTheTextGoesWhole) {
  Connection m = Connect(0);
  ASSERT_TRUE(m);
  // The fake session knows no "select 1; select 1" and answers 1064.
  std::vector<Answer> answers = Run(m.get(), "select 1; select 1");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].error, 1064u);
  // A single statement with a final `;` is passed as sent.
  answers = Run(m.get(), "select length;");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].first_cell, "14");
}

TEST_F(MultiStatementTest, SetOptionTurnsMultiStatementsOnAndOff) {
  Connection m = Connect(0);
  ASSERT_TRUE(m);
  ASSERT_EQ(mysql_set_server_option(m.get(), MYSQL_OPTION_MULTI_STATEMENTS_ON), 0)
      << mysql_error(m.get());
  std::vector<Answer> answers = Run(m.get(), "select 1; insert");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[1].affected, 3u);
  ASSERT_EQ(mysql_set_server_option(m.get(), MYSQL_OPTION_MULTI_STATEMENTS_OFF), 0)
      << mysql_error(m.get());
  answers = Run(m.get(), "select 1; insert");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].error, 1064u);
}

std::string Command(CommandCode code, std::string_view argument) {
  std::string payload;
  EncodeCommand(code, argument, &payload);
  return payload;
}

TEST_F(MultiStatementTest, BadSetOptionIsAnErrorAndTheConnectionLives) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.Login("app", "app"));
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kSetOption, std::string("\x00", 1)), 0));
  std::optional<std::string> reply = c.ReadPacket();
  ASSERT_TRUE(reply);
  Result<ErrPacket> err = DecodeErrPacket(*reply);
  ASSERT_TRUE(err.ok());
  EXPECT_EQ(err->error.code, 1835);
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kSetOption, std::string("\x07\x00", 2)), 0));
  reply = c.ReadPacket();
  ASSERT_TRUE(reply);
  err = DecodeErrPacket(*reply);
  ASSERT_TRUE(err.ok());
  EXPECT_EQ(err->error.code, 1047);
  EXPECT_EQ(err->error.sql_state, "08S01");
  // The raw client negotiated CLIENT_DEPRECATE_EOF: success is an OK with
  // the EOF header.
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kSetOption, std::string("\x00\x00", 2)), 0));
  reply = c.ReadPacket();
  ASSERT_TRUE(reply);
  EXPECT_TRUE(IsEndOfRows(*reply));
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kQuery, "insert;insert"), 0));
  for (int i = 0; i < 2; ++i) {
    reply = c.ReadPacket();
    ASSERT_TRUE(reply);
    Result<OkPacket> ok = DecodeOkPacket(*reply);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->affected_rows, 3u);
    EXPECT_EQ((ok->status_flags & server_status::kMoreResultsExist) != 0, i == 0);
  }
}

}  // namespace
}  // namespace tessera::vtgate::mysql::testing
