#include "vtgate/plan_cache.h"

#include <functional>

namespace tessera::vtgate {
namespace {

// Bookkeeping of one entry beyond its strings and plan: list and hash nodes.
constexpr size_t kEntryOverhead = 160;

}  // namespace

size_t PlanCache::KeyHash::operator()(const PlanCacheKey& k) const {
  // The fingerprint already hashes the text's shape; the length separates
  // IN lists of different lengths, which share a fingerprint.
  uint64_t h = k.fingerprint ^ (k.text.size() * 0x9E3779B97F4A7C15ull);
  h ^= std::hash<std::string_view>{}(k.keyspace) + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
  if (!k.branch.empty()) {
    h ^= std::hash<std::string_view>{}(k.branch) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  }
  return static_cast<size_t>(h ^ k.vschema_version);
}

const PlanCache::Entry* PlanCache::Lookup(const PlanCacheKey& key) {
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  if (it->second != lru_.begin()) lru_.splice(lru_.begin(), lru_, it->second);
  return &it->second->entry;
}

void PlanCache::Insert(const PlanCacheKey& key, Entry entry, size_t plan_bytes) {
  const size_t bytes = sizeof(Node) + kEntryOverhead + key.text.size() + key.keyspace.size() +
                       key.branch.size() + plan_bytes;
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  if (bytes > capacity_) return;
  EvictTo(capacity_ - bytes);
  lru_.push_front(Node{key.fingerprint, std::string(key.text), std::string(key.keyspace),
                       key.vschema_version, std::string(key.branch), std::move(entry), bytes});
  const Node& node = lru_.front();
  index_.emplace(
      PlanCacheKey{node.fingerprint, node.text, node.keyspace, node.vschema_version, node.branch},
      lru_.begin());
  bytes_ += bytes;
}

void PlanCache::EvictTo(size_t budget) {
  while (bytes_ > budget && !lru_.empty()) {
    const Node& victim = lru_.back();
    index_.erase(PlanCacheKey{victim.fingerprint, victim.text, victim.keyspace,
                              victim.vschema_version, victim.branch});
    bytes_ -= victim.bytes;
    lru_.pop_back();
    ++evictions_;
  }
}

void PlanCache::Clear() {
  index_.clear();
  lru_.clear();
  bytes_ = 0;
}

PlanCache::Stats PlanCache::stats() const {
  return Stats{hits_, misses_, evictions_, index_.size(), bytes_};
}

size_t EstimatePlanBytes(std::string_view normalized_text, size_t bind_count) {
  return 256 + 2 * normalized_text.size() + 48 * bind_count;
}

}  // namespace tessera::vtgate
