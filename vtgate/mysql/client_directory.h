// ClientDirectory: every client connection of one Server, across its worker
// threads. It admits new connections up to the configured limit (the
// others get ERR 1040), lists them for SHOW PROCESSLIST and COM_STATISTICS,
// and finds one for KILL / COM_PROCESS_KILL. Thread-safe: connections
// register and update themselves on their worker threads while any session
// may list or kill.
//
// A connection's live state sits in its ClientActivity, which only the
// connection writes; readers take a copy under the activity's own lock, so
// the per-command update never contends with other connections.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"

namespace tessera::vtgate::mysql {

// One row of SHOW PROCESSLIST.
struct ProcessInfo {
  uint32_t id = 0;
  std::string user;      // "unauthenticated user" until the login succeeded
  std::string host;      // client address
  std::string db;        // "" when none
  std::string command;   // "Connect", "Sleep", "Query", "Execute", ...
  uint64_t seconds = 0;  // in the current command (or idle) for this long
  std::string info;      // the statement running, "" when none
};

// What KILL asked for.
enum class KillScope : uint8_t { kConnection, kQuery };

// What a connection publishes about itself.
class ClientActivity {
 public:
  explicit ClientActivity(std::string host);

  void SetLogin(std::string_view user, std::string_view db);
  void SetDatabase(std::string_view db);
  // Starts a command; `info` is its statement text ("" for none).
  void Begin(const char* command, std::string_view info);
  // The command ended: the connection sleeps, in database `db`.
  void End(std::string_view db);
  ProcessInfo Snapshot(uint32_t id) const;
  std::string user() const;

 private:
  mutable std::mutex mu_;
  std::string user_;
  std::string host_;
  std::string db_;
  const char* command_ = "Connect";
  std::string info_;
  std::chrono::steady_clock::time_point since_;
};

class ClientDirectory {
 public:
  // Interrupts the connection (scope kConnection: closes it; kQuery: stops
  // its running statement). Called on any thread; posts to the connection's
  // own worker.
  using Killer = std::function<void(KillScope)>;

  explicit ClientDirectory(size_t max_connections);

  // Counts a new connection in; false when `max_connections` are live
  // already (the caller then refuses it with 1040 and does not Remove it).
  bool Admit();
  // Publishes an admitted connection under `id`.
  void Add(uint32_t id, std::shared_ptr<ClientActivity> activity, Killer killer);
  // Removes an admitted connection (whether or not it was Added).
  void Remove(uint32_t id);

  // Connections of `user`, or every connection when `user` is empty; by id.
  std::vector<ProcessInfo> List(std::string_view user) const;
  // KILL by `user`: only that user's connections may be killed. Fails with
  // 1094 (unknown thread id) or 1095 (not owner); the kill itself happens
  // on the target's worker, after this returns.
  Status Kill(uint32_t id, KillScope scope, std::string_view user) const;

  size_t live() const { return live_.load(std::memory_order_relaxed); }
  size_t max_connections() const { return max_connections_; }
  // Seconds since the directory (the server) was created.
  uint64_t uptime_seconds() const;
  // Commands received, for COM_STATISTICS ("Questions").
  void CountQuestion() { questions_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t questions() const { return questions_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    std::shared_ptr<ClientActivity> activity;
    Killer killer;
  };

  const size_t max_connections_;
  const std::chrono::steady_clock::time_point started_;
  std::atomic<size_t> live_{0};
  std::atomic<uint64_t> questions_{0};
  mutable std::mutex mu_;
  std::unordered_map<uint32_t, Entry> entries_;
};

}  // namespace tessera::vtgate::mysql
