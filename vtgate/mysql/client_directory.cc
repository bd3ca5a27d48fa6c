#include "vtgate/mysql/client_directory.h"

#include <algorithm>

namespace tessera::vtgate::mysql {

using Clock = std::chrono::steady_clock;

ClientActivity::ClientActivity(std::string host)
    : user_("unauthenticated user"), host_(std::move(host)), since_(Clock::now()) {}

void ClientActivity::SetLogin(std::string_view user, std::string_view db) {
  std::lock_guard lock(mu_);
  user_.assign(user);
  db_.assign(db);
  command_ = "Sleep";
  since_ = Clock::now();
}

void ClientActivity::SetDatabase(std::string_view db) {
  std::lock_guard lock(mu_);
  db_.assign(db);
}

void ClientActivity::Begin(const char* command, std::string_view info) {
  std::lock_guard lock(mu_);
  command_ = command;
  info_.assign(info);  // reuses the capacity of earlier statements
  since_ = Clock::now();
}

void ClientActivity::End(std::string_view db) {
  std::lock_guard lock(mu_);
  command_ = "Sleep";
  if (db != db_) db_.assign(db);
  info_.clear();
  since_ = Clock::now();
}

ProcessInfo ClientActivity::Snapshot(uint32_t id) const {
  std::lock_guard lock(mu_);
  ProcessInfo p;
  p.id = id;
  p.user = user_;
  p.host = host_;
  p.db = db_;
  p.command = command_;
  p.seconds = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - since_).count());
  p.info = info_;
  return p;
}

std::string ClientActivity::user() const {
  std::lock_guard lock(mu_);
  return user_;
}

ClientDirectory::ClientDirectory(size_t max_connections)
    : max_connections_(max_connections), started_(Clock::now()) {}

bool ClientDirectory::Admit() {
  size_t now = live_.load(std::memory_order_relaxed);
  do {
    if (now >= max_connections_) return false;
  } while (!live_.compare_exchange_weak(now, now + 1, std::memory_order_relaxed));
  return true;
}

void ClientDirectory::Add(uint32_t id, std::shared_ptr<ClientActivity> activity, Killer killer) {
  std::lock_guard lock(mu_);
  entries_[id] = Entry{std::move(activity), std::move(killer)};
}

void ClientDirectory::Remove(uint32_t id) {
  {
    std::lock_guard lock(mu_);
    entries_.erase(id);
  }
  live_.fetch_sub(1, std::memory_order_relaxed);
}

std::vector<ProcessInfo> ClientDirectory::List(std::string_view user) const {
  std::vector<std::pair<uint32_t, std::shared_ptr<ClientActivity>>> found;
  {
    std::lock_guard lock(mu_);
    found.reserve(entries_.size());
    for (const auto& [id, entry] : entries_) found.emplace_back(id, entry.activity);
  }
  std::vector<ProcessInfo> out;
  out.reserve(found.size());
  for (const auto& [id, activity] : found) {
    ProcessInfo p = activity->Snapshot(id);
    if (user.empty() || p.user == user) out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const ProcessInfo& a, const ProcessInfo& b) { return a.id < b.id; });
  return out;
}

Status ClientDirectory::Kill(uint32_t id, KillScope scope, std::string_view user) const {
  Killer killer;
  std::shared_ptr<ClientActivity> activity;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(id);
    if (it == entries_.end()) {
      return Error::Make(mysql_errno::kNoSuchThread, "Unknown thread id: " + std::to_string(id));
    }
    killer = it->second.killer;
    activity = it->second.activity;
  }
  if (activity->user() != user) {
    return Error::Make(mysql_errno::kKillDenied,
                       "You are not owner of thread " + std::to_string(id));
  }
  killer(scope);
  return Status::Ok();
}

uint64_t ClientDirectory::uptime_seconds() const {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started_).count());
}

}  // namespace tessera::vtgate::mysql
