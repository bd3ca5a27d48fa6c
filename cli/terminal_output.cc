#include "cli/terminal_output.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace tessera::cli {

bool StdoutIsTerminal() {
  return isatty(STDOUT_FILENO) != 0;
}

std::string JsonText(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "-";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "yes" : "no";
  return it->dump();
}

void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t i = 0; i < header.size(); ++i) width[i] = header[i].size();
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
      out += cells[i];
      if (i + 1 < cells.size() && i < width.size())
        out += std::string(width[i] - std::min(width[i], cells[i].size()) + 2, ' ');
    }
    std::cout << out << "\n";
  };
  line(header);
  for (const auto& row : rows) line(row);
}

void PrintUnifiedDiff(const std::string& diff) {
  const bool color = StdoutIsTerminal();
  std::istringstream lines(diff);
  for (std::string line; std::getline(lines, line);) {
    const char* start = "";
    if (color) {
      if (line.rfind("+++", 0) == 0 || line.rfind("---", 0) == 0) {
        start = "\033[1m";
      } else if (line.rfind("@@", 0) == 0) {
        start = "\033[36m";
      } else if (!line.empty() && line[0] == '+') {
        start = "\033[32m";
      } else if (!line.empty() && line[0] == '-') {
        start = "\033[31m";
      }
    }
    std::cout << start << line << (*start ? "\033[0m" : "") << "\n";
  }
}

std::string ProgressBar(int percent) {
  percent = std::clamp(percent, 0, 100);
  constexpr int kWidth = 30;
  int filled = percent * kWidth / 100;
  std::string bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "]";
  std::string number = std::to_string(percent) + "%";
  return bar + std::string(5 - std::min<size_t>(4, number.size()), ' ') + number;
}

void LiveLines::Draw(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  if (tty_) {
    for (size_t i = 0; i < drawn_; ++i) std::cout << "\033[1A\033[2K";
    std::cout << text << std::flush;
    drawn_ = lines.size();
  } else if (text != last_) {
    std::cout << text << std::flush;
  }
  last_ = text;
}

}  // namespace tessera::cli
