#include "common/throttle_ratio.h"

namespace tessera {

std::optional<uint32_t> ParseThrottleRatio(std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  if (whole.size() > 1 || fraction.size() > 3) return std::nullopt;
  auto digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if (!digits(whole) || !digits(fraction)) return std::nullopt;
  uint32_t permille = whole.empty() ? 0 : static_cast<uint32_t>(whole[0] - '0') * 1000;
  uint32_t scale = 100;
  for (char c : fraction) {
    permille += static_cast<uint32_t>(c - '0') * scale;
    scale /= 10;
  }
  if (permille > kFullThrottlePermille) return std::nullopt;
  return permille;
}

std::string FormatThrottleRatio(uint32_t permille) {
  if (permille >= kFullThrottlePermille) return "1";
  if (permille == 0) return "0";
  std::string digits = std::to_string(permille);
  digits.insert(0, 3 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return "0." + digits;
}

}  // namespace tessera
