// The throttler's pure parts (throttler.h): the --throttle-replicas list and
// the verdict on one replica's observation. Its checks against real servers
// are in tests/integration/onlineddl/replica_lag_test.cc.
#include "vttablet/onlineddl/throttler.h"

#include <gtest/gtest.h>

namespace tessera::vttablet::onlineddl {
namespace {

using std::chrono::milliseconds;

TEST(ParseReplicaAddresses, ReadsHostPortLists) {
  auto parsed = ParseReplicaAddresses("127.0.0.1:3307, replica-2.example:13306,[::1]:3308");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed.value().size(), 3u);
  EXPECT_EQ(parsed.value()[0], (ReplicaAddress{"127.0.0.1", 3307}));
  EXPECT_EQ(parsed.value()[1], (ReplicaAddress{"replica-2.example", 13306}));
  EXPECT_EQ(parsed.value()[2], (ReplicaAddress{"::1", 3308}));
  EXPECT_EQ(parsed.value()[0].ToString(), "127.0.0.1:3307");
  EXPECT_EQ(parsed.value()[2].ToString(), "[::1]:3308");
}

TEST(ParseReplicaAddresses, EmptyTextIsNoReplicas) {
  for (const char* text : {"", " ", "\t"}) {
    auto parsed = ParseReplicaAddresses(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_TRUE(parsed.value().empty());
  }
}

TEST(ParseReplicaAddresses, RefusesBadItemsNamingThem) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"127.0.0.1", "'127.0.0.1' is not host:port (no port)"},
      {"127.0.0.1:", "'127.0.0.1:' is not host:port (the port must be a number from 1 to 65535)"},
      {":3306", "':3306' is not host:port (no host)"},
      {"h:0", "'h:0' is not host:port (the port must be a number from 1 to 65535)"},
      {"h:65536", "'h:65536' is not host:port (the port must be a number from 1 to 65535)"},
      {"h:33o6", "'h:33o6' is not host:port (the port must be a number from 1 to 65535)"},
      {"h:-1", "'h:-1' is not host:port (the port must be a number from 1 to 65535)"},
      {"h:123456", "'h:123456' is not host:port (the port must be a number from 1 to 65535)"},
      {"::1:3306", "'::1:3306' is not host:port (write an IPv6 address as [address]:port)"},
      {"[::1:3306", "'[::1:3306' is not host:port (no ']' after the IPv6 address)"},
      {"[::1]3306", "'[::1]3306' is not host:port (no port)"},
      {"[]:3306", "'[]:3306' is not host:port (no host)"},
      {"a:1,,b:2", "an empty item in the replica list"},
      {"a:1,", "an empty item in the replica list"},
      {"a:1, a:1", "'a:1' is listed twice"},
  };
  for (const auto& [text, message] : bad) {
    auto parsed = ParseReplicaAddresses(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().message, message) << text;
  }
}

ReplicaObservation Healthy(double lag) {
  ReplicaObservation o;
  o.address = "127.0.0.1:3307";
  o.io_running = "Yes";
  o.sql_running = "Yes";
  o.lag_seconds = lag;
  return o;
}

TEST(ReplicaThrottleReason, AReplicaWithinTheLimitDoesNotThrottle) {
  EXPECT_EQ(ReplicaThrottleReason(Healthy(0.25), milliseconds(1000)), "");
  EXPECT_EQ(ReplicaThrottleReason(Healthy(1.0), milliseconds(1000)), "");
  // Clocks read a moment apart can make the lag slightly negative.
  EXPECT_EQ(ReplicaThrottleReason(Healthy(-0.002), milliseconds(1000)), "");
}

TEST(ReplicaThrottleReason, ALaggingReplicaThrottlesWithItsLag) {
  EXPECT_EQ(ReplicaThrottleReason(Healthy(3.24), milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 lags 3.2 s");
  EXPECT_EQ(ReplicaThrottleReason(Healthy(1.05), milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 lags 1.1 s");
  EXPECT_EQ(ReplicaThrottleReason(Healthy(0.3), milliseconds(200)),
            "throttled: replica 127.0.0.1:3307 lags 0.3 s");
}

TEST(ReplicaThrottleReason, StoppedReplicationThrottlesEvenWithoutLagYet) {
  auto o = Healthy(0.1);
  o.sql_running = "No";
  EXPECT_EQ(ReplicaThrottleReason(o, milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 lags 0.1 s; its SQL thread is stopped");
  o = Healthy(5.0);
  o.io_running = "Connecting";
  o.last_error = "error reconnecting to master";
  EXPECT_EQ(ReplicaThrottleReason(o, milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 lags 5.0 s; its IO thread is connecting (error "
            "reconnecting to master)");
  o = Healthy(0.0);
  o.io_running = "No";
  o.sql_running = "No";
  EXPECT_EQ(ReplicaThrottleReason(o, milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 lags 0.0 s; its IO thread is stopped and its SQL "
            "thread is stopped");
}

TEST(ReplicaThrottleReason, AnUnknownLagThrottlesAndSaysWhy) {
  ReplicaObservation unreachable;
  unreachable.address = "10.0.0.9:3306";
  unreachable.unreachable = "cannot connect to MariaDB at 10.0.0.9:3306: timed out";
  EXPECT_EQ(ReplicaThrottleReason(unreachable, milliseconds(1000)),
            "throttled: replica 10.0.0.9:3306 cannot be checked: cannot connect to MariaDB at "
            "10.0.0.9:3306: timed out");

  ReplicaObservation not_a_replica;
  not_a_replica.address = "10.0.0.9:3306";
  not_a_replica.replicating = false;
  EXPECT_EQ(ReplicaThrottleReason(not_a_replica, milliseconds(1000)),
            "throttled: replica 10.0.0.9:3306 is not replicating (SHOW SLAVE STATUS is empty)");

  auto no_row = Healthy(0);
  no_row.lag_seconds.reset();
  EXPECT_EQ(ReplicaThrottleReason(no_row, milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 has no heartbeat of this migration yet");

  auto no_table = Healthy(0);
  no_table.lag_seconds.reset();
  no_table.sql_running = "No";
  no_table.heartbeat_error = "Table 'vt_ddl.t_x_ghc' doesn't exist";
  EXPECT_EQ(ReplicaThrottleReason(no_table, milliseconds(1000)),
            "throttled: replica 127.0.0.1:3307 has no heartbeat of this migration: Table "
            "'vt_ddl.t_x_ghc' doesn't exist; its SQL thread is stopped");
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
