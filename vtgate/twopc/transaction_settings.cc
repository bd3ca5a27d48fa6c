#include "vtgate/twopc/transaction_settings.h"

#include "common/ascii.h"

namespace tessera::vtgate {

std::optional<TransactionMode> ParseTransactionMode(std::string_view text) {
  const std::string lower = AsciiLower(text);
  if (lower == "single") return TransactionMode::kSingle;
  if (lower == "multi") return TransactionMode::kMulti;
  if (lower == "twopc") return TransactionMode::kTwoPc;
  return std::nullopt;
}

std::string_view TransactionModeName(TransactionMode mode) {
  switch (mode) {
    case TransactionMode::kSingle:
      return "single";
    case TransactionMode::kMulti:
      return "multi";
    case TransactionMode::kTwoPc:
      return "twopc";
  }
  return "multi";
}

}  // namespace tessera::vtgate
