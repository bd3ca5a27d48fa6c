// Process supervision primitives for the local cluster: spawning detached
// daemons with their output in a log file, pid files, liveness and graceful
// stop (SIGTERM, wait, SIGKILL). Works for our own children (reaped here) and
// for processes started by an earlier `tessera up` (reaped by init).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace tessera::local {

// Starts argv[0] (a path) with argv in a new session, stdin from /dev/null,
// stdout and stderr appended to `log_path`, no other inherited descriptors.
// Returns the child's pid; an exec failure shows up as the child exiting 127
// with a line in the log.
Result<pid_t> SpawnDetached(const std::vector<std::string>& argv, const std::string& log_path);

// True if `pid` names a live (not zombie) process. Reaps it if it is our child
// and has exited.
bool IsProcessAlive(pid_t pid);

// Sends SIGTERM, waits up to `grace` for the process to end, then SIGKILL and
// waits up to 5 more seconds. OK if the process is gone (or was never there).
Status StopProcess(pid_t pid, std::chrono::milliseconds grace);

// Base name of the program a live process runs (argv[0] from /proc), "" if
// unknown. Guards against stale pid files naming a recycled pid.
std::string ProcessProgramName(pid_t pid);

// Pid files: one decimal pid and a newline.
Status WritePidFile(const std::string& path, pid_t pid);
std::optional<pid_t> ReadPidFile(const std::string& path);

// Runs argv to completion with output appended to `log_path`; returns the
// exit status (128 + signal number if killed by a signal).
Result<int> RunAndWait(const std::vector<std::string>& argv, const std::string& log_path);

// Absolute path of `name` found in $PATH, then /usr/sbin, /usr/bin, /sbin;
// nullopt if nowhere executable. A name with a '/' is returned as is.
std::optional<std::string> FindExecutable(const std::string& name);

// The last `max_lines` lines of a text file ("" if unreadable).
std::string FileTail(const std::string& path, size_t max_lines = 20);

}  // namespace tessera::local
