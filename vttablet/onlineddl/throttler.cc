#include "vttablet/onlineddl/throttler.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

namespace tessera::vttablet::onlineddl {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Result<ReplicaAddress> ParseOne(std::string_view item) {
  auto bad = [&](std::string_view why) {
    return Error::Internal(fmt::format("'{}' is not host:port ({})", item, why));
  };
  ReplicaAddress address;
  std::string_view port;
  if (item.starts_with('[')) {
    size_t close = item.find(']');
    if (close == std::string_view::npos) return bad("no ']' after the IPv6 address");
    address.host = std::string(item.substr(1, close - 1));
    std::string_view rest = item.substr(close + 1);
    if (!rest.starts_with(':')) return bad("no port");
    port = rest.substr(1);
  } else {
    size_t colon = item.rfind(':');
    if (colon == std::string_view::npos) return bad("no port");
    address.host = std::string(item.substr(0, colon));
    if (address.host.find(':') != std::string::npos)
      return bad("write an IPv6 address as [address]:port");
    port = item.substr(colon + 1);
  }
  if (address.host.empty()) return bad("no host");
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return bad("the port must be a number from 1 to 65535");
  unsigned long number = std::strtoul(std::string(port).c_str(), nullptr, 10);
  if (number < 1 || number > 65535) return bad("the port must be a number from 1 to 65535");
  address.port = static_cast<uint16_t>(number);
  return address;
}

// "its SQL thread is stopped", "its IO thread is connecting", or "" when
// both threads run.
std::string StoppedThreads(const ReplicaObservation& o) {
  std::vector<std::string> parts;
  if (o.io_running != "Yes")
    parts.push_back(o.io_running == "Connecting" ? "its IO thread is connecting"
                                                 : "its IO thread is stopped");
  if (o.sql_running != "Yes") parts.push_back("its SQL thread is stopped");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " and ") + p;
  if (!out.empty() && !o.last_error.empty()) out += " (" + o.last_error + ")";
  return out;
}

}  // namespace

std::string ReplicaAddress::ToString() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

Result<std::vector<ReplicaAddress>> ParseReplicaAddresses(std::string_view text) {
  std::vector<ReplicaAddress> out;
  if (Trim(text).empty()) return out;
  for (;;) {
    size_t comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    if (item.empty()) return Error::Internal("an empty item in the replica list");
    auto address = ParseOne(item);
    if (!address.ok()) return std::move(address).error();
    if (std::find(out.begin(), out.end(), address.value()) != out.end())
      return Error::Internal(fmt::format("'{}' is listed twice", item));
    out.push_back(std::move(address).value());
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string ReplicaThrottleReason(const ReplicaObservation& o, std::chrono::milliseconds max_lag) {
  const std::string prefix = "throttled: replica " + o.address;
  if (!o.unreachable.empty()) return prefix + " cannot be checked: " + o.unreachable;
  if (!o.replicating) return prefix + " is not replicating (SHOW SLAVE STATUS is empty)";
  std::string stopped = StoppedThreads(o);
  std::string tail = stopped.empty() ? "" : "; " + stopped;
  if (!o.heartbeat_error.empty())
    return prefix + " has no heartbeat of this migration: " + o.heartbeat_error + tail;
  if (!o.lag_seconds) return prefix + " has no heartbeat of this migration yet" + tail;
  double lag = std::max(0.0, *o.lag_seconds);
  double max = std::chrono::duration<double>(max_lag).count();
  if (lag <= max && stopped.empty()) return "";
  return prefix + fmt::format(" lags {:.1f} s", lag) + tail;
}

struct Throttler::Replica {
  ReplicaAddress address;
  MariaDbParams params;
  std::unique_ptr<BlockingConnection> connection;
};

Throttler::Throttler(const MariaDbParams& primary, ThrottlerOptions options)
    : options_(std::move(options)) {
  for (const auto& address : options_.replicas) {
    auto replica = std::make_unique<Replica>();
    replica->address = address;
    replica->params = primary;
    replica->params.host = address.host;
    replica->params.port = address.port;
    replica->params.socket.clear();
    replica->params.connect_timeout = std::chrono::milliseconds(1000);
    if (options_.replica_user) replica->params.user = *options_.replica_user;
    if (options_.replica_password) replica->params.password = *options_.replica_password;
    replicas_.push_back(std::move(replica));
  }
}

Throttler::~Throttler() = default;

ThrottleDecision Throttler::Check(BlockingConnection& primary, const Changelog& changelog,
                                  bool requested) {
  if (requested) return {true, "throttled by request"};
  auto now = std::chrono::steady_clock::now();
  std::string key = changelog.database() + "." + changelog.table();
  if (key == last_changelog_ && now - last_at_ < options_.check_interval) return last_;
  last_ = Evaluate(primary, changelog);
  last_changelog_ = std::move(key);
  last_at_ = std::chrono::steady_clock::now();
  return last_;
}

ThrottleDecision Throttler::Evaluate(BlockingConnection& primary, const Changelog& changelog) {
  if (options_.max_threads_running > 0) {
    // A failed read here means a broken connection, which the executor's
    // next statement reports; it is no reason to throttle.
    auto running = primary.Query("SHOW GLOBAL STATUS LIKE 'Threads_running'");
    if (running.ok() && !running.value().empty()) {
      uint64_t threads = std::strtoull(running.value()[0][1].value_or("0").c_str(), nullptr, 10);
      if (threads > options_.max_threads_running)
        return {true, fmt::format("throttled: the server is busy (Threads_running {} > {})",
                                  threads, options_.max_threads_running)};
    }
  }
  if (replicas_.empty()) return {};
  std::vector<ReplicaObservation> observations(replicas_.size());
  std::vector<std::optional<double>> heartbeats(replicas_.size());
  for (size_t i = 0; i < replicas_.size(); ++i)
    heartbeats[i] = Observe(*replicas_[i], changelog, observations[i]);
  // The primary's clock, read after every replica's heartbeat: a slow
  // replica only makes the lags look larger.
  auto now = primary.QueryValue("SELECT UNIX_TIMESTAMP(NOW(6))");
  if (!now.ok() || !now.value())
    return {true, "throttled: cannot read the primary's clock: " +
                      (now.ok() ? std::string("no value") : now.error().message)};
  double primary_now = std::strtod(now.value()->c_str(), nullptr);
  for (size_t i = 0; i < replicas_.size(); ++i) {
    if (heartbeats[i]) observations[i].lag_seconds = primary_now - *heartbeats[i];
    std::string reason = ReplicaThrottleReason(observations[i], options_.max_replica_lag);
    if (!reason.empty()) return {true, std::move(reason)};
  }
  return {};
}

std::optional<double> Throttler::Observe(Replica& replica, const Changelog& changelog,
                                         ReplicaObservation& o) {
  o.address = replica.address.ToString();
  if (!replica.connection) {
    auto c = BlockingConnection::Connect(replica.params, "", std::chrono::seconds(2));
    if (!c.ok()) {
      o.unreachable = c.error().message;
      return std::nullopt;
    }
    replica.connection = std::move(c).value();
  }
  std::vector<std::string> names;
  auto status = replica.connection->Query("SHOW SLAVE STATUS", &names);
  if (!status.ok()) {
    o.unreachable = status.error().message;
    replica.connection.reset();  // reconnect next time
    return std::nullopt;
  }
  if (status.value().empty()) {
    o.replicating = false;
    return std::nullopt;
  }
  const TextRow& row = status.value()[0];
  auto column = [&](std::string_view name) -> std::string {
    for (size_t i = 0; i < names.size() && i < row.size(); ++i)
      if (names[i] == name) return row[i].value_or("");
    return "";
  };
  o.io_running = column("Slave_IO_Running");
  o.sql_running = column("Slave_SQL_Running");
  o.last_error = column("Last_SQL_Error");
  if (o.last_error.empty()) o.last_error = column("Last_IO_Error");
  auto heartbeat = changelog.ReadHeartbeat(*replica.connection);
  if (!heartbeat.ok()) {
    o.heartbeat_error = heartbeat.error().message;
    if (heartbeat.error().code >= 2000) replica.connection.reset();  // a client-side failure
    return std::nullopt;
  }
  return heartbeat.value();
}

}  // namespace tessera::vttablet::onlineddl
