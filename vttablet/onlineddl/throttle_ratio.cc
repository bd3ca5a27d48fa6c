#include "vttablet/onlineddl/throttle_ratio.h"

namespace tessera::vttablet::onlineddl {

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

std::chrono::nanoseconds ThrottlePause(uint32_t permille, std::chrono::nanoseconds worked) {
  if (permille == 0 || worked.count() <= 0) return std::chrono::nanoseconds(0);
  if (permille >= kFullThrottlePermille) return std::chrono::nanoseconds::max();
  // worked * r / (1 - r) with r = permille / 1000; worked is far below the
  // range where this product overflows (hours of nanoseconds times 999).
  return std::chrono::nanoseconds(worked.count() * permille / (kFullThrottlePermille - permille));
}

}  // namespace tessera::vttablet::onlineddl
