#include "vttablet/onlineddl/heartbeat_writer.h"

#include <memory>

#include "common/logging.h"
#include "vttablet/mariadb/blocking_connection.h"

namespace tessera::vttablet::onlineddl {

HeartbeatWriter::HeartbeatWriter(MariaDbParams params, Changelog changelog,
                                 std::chrono::milliseconds interval)
    : params_(std::move(params)),
      changelog_(std::move(changelog)),
      interval_(interval),
      thread_([this] { Loop(); }) {}

HeartbeatWriter::~HeartbeatWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  thread_.join();
}

void HeartbeatWriter::Loop() {
  auto log = GetLogger("onlineddl");
  std::unique_ptr<BlockingConnection> connection;
  bool failing = false;
  auto next = std::chrono::steady_clock::now();
  for (;;) {
    Status written = Status::Ok();
    if (!connection) {
      auto c = BlockingConnection::Connect(params_, "", std::chrono::seconds(5));
      if (c.ok()) {
        connection = std::move(c).value();
      } else {
        written = std::move(c).error();
      }
    }
    if (connection) {
      written = changelog_.WriteHeartbeat(*connection);
      if (!written.ok()) connection.reset();
    }
    if (!written.ok() && !failing) {
      log->warn("cannot write the heartbeat to `{}`.`{}`: {}", changelog_.database(),
                changelog_.table(), written.error().message);
    } else if (written.ok() && failing) {
      log->info("heartbeats to `{}`.`{}` are written again", changelog_.database(),
                changelog_.table());
    }
    failing = !written.ok();
    next += interval_;
    auto now = std::chrono::steady_clock::now();
    if (next < now) next = now;  // a slow write does not cause a burst after it
    std::unique_lock lock(mutex_);
    if (stop_signal_.wait_until(lock, next, [this] { return stopping_; })) return;
  }
}

}  // namespace tessera::vttablet::onlineddl
