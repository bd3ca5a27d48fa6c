#include "vtgate/sql_mode_check.h"

#include "common/ascii.h"

namespace tessera::vtgate {

namespace {

// Flags that change how statement text is read.
constexpr std::string_view kUnsupported[] = {
    "ANSI_QUOTES",           // "x" is an identifier, not a string
    "NO_BACKSLASH_ESCAPES",  // '\' is an ordinary character in strings
    "PIPES_AS_CONCAT",       // || concatenates
    "IGNORE_SPACE",          // function names become reserved words
    "HIGH_NOT_PRECEDENCE",   // NOT a BETWEEN b AND c groups differently
    "ORACLE",                // MariaDB's Oracle syntax
};

}  // namespace

std::vector<std::string> UnsupportedSqlModes(std::string_view effective_mode) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= effective_mode.size()) {
    size_t comma = effective_mode.find(',', start);
    if (comma == std::string_view::npos) comma = effective_mode.size();
    const std::string flag = AsciiUpper(effective_mode.substr(start, comma - start));
    for (std::string_view refused : kUnsupported) {
      if (flag == refused) out.push_back(flag);
    }
    start = comma + 1;
  }
  return out;
}

}  // namespace tessera::vtgate
