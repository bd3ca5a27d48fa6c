#include "vtgate/worker_context.h"

#include <random>

#include <fmt/format.h>

namespace tessera::vtgate {

WorkerContext::WorkerContext(boost::asio::io_context& io, std::shared_ptr<const VSchema> vschema,
                             const BranchDirectory* branches, const UserKeyspaces* user_keyspaces,
                             TransactionSettings transactions, size_t max_memory_rows)
    : io_(io),
      vschema_(std::move(vschema)),
      branches_(branches),
      user_keyspaces_(user_keyspaces),
      transactions_(transactions),
      max_memory_rows_(max_memory_rows),
      dtids_((static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()),
      uuid_random_(std::random_device{}()) {
  tablets_.resize(vschema_->keyspaces().size());
  for (size_t k = 0; k < tablets_.size(); ++k) {
    tablets_[k].resize(vschema_->keyspaces()[k]->shards.size());
  }
}

TabletClient& WorkerContext::tablet(const ShardInfo& shard) {
  size_t keyspace_index = 0;
  const auto& keyspaces = vschema_->keyspaces();
  while (keyspace_index < keyspaces.size() && keyspaces[keyspace_index]->name != shard.keyspace) {
    ++keyspace_index;
  }
  auto& slot = tablets_.at(keyspace_index).at(shard.index);
  if (!slot) {
    slot = std::make_unique<TabletClient>(io_, shard.tablet.host, shard.tablet.port,
                                          shard.keyspace + "/" + shard.name);
  }
  return *slot;
}

std::string WorkerContext::NewUuid() {
  uint64_t a = uuid_random_(), b = uuid_random_();
  // Version 4, variant 1.
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff,
                     b >> 48, b & 0xffffffffffffULL);
}

std::vector<std::string> WorkerContext::AllowedKeyspaces(const std::string& user) const {
  if (user_keyspaces_ == nullptr) return {};
  auto it = user_keyspaces_->find(user);
  return it == user_keyspaces_->end() ? std::vector<std::string>{} : it->second;
}

}  // namespace tessera::vtgate
