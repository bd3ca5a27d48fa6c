// Throttle ratio: the share of the time an online migration's row copy
// pauses, 0 (never) to 1 (stopped). It travels as text in tablet commands
// (MIGRATION THROTTLE '<uuid>' RATIO r), in ALTER MIGRATION ... THROTTLE
// RATIO r and in the deploy-request API, and is kept in thousandths.
// Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera {

inline constexpr uint32_t kFullThrottlePermille = 1000;

// "0.5", ".25", "0", "1", "1.000" → thousandths; nullopt for anything that
// is not a plain decimal number from 0 to 1 with at most three decimals.
std::optional<uint32_t> ParseThrottleRatio(std::string_view text);

// 500 → "0.5", 125 → "0.125", 0 → "0", 1000 → "1".
std::string FormatThrottleRatio(uint32_t permille);

}  // namespace tessera
