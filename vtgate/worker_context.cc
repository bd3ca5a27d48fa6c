#include "vtgate/worker_context.h"

#include <random>

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
      dtids_((static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()) {
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

std::vector<std::string> WorkerContext::AllowedKeyspaces(const std::string& user) const {
  if (user_keyspaces_ == nullptr) return {};
  auto it = user_keyspaces_->find(user);
  return it == user_keyspaces_->end() ? std::vector<std::string>{} : it->second;
}

}  // namespace tessera::vtgate
