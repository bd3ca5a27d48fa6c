// ConnectionRegistry: the live client connections of one worker thread, so
// Server::Stop() can close them. Touched only on that worker's thread.
#pragma once

#include <unordered_set>
#include <vector>

namespace tessera::vtgate::mysql {

class ClientConnection;

class ConnectionRegistry {
 public:
  void Add(ClientConnection* c) { live_.insert(c); }
  void Remove(ClientConnection* c) { live_.erase(c); }
  size_t size() const { return live_.size(); }
  // Snapshot, since closing a connection may remove it while iterating.
  std::vector<ClientConnection*> Snapshot() const { return {live_.begin(), live_.end()}; }

 private:
  std::unordered_set<ClientConnection*> live_;
};

}  // namespace tessera::vtgate::mysql
