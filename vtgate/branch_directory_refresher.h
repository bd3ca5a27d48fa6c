// BranchDirectoryRefresher: keeps a BranchDirectory current by reading
// schemad's metadata store (`_tessera.credentials` and `_tessera.branches`)
// through the metadata keyspace's tablet, once per `interval`, on a thread
// of its own. Failed reads (store not created yet, tablet down) keep the last
// snapshot and are retried.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "config/topology.h"
#include "vtgate/branch_directory.h"

namespace tessera::vtgate {

class BranchDirectoryRefresher {
 public:
  BranchDirectoryRefresher(BranchDirectory& directory, config::Endpoint metadata_tablet,
                           std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  ~BranchDirectoryRefresher();

  void Start();
  void Stop();

 private:
  void Loop();
  bool RefreshOnce();

  BranchDirectory& directory_;
  config::Endpoint tablet_;
  std::chrono::milliseconds interval_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace tessera::vtgate
