// Throttle ratio: the share of the time an online migration's row copy
// pauses, set with MIGRATION THROTTLE '<uuid>' RATIO r (vtgate: ALTER
// MIGRATION '<uuid>' THROTTLE RATIO r). After a pass that worked for t, the
// copy waits t * r / (1 - r), so it works (1 - r) of the time and leaves the
// rest of the server to the application. 0 never pauses; 1 stops the copy
// like THROTTLE. The binlog is applied to the ghost table during the pauses.
//
// Ratios are kept in thousandths. Pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::vttablet::onlineddl {

inline constexpr uint32_t kFullThrottlePermille = 1000;

// "0.5", ".25", "0", "1", "1.000" → thousandths; nullopt for anything that
// is not a plain decimal number from 0 to 1 with at most three decimals.
std::optional<uint32_t> ParseThrottleRatio(std::string_view text);

// 500 → "0.5", 125 → "0.125", 0 → "0", 1000 → "1".
std::string FormatThrottleRatio(uint32_t permille);

// The pause after a pass that worked for `worked`: worked * r / (1 - r).
// Zero for ratio 0; the largest duration for ratio 1 or more.
std::chrono::nanoseconds ThrottlePause(uint32_t permille, std::chrono::nanoseconds worked);

}  // namespace tessera::vttablet::onlineddl
