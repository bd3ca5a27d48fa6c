// The schemad web console's static files (index.html, app.js, style.css),
// embedded into the binary at build time. Pure lookup, no I/O.
//
// Served paths: "/", "/index.html", "/console" and "/console/" are the page
// itself; "/console/<name>" is the asset <name>. A query string or fragment
// must be stripped by the caller.
#pragma once

#include <optional>
#include <string_view>

namespace tessera::schema {

struct StaticFile {
  std::string_view content;       // static storage: valid for the program's life
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
};

// True for the paths the console owns (see above), whether or not a file
// exists there: such a path never reaches the API handler.
bool IsConsolePath(std::string_view path);

// The file served at `path`, or nullopt when there is none.
std::optional<StaticFile> FindConsoleFile(std::string_view path);

// The Content-Type for a file name, from its extension.
std::string_view ContentTypeFor(std::string_view name);

}  // namespace tessera::schema
