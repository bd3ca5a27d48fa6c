// Logging: one named spdlog logger per component. Never log passwords or
// literal values from queries; log normalized statement text instead.
#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace tessera {

// Returns the logger named `component`, creating it (stderr, shared format)
// on first use. `level` is one of spdlog's level names ("info", "debug", ...).
std::shared_ptr<spdlog::logger> GetLogger(const std::string& component);

// Sets the level of every logger created so far and of those created later.
void SetLogLevel(const std::string& level);

}  // namespace tessera
