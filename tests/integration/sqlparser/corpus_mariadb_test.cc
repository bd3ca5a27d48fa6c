// The SQL corpus checked against a real MariaDB: every statement of
// tests/unit/sqlparser/corpus/*.sql (except tessera.sql, Tessera's own
// statements) must pass MariaDB's parser, and every line of
// tests/unit/sqlparser/invalid.sql must be refused with 1064.
//
// Each corpus file runs on a fresh connection after fixture.sql has rebuilt
// the databases and tables the corpus refers to, so most statements really
// execute. Only the syntax is judged: a statement passes unless MariaDB
// answers with a parse error; other errors (unknown table, duplicate key,
// ...) are counted and listed. Statements holding a `?` placeholder are sent
// with mysql_stmt_prepare (binary protocol), the others with mysql_real_query
// and all their result sets are consumed.
#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/local/mariadb_instance.h"
#include "cli/local/temp_dir.h"
#include "tests/unit/sqlparser/sql_corpus.h"

namespace tessera::sql {
namespace {

using testing::CorpusStatement;

// Tessera's own statements (SHOW KEYSPACES, VEXPLAIN, ...): parsed by our
// parser only, never sent to MariaDB.
constexpr std::string_view kTesseraOnlyFile = "tessera.sql";

// MariaDB's answers meaning "this text is not a statement I can parse".
bool IsSyntaxError(unsigned code) {
  return code == ER_PARSE_ERROR || code == ER_EMPTY_QUERY || code == ER_SYNTAX_ERROR;
}

bool IsConnectionLost(unsigned code) {
  return code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST;
}

// Whether `sql` holds a `?` outside strings, quoted identifiers and comments
// (executable /*! ... */ comments count as SQL).
bool HasPlaceholder(std::string_view sql) {
  size_t i = 0;
  const size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      ++i;
      while (i < n) {
        if (c != '`' && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            i += 2;
          } else {
            ++i;
            break;
          }
        } else {
          ++i;
        }
      }
    } else if (c == '#' || (c == '-' && sql.substr(i, 3) == "-- ")) {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      if (sql.substr(i, 3) == "/*!" || sql.substr(i, 4) == "/*M!") {
        i += 3;  // the body is SQL; its closing */ is skipped below
      } else {
        const size_t end = sql.find("*/", i + 2);
        i = end == std::string_view::npos ? n : end + 2;
      }
    } else if (c == '?') {
      return true;
    } else {
      ++i;
    }
  }
  return false;
}

struct CloseMysql {
  void operator()(MYSQL* mysql) const { mysql_close(mysql); }
};
using Connection = std::unique_ptr<MYSQL, CloseMysql>;

struct Answer {
  unsigned code = 0;  // 0: success
  std::string message;
};

// Sends one statement and drains every result set it produces.
Answer Send(MYSQL* mysql, const std::string& sql) {
  if (HasPlaceholder(sql)) {
    MYSQL_STMT* stmt = mysql_stmt_init(mysql);
    if (stmt == nullptr) return {::mysql_errno(mysql), mysql_error(mysql)};
    Answer answer;
    if (mysql_stmt_prepare(stmt, sql.data(), sql.size()) != 0) {
      answer = {mysql_stmt_errno(stmt), mysql_stmt_error(stmt)};
    }
    mysql_stmt_close(stmt);
    return answer;
  }
  if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) {
    return {::mysql_errno(mysql), mysql_error(mysql)};
  }
  while (true) {
    MYSQL_RES* result = mysql_store_result(mysql);
    if (result != nullptr) {
      mysql_free_result(result);
    } else if (mysql_field_count(mysql) != 0) {
      return {::mysql_errno(mysql), mysql_error(mysql)};
    }
    const int next = mysql_next_result(mysql);
    if (next < 0) return {};
    if (next > 0) return {::mysql_errno(mysql), mysql_error(mysql)};
  }
}

class CorpusMariaDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new local::TempDir("tessera-corpus-");
    local::MariaDbInstanceOptions options;
    options.data_dir = dir_->Sub("data");
    server_ = new local::MariaDbInstance(options);
    Status s = server_->Initialize();
    if (s.ok()) s = server_->Start();
    if (!s.ok()) setup_error_ = s.error().message;
  }

  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  // A new session on `database` (none when empty); the error text on failure.
  static Connection Connect(const std::string& database, std::string* error) {
    MYSQL* mysql = mysql_init(nullptr);
    unsigned int timeout = 60;
    unsigned int protocol = MYSQL_PROTOCOL_TCP;
    mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_optionsv(mysql, MYSQL_OPT_READ_TIMEOUT, &timeout);
    mysql_optionsv(mysql, MYSQL_OPT_PROTOCOL, &protocol);
    mysql_optionsv(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const local::MariaDbLogin login = server_->Login();
    if (mysql_real_connect(mysql, login.host.c_str(), login.user.c_str(), login.password.c_str(),
                           database.empty() ? nullptr : database.c_str(), login.port, nullptr,
                           CLIENT_MULTI_RESULTS) == nullptr) {
      *error = mysql_error(mysql);
      mysql_close(mysql);
      return nullptr;
    }
    return Connection(mysql);
  }

  // Drops and rebuilds the fixture databases; the first failure's text.
  static std::string LoadFixture() {
    std::string error;
    Connection admin = Connect("", &error);
    if (!admin) return error;
    for (const CorpusStatement& statement : testing::ReadCorpusFile(CORPUS_FIXTURE)) {
      Answer answer = Send(admin.get(), statement.sql);
      if (answer.code != 0) return statement.Where() + ": " + answer.message;
    }
    return "";
  }

  static inline local::TempDir* dir_ = nullptr;
  static inline local::MariaDbInstance* server_ = nullptr;
  static inline std::string setup_error_;
};

TEST_F(CorpusMariaDbTest, MariaDbParsesEveryCorpusStatement) {
  ASSERT_EQ(setup_error_, "");
  const auto files = testing::CorpusFiles(SQLPARSER_CORPUS_DIR);
  ASSERT_FALSE(files.empty());

  size_t sent = 0;
  size_t executed = 0;
  std::map<unsigned, size_t> other_errors;  // errno -> count
  std::vector<std::string> other_error_lines;
  for (const std::string& path : files) {
    if (std::filesystem::path(path).filename() == kTesseraOnlyFile) continue;
    const std::string fixture_error = LoadFixture();
    ASSERT_EQ(fixture_error, "") << "fixture.sql";
    std::string error;
    Connection session = Connect("corpus", &error);
    ASSERT_TRUE(session) << error;
    for (const CorpusStatement& statement : testing::ReadCorpusFile(path)) {
      ++sent;
      Answer answer = Send(session.get(), statement.sql);
      if (answer.code == 0) {
        ++executed;
        continue;
      }
      if (IsSyntaxError(answer.code)) {
        ADD_FAILURE() << statement.Where() << ": MariaDB refuses the syntax (" << answer.code
                      << "): " << answer.message << "\n  " << statement.sql;
        continue;
      }
      ++other_errors[answer.code];
      other_error_lines.push_back(statement.Where() + " " + std::to_string(answer.code) + " " +
                                  answer.message);
      if (IsConnectionLost(answer.code)) {
        session = Connect("corpus", &error);
        ASSERT_TRUE(session) << "reconnect after " << statement.Where() << ": " << error;
      }
    }
  }

  std::cout << "Corpus statements that MariaDB parsed but answered with an error:\n";
  for (const std::string& line : other_error_lines) std::cout << "  " << line << "\n";
  std::cout << sent << " statements sent: " << executed << " ran without error, "
            << other_error_lines.size() << " parsed and then failed (";
  const char* separator = "";
  for (const auto& [code, count] : other_errors) {
    std::cout << separator << code << " x" << count;
    separator = ", ";
  }
  std::cout << ")\n";
  EXPECT_GE(sent, 450u);
  // The fixture is meant to let most statements really run.
  EXPECT_GE(executed * 4, sent * 3) << "too few statements ran; does fixture.sql match the corpus?";
}

TEST_F(CorpusMariaDbTest, MariaDbRefusesEveryInvalidStatementWith1064) {
  ASSERT_EQ(setup_error_, "");
  ASSERT_EQ(LoadFixture(), "") << "fixture.sql";
  const auto invalid = testing::ReadInvalidList(SQLPARSER_INVALID);
  ASSERT_GE(invalid.size(), 40u);
  std::string error;
  Connection session = Connect("corpus", &error);
  ASSERT_TRUE(session) << error;
  for (const CorpusStatement& statement : invalid) {
    ASSERT_FALSE(HasPlaceholder(statement.sql))
        << statement.Where() << ": a `?` is refused by the text protocol whatever the rest is";
    Answer answer = Send(session.get(), statement.sql);
    EXPECT_EQ(answer.code, static_cast<unsigned>(ER_PARSE_ERROR))
        << statement.Where() << ": " << statement.sql << "\n  MariaDB answered "
        << (answer.code == 0 ? std::string("OK") : answer.message);
    if (IsConnectionLost(answer.code)) {
      session = Connect("corpus", &error);
      ASSERT_TRUE(session) << error;
    }
  }
}

TEST(CorpusPlaceholders, FoundOnlyOutsideStringsIdentifiersAndComments) {
  EXPECT_TRUE(HasPlaceholder("SELECT c FROM t WHERE id=?"));
  EXPECT_TRUE(HasPlaceholder("SELECT 1 /*!40101 + ? */"));
  EXPECT_TRUE(HasPlaceholder("SELECT 'it''s', \"a\\\"?\" , ?"));
  EXPECT_FALSE(HasPlaceholder("SELECT '?', \"?\", `?`, `a``?` FROM t"));
  EXPECT_TRUE(HasPlaceholder("SELECT /*M!100100 ?, */ 1"));
  EXPECT_FALSE(HasPlaceholder("SELECT 1 /* ? */ -- ?\n# ?\n"));
  EXPECT_FALSE(HasPlaceholder("SELECT 1 /*Mostly ? */"));
  EXPECT_FALSE(HasPlaceholder("SELECT 'a\\'?'"));
}

}  // namespace
}  // namespace tessera::sql
