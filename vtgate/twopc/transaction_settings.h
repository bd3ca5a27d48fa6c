// TransactionSettings: how vtgate runs transactions that span shards, the
// same for every session of a vtgate (`--transaction-mode`, `--twopc-*`).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::vtgate {

// transaction_mode, as in Vitess:
// - single: a second shard in one transaction is an error;
// - multi: commit shard by shard, naming the shards that failed;
// - twopc: atomic, by two-phase commit over MariaDB XA transactions.
enum class TransactionMode { kSingle, kMulti, kTwoPc };

// "single", "multi" or "twopc" (any case); nullopt for anything else.
std::optional<TransactionMode> ParseTransactionMode(std::string_view text);
std::string_view TransactionModeName(TransactionMode mode);

struct TwoPcSettings {
  // The resolver finishes a distributed transaction whose record is at least
  // this old: commits it if the commit was decided, else rolls it back.
  std::chrono::milliseconds abandon_age{5000};
  std::chrono::milliseconds resolve_interval{1000};
  // For crash tests only: every two-phase commit waits `pause_for` after
  // its branches are prepared, or after the commit decision is recorded.
  enum class Pause { kNone, kAfterPrepare, kAfterDecision };
  Pause pause = Pause::kNone;
  std::chrono::milliseconds pause_for{0};
};

struct TransactionSettings {
  TransactionMode default_mode = TransactionMode::kMulti;
  TwoPcSettings twopc;
};

}  // namespace tessera::vtgate
