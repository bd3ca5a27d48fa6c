// PlanCache: the plans of normalized statements, so a statement whose shape
// was seen before runs without the SQL parser or the planner.
//
// Contract:
// - Keyed by (fingerprint, normalized text, target keyspace and branch,
//   VSchema version). The text guards against fingerprint collisions and tells apart
//   statements whose fingerprints agree on purpose (IN lists of different
//   lengths), whose plans differ in their number of holes.
// - An entry is a shared, immutable plan plus its number of bind values; a
//   null plan records that the normalized text cannot be planned, so callers
//   go straight to their uncached path.
// - Bounded by an estimate of the bytes its entries hold (key strings,
//   bookkeeping and the caller's estimate of the plan); least recently used
//   entries are evicted first. An entry larger than the whole budget is not
//   kept.
// - Not thread-safe: one cache per vtgate worker thread, so the hot path
//   takes no lock. Lookup returns a pointer valid until the next Insert or
//   Clear; copy the shared_ptr before suspending.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

struct PlanCacheKey {
  uint64_t fingerprint = 0;
  std::string_view text;
  std::string_view keyspace;
  uint64_t vschema_version = 0;
  std::string_view branch = {};  // empty: the keyspace's main branch
};

class PlanCache {
 public:
  static constexpr size_t kDefaultCapacityBytes = 32u << 20;

  struct Entry {
    std::shared_ptr<const Primitive> plan;  // null: not plannable from normalized text
    size_t bind_count = 0;
  };
  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t evictions = 0;
    size_t entries = 0;
    size_t bytes = 0;
  };

  explicit PlanCache(size_t capacity_bytes = kDefaultCapacityBytes) : capacity_(capacity_bytes) {}
  PlanCache(const PlanCache&) = delete;
  PlanCache& operator=(const PlanCache&) = delete;

  // The entry for `key` (now the most recently used), or null. Counts a hit or a miss.
  const Entry* Lookup(const PlanCacheKey& key);
  // Adds or replaces the entry for `key`; `plan_bytes` estimates the plan's
  // memory (see EstimatePlanBytes). Evicts least recently used entries to fit.
  void Insert(const PlanCacheKey& key, Entry entry, size_t plan_bytes);
  void Clear();

  Stats stats() const;
  size_t capacity_bytes() const { return capacity_; }

 private:
  struct Node {
    uint64_t fingerprint;
    std::string text;
    std::string keyspace;
    uint64_t vschema_version;
    std::string branch;
    Entry entry;
    size_t bytes;
  };
  struct KeyHash {
    size_t operator()(const PlanCacheKey& k) const;
  };
  struct KeyEq {
    bool operator()(const PlanCacheKey& a, const PlanCacheKey& b) const {
      return a.fingerprint == b.fingerprint && a.vschema_version == b.vschema_version &&
             a.text == b.text && a.keyspace == b.keyspace && a.branch == b.branch;
    }
  };
  using Lru = std::list<Node>;  // front: most recently used

  void EvictTo(size_t budget);

  size_t capacity_;
  size_t bytes_ = 0;
  Lru lru_;
  // Keys view the strings of their own node.
  std::unordered_map<PlanCacheKey, Lru::iterator, KeyHash, KeyEq> index_;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
  uint64_t evictions_ = 0;
};

// A plan's memory, estimated from its normalized text: its primitives hold
// the text about twice (template segments, Describe-able copies) plus a
// fixed cost per primitive and per bind value.
size_t EstimatePlanBytes(std::string_view normalized_text, size_t bind_count);

}  // namespace tessera::vtgate
