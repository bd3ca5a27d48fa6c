// DeployPoller: the background thread of schemad that keeps deploy requests
// moving without anyone watching: it calls DeployRequests::Advance every
// `interval` (and once right after Start, which resumes whatever a previous
// schemad left running). Stop (or the destructor) ends the thread after the
// pass in progress.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "schema/deploy/deploy_requests.h"

namespace tessera::schema {

class DeployPoller {
 public:
  DeployPoller(DeployRequests& requests, std::chrono::milliseconds interval)
      : requests_(requests), interval_(interval) {}
  ~DeployPoller() { Stop(); }
  DeployPoller(const DeployPoller&) = delete;
  DeployPoller& operator=(const DeployPoller&) = delete;

  void Start();
  void Stop();

 private:
  void Loop();

  DeployRequests& requests_;
  std::chrono::milliseconds interval_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace tessera::schema
