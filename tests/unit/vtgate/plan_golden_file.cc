#include "tests/unit/vtgate/plan_golden_file.h"

#include <charconv>

namespace tessera::vtgate::testing {

namespace {

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t") == std::string::npos;
}

Error BadLine(size_t line, const std::string& what) {
  return Error::Internal("line " + std::to_string(line) + ": " + what);
}

template <class T>
Status ParseNumber(const std::string& value, size_t line, const std::string& name, T& out) {
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty())
    return BadLine(line, "@" + name + " needs a number, not '" + value + "'");
  return Status::Ok();
}

// Applies one `@name value` line to `block`.
Status ApplyDirective(const std::string& text, size_t line, PlanCase& block) {
  size_t space = text.find(' ');
  std::string name = text.substr(1, space == std::string::npos ? std::string::npos : space - 1);
  std::string value = space == std::string::npos ? "" : text.substr(space + 1);
  if (name == "keyspace") {
    block.keyspace = value;
    return Status::Ok();
  }
  if (name == "binds") return ParseNumber(value, line, name, block.bind_count);
  if (name == "last_insert_id") return ParseNumber(value, line, name, block.last_insert_id);
  if (name == "connection_id") return ParseNumber(value, line, name, block.connection_id);
  return BadLine(line, "unknown directive @" + name +
                           " (known: @keyspace, @binds, @last_insert_id, @connection_id)");
}

}  // namespace

std::string PlanCase::Name() const {
  for (const auto& line : header) {
    if (line.empty() || line[0] != '#') continue;
    size_t start = line.find_first_not_of("# ");
    return start == std::string::npos ? query : line.substr(start);
  }
  return query;
}

Result<std::vector<PlanCase>> ParsePlanGoldenFile(std::string_view text) {
  std::vector<PlanCase> blocks;
  std::vector<std::string> lines = SplitLines(text);
  size_t i = 0;
  while (i < lines.size()) {
    if (IsBlank(lines[i])) {
      ++i;
      continue;
    }
    PlanCase block;
    block.line = i + 1;
    for (; i < lines.size() && !IsBlank(lines[i]); ++i) {
      const std::string& line = lines[i];
      if (block.query.empty() && line[0] == '#') {
        block.header.push_back(line);
      } else if (block.query.empty() && line[0] == '@') {
        if (Status s = ApplyDirective(line, i + 1, block); !s.ok()) return s.error();
        block.header.push_back(line);
      } else if (block.query.empty()) {
        block.query = line;
      } else {
        block.expected += line + "\n";
      }
    }
    if (block.query.empty()) {
      for (const auto& line : block.header) {
        if (line[0] == '@') return BadLine(block.line, "a block with directives but no statement");
      }
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

std::string FormatPlanGoldenFile(const std::vector<PlanCase>& blocks,
                                 const std::vector<std::string>& plans) {
  std::string out;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (b > 0) out += "\n";
    for (const auto& line : blocks[b].header) out += line + "\n";
    if (!blocks[b].is_case()) continue;
    out += blocks[b].query + "\n";
    out += plans[b];
    if (!plans[b].empty() && plans[b].back() != '\n') out += "\n";
  }
  return out;
}

}  // namespace tessera::vtgate::testing
