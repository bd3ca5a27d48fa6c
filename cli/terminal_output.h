// What the API verbs of the tessera CLI print: aligned tables, unified diffs
// (colored when stdout is a terminal) and JSON fields as display text.
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

}  // namespace tessera::cli
