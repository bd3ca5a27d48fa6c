// What the API verbs of the tessera CLI print: aligned tables, unified diffs
// (colored when stdout is a terminal), progress bars and JSON fields as
// display text.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera::cli {

// True when stdout is a terminal (colors and progress bars are wanted).
bool StdoutIsTerminal();

// `j[key]` for display: strings as they are, booleans as yes/no, absent or
// null as "-", anything else as JSON.
std::string JsonText(const nlohmann::json& j, const char* key);

// Columns padded to their widest cell, two spaces apart.
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

// A unified diff, file headers bold, hunks cyan, + green, - red on a terminal.
void PrintUnifiedDiff(const std::string& diff);

// "[##########--------------------]  33%" (percent clamped to 0..100).
std::string ProgressBar(int percent);

// A block of status lines redrawn in place on a terminal; elsewhere (a pipe,
// a log) printed again only when its text changed.
class LiveLines {
 public:
  void Draw(const std::vector<std::string>& lines);

 private:
  bool tty_ = StdoutIsTerminal();
  size_t drawn_ = 0;
  std::string last_;
};

}  // namespace tessera::cli
