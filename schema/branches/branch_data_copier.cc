#include "schema/branches/branch_data_copier.h"

#include <vector>

#include "common/logging.h"
#include "schema/store/branch_record.h"
#include "schema/store/service_error.h"
#include "schema/store/sql_login.h"

namespace tessera::schema {

struct BranchDataCopier::Job {
  config::KeyspaceConfig keyspace;
  std::string branch;
  std::string from;
  std::string to;
  std::atomic<bool> cancelled{false};  // by Cancel: save nothing more
  std::atomic<bool> stop{false};       // tells the shards to stop (cancelled, or a shard failed)
  std::atomic<bool> finished{false};
  std::thread thread;

  // Progress, shared by the shard threads.
  std::mutex mutex;
  BranchDataProgress progress;
  std::chrono::steady_clock::time_point started;
  std::chrono::steady_clock::time_point last_saved;
};

namespace {

uint64_t ElapsedMs(std::chrono::steady_clock::time_point since) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now() - since)
                                   .count());
}

void SumShards(BranchDataProgress& p) {
  p.rows_copied = 0;
  p.rows_estimated = 0;
  for (const auto& s : p.shards) {
    p.rows_copied += s.rows_copied;
    p.rows_estimated += s.rows_estimated;
  }
}

}  // namespace

BranchDataCopier::BranchDataCopier(MetadataStore& store, DataCopySettings settings)
    : store_(store), settings_(settings) {}

BranchDataCopier::~BranchDataCopier() {
  std::map<Key, std::unique_ptr<Job>> jobs;
  {
    std::lock_guard lock(mutex_);
    jobs.swap(jobs_);
  }
  for (auto& [key, job] : jobs) {
    job->cancelled = true;
    job->stop = true;
  }
  for (auto& [key, job] : jobs)
    if (job->thread.joinable()) job->thread.join();
}

void BranchDataCopier::ReapFinishedLocked() {
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    if (it->second->finished.load()) {
      if (it->second->thread.joinable()) it->second->thread.join();
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

void BranchDataCopier::Start(const config::KeyspaceConfig& keyspace, const std::string& branch,
                             const std::string& from, const std::string& to) {
  Cancel(keyspace.name, branch);
  auto job = std::make_unique<Job>();
  job->keyspace = keyspace;
  job->branch = branch;
  job->from = from;
  job->to = to;
  job->started = std::chrono::steady_clock::now();
  job->last_saved = job->started;
  for (const auto& shard : keyspace.shards)
    job->progress.shards.push_back(ShardDataProgress{shard.name, data_state::kCopying, 0, 0});
  Job& ref = *job;
  std::lock_guard lock(mutex_);
  ReapFinishedLocked();
  job->thread = std::thread([this, &ref] { RunJob(ref); });
  jobs_[{keyspace.name, branch}] = std::move(job);
}

void BranchDataCopier::Cancel(const std::string& keyspace, const std::string& branch) {
  std::unique_ptr<Job> job;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find({keyspace, branch});
    if (it == jobs_.end()) return;
    job = std::move(it->second);
    jobs_.erase(it);
  }
  job->cancelled = true;
  job->stop = true;
  if (job->thread.joinable()) job->thread.join();
}

void BranchDataCopier::RunJob(Job& job) {
  auto log = GetLogger("branch-data");
  const std::string& ks = job.keyspace.name;
  log->info("copying the data of {} into {} ({} shard(s))", job.from, job.to,
            job.keyspace.shards.size());
  // Saves the progress in `state`; `force` ignores the interval. Holds job.mutex.
  auto save_locked = [&](const std::string& state, bool force) {
    if (!force && std::chrono::steady_clock::now() - job.last_saved < settings_.progress_interval)
      return;
    job.last_saved = std::chrono::steady_clock::now();
    job.progress.elapsed_ms = ElapsedMs(job.started);
    SumShards(job.progress);
    // The final state is retried: a branch must not stay "copying" because
    // the metadata server blinked at the end.
    for (int attempt = 0;; ++attempt) {
      auto saved = store_.SaveBranchData(ks, job.branch, state, job.progress, data_state::kCopying);
      if (saved.ok()) return;
      log->warn("branch {}/{}: {}", ks, job.branch, saved.error().message);
      if (state == data_state::kCopying || attempt == 4 || job.cancelled.load()) return;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  };

  std::vector<Status> results(job.keyspace.shards.size(), Status::Ok());
  std::vector<std::thread> shards;
  for (size_t i = 0; i < job.keyspace.shards.size(); ++i) {
    shards.emplace_back([&, i] {
      const config::ShardConfig& shard = job.keyspace.shards[i];
      ShardDataCopy copy(SqlLogin::For(shard.mariadb), job.from, job.to, settings_.copy);
      Status s = copy.Run(job.stop, [&](uint64_t copied, uint64_t estimated) {
        std::lock_guard lock(job.mutex);
        job.progress.shards[i].rows_copied = copied;
        job.progress.shards[i].rows_estimated = estimated;
        // The first call brings the estimate: shown at once.
        save_locked(data_state::kCopying, /*force=*/copied == 0);
      });
      std::lock_guard lock(job.mutex);
      auto& p = job.progress.shards[i];
      if (s.ok()) {
        p.state = data_state::kComplete;
        p.rows_estimated = p.rows_copied;  // the estimate was one; now it is known
      } else {
        p.state = data_state::kFailed;
        // The first failure stops the other shards: the branch fails anyway.
        job.stop = true;
        results[i] = WithContext("shard " + ks + "/" + shard.name, s.error());
      }
    });
  }
  for (auto& t : shards) t.join();

  std::lock_guard lock(job.mutex);
  if (job.cancelled.load()) {
    log->info("data copy of {} into {} cancelled", job.from, job.to);
  } else {
    // The first real failure; shards stopped because of it say "cancelled".
    std::string failure;
    for (const auto& r : results) {
      if (r.ok()) continue;
      const bool stopped = r.error().message.ends_with(ShardDataCopy::kStopped);
      if (failure.empty() || !stopped) failure = r.error().message;
      if (!stopped) break;
    }
    if (failure.empty()) {
      save_locked(data_state::kComplete, true);
      log->info("copied {} row(s) of {} into {} in {} ms", job.progress.rows_copied, job.from,
                job.to, job.progress.elapsed_ms);
    } else {
      job.progress.message = failure;
      save_locked(data_state::kFailed, true);
      log->warn("data copy of {} into {} failed: {}", job.from, job.to, failure);
    }
  }
  job.finished = true;
}

}  // namespace tessera::schema
