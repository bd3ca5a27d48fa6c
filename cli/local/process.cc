#include "cli/local/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>

namespace tessera::local {
namespace {

// Zombies still answer kill(pid, 0); /proc tells them apart. A killed
// multi-threaded process shows its leader as a zombie while other threads
// are still exiting and still hold its sockets, so every task must be done.
bool IsZombie(pid_t pid) {
  const std::string task_dir = "/proc/" + std::to_string(pid) + "/task";
  std::error_code ec;
  bool any_task = false;
  for (const auto& entry : std::filesystem::directory_iterator(task_dir, ec)) {
    any_task = true;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;  // gone meanwhile
    auto close_paren = line.rfind(')');
    if (close_paren == std::string::npos || close_paren + 2 >= line.size()) return false;
    char state = line[close_paren + 2];
    if (state != 'Z' && state != 'X') return false;
  }
  return any_task;
}

[[noreturn]] void ExecChild(const std::vector<std::string>& argv, const std::string& log_path) {
  setsid();
  int null_fd = open("/dev/null", O_RDONLY);
  int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (null_fd < 0 || log_fd < 0) _exit(126);
  dup2(null_fd, STDIN_FILENO);
  dup2(log_fd, STDOUT_FILENO);
  dup2(log_fd, STDERR_FILENO);
  close_range(3, ~0U, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  dprintf(STDERR_FILENO, "cannot execute %s: %s\n", args[0], strerror(errno));
  _exit(127);
}

}  // namespace

Result<pid_t> SpawnDetached(const std::vector<std::string>& argv, const std::string& log_path) {
  if (argv.empty()) return Error::Internal("SpawnDetached: empty argv");
  if (access(argv[0].c_str(), X_OK) != 0) {
    return Error::Internal("cannot execute " + argv[0] + ": " + strerror(errno));
  }
  pid_t pid = fork();
  if (pid < 0) return Error::Internal(std::string("fork failed: ") + strerror(errno));
  if (pid == 0) ExecChild(argv, log_path);
  return pid;
}

Result<int> RunAndWait(const std::vector<std::string>& argv, const std::string& log_path) {
  auto pid = SpawnDetached(argv, log_path);
  if (!pid.ok()) return pid.error();
  int status = 0;
  while (waitpid(*pid, &status, 0) < 0) {
    if (errno != EINTR) return Error::Internal(std::string("waitpid: ") + strerror(errno));
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

std::optional<std::string> FindExecutable(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  std::string dirs;
  if (const char* path = std::getenv("PATH")) dirs = path;
  dirs += ":/usr/sbin:/usr/bin:/sbin:/usr/local/sbin:/usr/local/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      std::string candidate = dir + "/" + name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

bool IsProcessAlive(pid_t pid) {
  if (pid <= 0) return false;
  int status = 0;
  pid_t r = waitpid(pid, &status, WNOHANG);
  if (r == pid) return false;  // our child, now reaped
  if (r == 0) return true;     // our child; the kernel reaps only a fully exited one
  if (kill(pid, 0) != 0 && errno == ESRCH) return false;
  return !IsZombie(pid);
}

Status StopProcess(pid_t pid, std::chrono::milliseconds grace) {
  using Clock = std::chrono::steady_clock;
  if (!IsProcessAlive(pid)) return Status::Ok();
  auto wait_gone = [pid](std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      if (!IsProcessAlive(pid)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !IsProcessAlive(pid);
  };
  kill(pid, SIGTERM);
  if (wait_gone(grace)) return Status::Ok();
  kill(pid, SIGKILL);
  if (wait_gone(std::chrono::seconds(5))) return Status::Ok();
  return Error::Internal("process " + std::to_string(pid) + " survived SIGKILL");
}

std::string ProcessProgramName(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::string argv0;
  if (!std::getline(in, argv0, '\0')) return "";
  auto slash = argv0.rfind('/');
  return slash == std::string::npos ? argv0 : argv0.substr(slash + 1);
}

Status WritePidFile(const std::string& path, pid_t pid) {
  std::ofstream out(path, std::ios::trunc);
  out << pid << "\n";
  if (!out) return Error::Internal("cannot write pid file " + path);
  return Status::Ok();
}

std::optional<pid_t> ReadPidFile(const std::string& path) {
  std::ifstream in(path);
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  return static_cast<pid_t>(pid);
}

std::string FileTail(const std::string& path, size_t max_lines) {
  std::ifstream in(path);
  std::deque<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    lines.push_back(std::move(line));
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace tessera::local
