// The SQL statement corpus (tests/unit/sqlparser/corpus/*.sql) and the list
// of invalid statements (tests/unit/sqlparser/invalid.sql), read for tests:
// the parser unit test and the integration test that sends both to MariaDB.
//
// Contract:
// - A corpus file holds statements terminated by `;`, split with
//   SplitStatements, so a statement may span lines and hold `;` inside
//   strings and comments. `-- ` and `#` comment lines in front of a statement
//   are dropped from its text; the statement keeps everything else.
// - CorpusFiles() lists the `*.sql` files of a directory in name order.
// - The invalid list holds one statement per line; blank lines and lines
//   starting with `-- ` are skipped.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sqlparser/statement_splitter.h"

namespace tessera::sql::testing {

struct CorpusStatement {
  std::string file;  // file name without directory, e.g. "orm.sql"
  int line = 0;      // 1-based line where the statement text starts
  std::string sql;   // without its `;` and the comment lines in front of it

  std::string Where() const { return file + ":" + std::to_string(line); }
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::string> CorpusFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Drops `-- ` / `#` comment lines and whitespace at the start of `sql`.
inline std::string_view StripLeadingLineComments(std::string_view sql) {
  while (true) {
    size_t start = sql.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    sql.remove_prefix(start);
    const bool dash_comment =
        sql.size() >= 2 && sql[0] == '-' && sql[1] == '-' &&
        (sql.size() == 2 || sql[2] == ' ' || sql[2] == '\t' || sql[2] == '\n' || sql[2] == '\r');
    if (!dash_comment && sql[0] != '#') return sql;
    size_t eol = sql.find('\n');
    if (eol == std::string_view::npos) return {};
    sql.remove_prefix(eol + 1);
  }
}

inline std::vector<CorpusStatement> ReadCorpusFile(const std::string& path) {
  const std::string text = ReadWholeFile(path);
  const std::string name = std::filesystem::path(path).filename().string();
  std::vector<CorpusStatement> out;
  for (std::string_view piece : SplitStatements(text)) {
    std::string_view sql = StripLeadingLineComments(piece);
    if (sql.empty()) continue;
    const size_t offset = static_cast<size_t>(sql.data() - text.data());
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
    out.push_back({name, line, std::string(sql)});
  }
  return out;
}

inline std::vector<CorpusStatement> ReadInvalidList(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string name = std::filesystem::path(path).filename().string();
  std::vector<CorpusStatement> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos || line.rfind("-- ", 0) == 0) continue;
    out.push_back({name, number, line});
  }
  return out;
}

}  // namespace tessera::sql::testing
