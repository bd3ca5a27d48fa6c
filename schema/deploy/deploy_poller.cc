#include "schema/deploy/deploy_poller.h"

#include <exception>

#include "common/logging.h"

namespace tessera::schema {

void DeployPoller::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void DeployPoller::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeployPoller::Loop() {
  for (;;) {
    try {
      requests_.Advance();
    } catch (const std::exception& e) {
      GetLogger("deploy")->error("deploy pass failed: {}", e.what());
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
  }
}

}  // namespace tessera::schema
