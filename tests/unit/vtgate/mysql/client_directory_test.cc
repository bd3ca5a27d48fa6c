#include "vtgate/mysql/client_directory.h"

#include <memory>
#include <vector>

#include <gtest/gtest.h>

namespace tessera::vtgate::mysql {
namespace {

TEST(ClientDirectory, AdmitsUpToTheLimit) {
  ClientDirectory directory(2);
  EXPECT_TRUE(directory.Admit());
  EXPECT_TRUE(directory.Admit());
  EXPECT_FALSE(directory.Admit());
  EXPECT_EQ(directory.live(), 2u);
  directory.Remove(7);  // an admitted connection that never registered
  EXPECT_EQ(directory.live(), 1u);
  EXPECT_TRUE(directory.Admit());
}

TEST(ClientDirectory, ListsTheUsersConnectionsWithWhatTheyRun) {
  ClientDirectory directory(10);
  auto a = std::make_shared<ClientActivity>("10.0.0.1");
  auto b = std::make_shared<ClientActivity>("10.0.0.2");
  auto c = std::make_shared<ClientActivity>("10.0.0.3");
  for (auto* act : {&a, &b, &c}) ASSERT_TRUE(directory.Admit()) << act;
  directory.Add(12, a, [](KillScope) {});
  directory.Add(5, b, [](KillScope) {});
  directory.Add(9, c, [](KillScope) {});
  a->SetLogin("app", "commerce");
  b->SetLogin("app", "");
  // c never logged in.
  a->Begin("Query", "SELECT SLEEP(5)");

  const auto all = directory.List("");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, 5u);  // by id
  EXPECT_EQ(all[1].id, 9u);
  EXPECT_EQ(all[1].user, "unauthenticated user");
  EXPECT_EQ(all[1].command, "Connect");
  EXPECT_EQ(all[2].id, 12u);
  EXPECT_EQ(all[2].command, "Query");
  EXPECT_EQ(all[2].info, "SELECT SLEEP(5)");
  EXPECT_EQ(all[2].db, "commerce");
  EXPECT_EQ(all[2].host, "10.0.0.1");

  const auto mine = directory.List("app");
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].command, "Sleep");

  a->End("customer");
  const auto after = directory.List("app");
  EXPECT_EQ(after[1].command, "Sleep");
  EXPECT_EQ(after[1].info, "");
  EXPECT_EQ(after[1].db, "customer");

  directory.Remove(5);
  EXPECT_EQ(directory.List("app").size(), 1u);
  EXPECT_EQ(directory.live(), 2u);
}

TEST(ClientDirectory, KillReachesTheOwnersConnectionOnly) {
  ClientDirectory directory(10);
  auto activity = std::make_shared<ClientActivity>("h");
  activity->SetLogin("app", "");
  std::vector<KillScope> kills;
  ASSERT_TRUE(directory.Admit());
  directory.Add(3, activity, [&kills](KillScope scope) { kills.push_back(scope); });

  Status unknown = directory.Kill(4, KillScope::kQuery, "app");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, 1094);
  EXPECT_EQ(unknown.error().message, "Unknown thread id: 4");

  Status other = directory.Kill(3, KillScope::kConnection, "intruder");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, 1095);
  EXPECT_EQ(other.error().message, "You are not owner of thread 3");
  EXPECT_TRUE(kills.empty());

  EXPECT_TRUE(directory.Kill(3, KillScope::kQuery, "app").ok());
  EXPECT_TRUE(directory.Kill(3, KillScope::kConnection, "app").ok());
  EXPECT_EQ(kills, (std::vector<KillScope>{KillScope::kQuery, KillScope::kConnection}));
}

}  // namespace
}  // namespace tessera::vtgate::mysql
