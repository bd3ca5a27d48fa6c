#include "schema/console/console_files.h"

#include "schema/console/embedded_asset.h"

namespace tessera::schema {
namespace {

constexpr std::string_view kIndex = "index.html";
constexpr std::string_view kPrefix = "/console/";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The asset name for a console path; "" when the path is not the console's.
std::string_view AssetName(std::string_view path) {
  if (path == "/" || path == "/index.html" || path == "/console" || path == kPrefix) return kIndex;
  if (path.starts_with(kPrefix)) return path.substr(kPrefix.size());
  return {};
}

}  // namespace

bool IsConsolePath(std::string_view path) {
  return !AssetName(path).empty();
}

std::optional<StaticFile> FindConsoleFile(std::string_view path) {
  std::string_view name = AssetName(path);
  if (name.empty()) return std::nullopt;
  for (std::size_t i = 0; i < console_assets::kCount; ++i) {
    const auto& asset = *console_assets::kAll[i];
    if (asset.name == name) return StaticFile{asset.content, ContentTypeFor(name)};
  }
  return std::nullopt;
}

std::string_view ContentTypeFor(std::string_view name) {
  if (EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(name, ".js") || EndsWith(name, ".mjs")) return "text/javascript; charset=utf-8";
  if (EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(name, ".svg")) return "image/svg+xml";
  if (EndsWith(name, ".png")) return "image/png";
  if (EndsWith(name, ".ico")) return "image/x-icon";
  if (EndsWith(name, ".json")) return "application/json";
  return "application/octet-stream";
}

}  // namespace tessera::schema
