// SysbenchRun: runs sysbench against a vtgate and checks it finished cleanly,
// for the suites that run sysbench's OLTP workloads unchanged.
#pragma once

#include <cstdio>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "tests/integration/support/run_shell.h"

namespace tessera::testing {

// `sysbench <workload> ... <command>` on database `db` through the vtgate at
// `port` as app/app: one table of 2000 rows, 3-second runs, text protocol.
inline std::string SysbenchCommand(uint16_t port, const std::string& db,
                                   const std::string& workload, const std::string& command,
                                   int threads, const std::string& extra = "") {
  return "sysbench " + workload +
         " --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=" + std::to_string(port) +
         " --mysql-user=app --mysql-password=app --mysql-db=" + db +
         " --tables=1 --table-size=2000 --db-ps-mode=disable --threads=" + std::to_string(threads) +
         " --time=3 " + extra + " " + command;
}

// Runs `command` (a `run`) and expects exit 0, some queries, and at most
// `max_ignored` ignored errors (sysbench ignores only --mysql-ignore-errors).
inline void ExpectCleanRun(const std::string& command, long max_ignored = 0) {
  auto run = RunShell(command);
  EXPECT_EQ(run.exit_code, 0) << command << "\n" << run.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(run.output, m, std::regex(R"(queries:\s+(\d+))"))) << run.output;
  EXPECT_GT(std::stol(m[1]), 0) << command;
  ASSERT_TRUE(std::regex_search(run.output, m, std::regex(R"(ignored errors:\s+(\d+))")))
      << run.output;
  EXPECT_LE(std::stol(m[1]), max_ignored) << command << "\n" << run.output;
}

// `workload` run on database `db` through the vtgate at `port`, in sysbench's
// default --auto_inc=on mode, with no error ignored.
inline void ExpectCleanWorkload(uint16_t port, const std::string& db, const std::string& workload,
                                int threads) {
  ExpectCleanRun(SysbenchCommand(port, db, workload, "run", threads));
}

}  // namespace tessera::testing
