#include "config/loader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "config/password_hash.h"

namespace tessera::config {
namespace {

// A small valid config; bad configs below are edits of it.
constexpr const char* kGood = R"yaml(state_dir: /tmp/st
vtgate: {host: 127.0.0.1, port: 20000}
users:
  - {name: app, password: app}
  - {name: ro, password_hash: "*5bcb3e6ac345b435c7c2e6b7949a04ce6f6563d3"}
keyspaces:
  main:
    shards:
      - name: "0"
        tablet: {port: 20001}
        mariadb: {port: 20002, server_id: 1}
    tables:
      t:
    schema: ["CREATE TABLE t (id INT PRIMARY KEY)"]
  sh:
    sharded: true
    vindexes:
      hash: {type: hash}
    tables:
      a:
        column_vindexes: [{column: id, vindex: hash}]
      r: {type: reference}
    shards:
      - name: "80-"
        tablet: {port: 20011}
        mariadb: {port: 20012, server_id: 2}
      - name: "-80"
        tablet: {port: 20021}
        mariadb: {port: 20022, server_id: 3}
)yaml";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << "test bug: " << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

// Parses `yaml` and returns the error message ("" if it loaded).
std::string ErrorOf(const std::string& yaml) {
  auto topo = ParseTopology(yaml, "t.yaml");
  return topo.ok() ? "" : topo.error().message;
}

TEST(ConfigLoaderTest, LoadsGoodConfig) {
  auto topo = ParseTopology(kGood, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_EQ(topo->source_file, "t.yaml");
  EXPECT_EQ(topo->state_dir, "/tmp/st");
  EXPECT_EQ(topo->vtgate.listen.port, 20000);
  ASSERT_EQ(topo->users.size(), 2u);
  EXPECT_EQ(topo->users[0].password_hash, "*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3");
  EXPECT_EQ(topo->users[1].password_hash, "*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3");
  const KeyspaceConfig* main = topo->FindKeyspace("main");
  ASSERT_NE(main, nullptr);
  EXPECT_FALSE(main->sharded);
  EXPECT_EQ(main->DatabaseName(), "vt_main");
  ASSERT_EQ(main->shards.size(), 1u);
  EXPECT_EQ(main->shards[0].tablet.host, "127.0.0.1");
  EXPECT_EQ(main->shards[0].mariadb.user, "root");
  EXPECT_EQ(main->shards[0].mariadb.server_id, 1u);
  ASSERT_EQ(main->schema.size(), 1u);
  ASSERT_EQ(main->tables.size(), 1u);
  EXPECT_EQ(main->tables[0].name, "t");
  const KeyspaceConfig* sh = topo->FindKeyspace("sh");
  ASSERT_NE(sh, nullptr);
  EXPECT_TRUE(sh->sharded);
  ASSERT_EQ(sh->shards.size(), 2u);
  EXPECT_EQ(sh->shards[0].name, "-80");  // sorted by key range
  EXPECT_EQ(sh->shards[1].name, "80-");
  ASSERT_EQ(sh->vindexes.size(), 1u);
  EXPECT_EQ(sh->vindexes[0].type, "hash");
  ASSERT_EQ(sh->tables.size(), 2u);
  EXPECT_EQ(sh->tables[0].column_vindexes[0].column, "id");
  EXPECT_EQ(sh->tables[0].column_vindexes[0].vindex, "hash");
  EXPECT_EQ(sh->tables[1].type, "reference");
}

TEST(ConfigLoaderTest, LoadsExampleFiles) {
  for (const char* name : {"local.yaml", "compose.yaml"}) {
    std::string path = std::string(TESSERA_SOURCE_DIR) + "/config/examples/" + name;
    auto topo = LoadTopology(path);
    ASSERT_TRUE(topo.ok()) << topo.error().message;
    ASSERT_NE(topo->FindKeyspace("commerce"), nullptr);
    ASSERT_NE(topo->FindKeyspace("customer"), nullptr);
    EXPECT_EQ(topo->FindKeyspace("customer")->shards.size(), 2u);
    EXPECT_EQ(topo->FindKeyspace("customer")->tables.size(), 2u);
    EXPECT_EQ(topo->users.at(0).password_hash, NativePasswordHash("app"));
  }
}

TEST(ConfigLoaderTest, MissingFileNamed) {
  auto topo = LoadTopology("/nonexistent/x.yaml");
  ASSERT_FALSE(topo.ok());
  EXPECT_EQ(topo.error().message, "/nonexistent/x.yaml: cannot open config file");
}

TEST(ConfigLoaderTest, PasswordHashMatchesMariaDb) {
  // SELECT PASSWORD('app') on MariaDB 10.11.
  EXPECT_EQ(NativePasswordHash("app"), "*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3");
  EXPECT_TRUE(IsNativePasswordHash("*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3"));
  EXPECT_FALSE(IsNativePasswordHash("5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3"));
  EXPECT_FALSE(IsNativePasswordHash("*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563DZ"));
}

struct BadCase {
  const char* from;
  const char* to;
  const char* message;
};

TEST(ConfigLoaderTest, BadConfigsNameFileLineAndProblem) {
  const BadCase cases[] = {
      {"state_dir: /tmp/st", "state_dir: /tmp/st\nbogus: 1",
       "t.yaml:2: config: unknown key \"bogus\" (expected one of: state_dir, vtgate, users, "
       "keyspaces, schemad, online_ddl)"},
      {"        tablet: {port: 20001}", "        tablet: {port: 20001, hots: x}",
       "t.yaml:10: shard main/0 tablet: unknown key \"hots\" (expected one of: host, port)"},
      {"        mariadb: {port: 20002, server_id: 1}", "        mariadb: {port: 20002}",
       "t.yaml:11: shard main/0 mariadb: missing required key \"server_id\""},
      {"tablet: {port: 20001}", "tablet: {port: 0}",
       "t.yaml:10: shard main/0 tablet port must be an integer from 1 to 65535, not \"0\""},
      {"tablet: {port: 20001}", "tablet: {port: 20000}",
       "t.yaml:10: shard main/0 tablet: port 20000 on 127.0.0.1 is already used by vtgate"},
      {"mariadb: {port: 20022, server_id: 3}",
       "mariadb: {host: localhost, port: 20011, server_id: 3}",
       "t.yaml:29: shard sh/-80 mariadb: port 20011 on localhost is already used by shard sh/80- "
       "tablet"},
      {"server_id: 3}", "server_id: 2}",
       "t.yaml:29: shard sh/-80: server_id 2 is already used by shard sh/80-"},
      {"name: \"-80\"", "name: \"-40\"",
       "t.yaml:24: keyspace \"sh\": shards leave the key range 40-80 uncovered"},
      {"name: \"-80\"", "name: \"-c0\"", "t.yaml:24: keyspace \"sh\": shards -c0 and 80- overlap"},
      {"name: \"-80\"", "name: \"-8\"",
       "t.yaml:27: keyspace \"sh\": shard \"-8\": key range bound \"8\" needs an even number of "
       "hex "
       "digits"},
      {"name: \"0\"", "name: \"-80\"",
       "t.yaml:9: keyspace \"main\": an unsharded keyspace has one shard \"0\" (or \"-\"), not "
       "\"-80\""},
      {"hash: {type: hash}", "hash: {type: md5}",
       "t.yaml:18: keyspace \"sh\" vindex \"hash\": unknown vindex type \"md5\" (known: binary, "
       "binary_md5, hash, lookup, lookup_unique, numeric, unicode_loose_md5, xxhash)"},
      {"{column: id, vindex: hash}", "{column: id, vindex: hsh}",
       "t.yaml:21: keyspace \"sh\" table \"a\": vindex \"hsh\" is not defined in keyspace \"sh\""},
      {"        column_vindexes: [{column: id, vindex: hash}]\n", "",
       "t.yaml:20: keyspace \"sh\" table \"a\": a sharded table needs a column vindex (or type: "
       "reference)"},
      {"{name: ro, password_hash: \"*5bcb3e6ac345b435c7c2e6b7949a04ce6f6563d3\"}",
       "{name: ro, password_hash: \"5bcb\"}",
       "t.yaml:5: user \"ro\": password_hash must be \"*\" followed by 40 hex digits"},
      {"{name: app, password: app}", "{name: app}",
       "t.yaml:4: user \"app\": give exactly one of \"password\" or \"password_hash\""},
      {"{name: ro,", "{name: app,", "t.yaml:5: user \"app\" repeated"},
      {"vtgate: {host: 127.0.0.1, port: 20000}", "vtgate: {host: 127.0.0.1, port: 20000",
       "t.yaml:3: end of map flow not found"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ErrorOf(Replace(kGood, c.from, c.to)), c.message) << "edit: " << c.to;
  }
}

TEST(ConfigLoaderTest, AutoIncrementResolvesItsSequence) {
  const std::string with_sequence =
      Replace(Replace(kGood, "    tables:\n      t:\n",
                      "    tables:\n      t:\n      a_seq: {type: sequence}\n"),
              "        column_vindexes: [{column: id, vindex: hash}]\n",
              "        column_vindexes: [{column: id, vindex: hash}]\n"
              "        auto_increment: {column: id, sequence: a_seq}\n");
  auto topo = ParseTopology(with_sequence, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  const auto& table = topo->FindKeyspace("sh")->tables[0];
  ASSERT_TRUE(table.auto_increment.has_value());
  EXPECT_EQ(table.auto_increment->column, "id");
  EXPECT_EQ(table.auto_increment->sequence_keyspace, "main");
  EXPECT_EQ(table.auto_increment->sequence_table, "a_seq");
  // Qualified names work; unknown ones, and sequences in sharded keyspaces, do not.
  EXPECT_EQ(ErrorOf(Replace(with_sequence, "sequence: a_seq", "sequence: main.a_seq")), "");
  EXPECT_EQ(ErrorOf(Replace(with_sequence, "sequence: a_seq", "sequence: sh.a_seq")),
            "t.yaml:23: keyspace \"sh\" table \"a\" auto_increment: no table of type sequence "
            "named \"sh.a_seq\" in an unsharded keyspace");
  EXPECT_EQ(ErrorOf(Replace(with_sequence, "sequence: a_seq", "sequence: t")),
            "t.yaml:23: keyspace \"sh\" table \"a\" auto_increment: no table of type sequence "
            "named \"t\" in an unsharded keyspace");
  EXPECT_EQ(ErrorOf(Replace(with_sequence, "r: {type: reference}", "r: {type: sequence}")),
            "t.yaml:24: keyspace \"sh\" table \"r\": sequence tables live in an unsharded "
            "keyspace");
  EXPECT_NE(ErrorOf(Replace(with_sequence, "{column: id, sequence: a_seq}", "{sequence: a_seq}"))
                .find("column"),
            std::string::npos);
}

TEST(ConfigLoaderTest, TablesListTheirColumnsAsVitessDoes) {
  const std::string with_columns =
      Replace(kGood, "        column_vindexes: [{column: id, vindex: hash}]\n",
              "        column_vindexes: [{column: id, vindex: hash}]\n"
              "        columns: [{name: id, type: INT64}, {name: Email, type: VARCHAR}]\n"
              "        column_list_authoritative: true\n");
  auto topo = ParseTopology(with_columns, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  const auto& table = topo->FindKeyspace("sh")->tables[0];
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[1].name, "Email");
  EXPECT_EQ(table.columns[1].type, "VARCHAR");
  EXPECT_TRUE(table.column_list_authoritative);
  EXPECT_FALSE(topo->FindKeyspace("sh")->tables[1].column_list_authoritative);
  // The JSON form of the same.
  EXPECT_EQ(ErrorOf(Replace(with_columns, "columns: [{name: id, type: INT64},",
                            "\"columns\": [{\"name\": \"id\"},")),
            "");
  EXPECT_EQ(ErrorOf(Replace(with_columns, "{name: Email, type: VARCHAR}", "{name: ID}")),
            "t.yaml:22: keyspace \"sh\" table \"a\": column \"ID\" listed twice");
  EXPECT_EQ(ErrorOf(Replace(with_columns, "{name: Email, type: VARCHAR}", "{type: VARCHAR}")),
            "t.yaml:22: keyspace \"sh\" table \"a\" column: missing required key \"name\"");
  EXPECT_EQ(ErrorOf(Replace(with_columns,
                            "        columns: [{name: id, type: INT64}, {name: Email, type: "
                            "VARCHAR}]\n",
                            "")),
            "t.yaml:22: keyspace \"sh\" table \"a\": column_list_authoritative needs a "
            "columns list");
}

TEST(ConfigLoaderTest, LookupVindexesNeedTableFromAndTo) {
  auto with = [](const std::string& spec) {
    return Replace(kGood, "hash: {type: hash}", "hash: {type: hash}\n      idx: " + spec);
  };
  EXPECT_EQ(ErrorOf(with("{type: lookup_unique, params: {table: main.t, from: v, to: ksid}}")), "");
  EXPECT_EQ(ErrorOf(with("{type: lookup, params: {table: main.t, from: v}}")),
            "t.yaml:19: keyspace \"sh\" vindex \"idx\": a lookup vindex needs params table "
            "(keyspace.table), from and to; to is missing");
  EXPECT_EQ(ErrorOf(with("{type: lookup_unique, params: {table: t, from: v, to: ksid}}")),
            "t.yaml:19: keyspace \"sh\" vindex \"idx\": table \"t\" must be written "
            "keyspace.table");
  EXPECT_EQ(ErrorOf(with("{type: lookup, params: {table: main.t, from: v, to: k, owner: a}}")),
            "t.yaml:19: keyspace \"sh\" vindex \"idx\": unknown param \"owner\" (a lookup vindex "
            "takes table, from, to)");
}

TEST(ConfigLoaderTest, AutoVschemaNeedsAVindexAndAnUnshardedSequenceKeyspace) {
  const std::string with_auto = Replace(kGood, "  sh:\n    sharded: true\n",
                                        "  sh:\n    sharded: true\n    auto_vschema: {vindex: "
                                        "hash, sequence_keyspace: main}\n");
  auto topo = ParseTopology(with_auto, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  ASSERT_TRUE(topo->FindKeyspace("sh")->auto_vschema.has_value());
  EXPECT_EQ(topo->FindKeyspace("sh")->auto_vschema->vindex, "hash");
  EXPECT_EQ(topo->FindKeyspace("sh")->auto_vschema->sequence_keyspace, "main");
  EXPECT_EQ(ErrorOf(Replace(with_auto, "{vindex: hash,", "{vindex: nope,")),
            "t.yaml:17: keyspace \"sh\" auto_vschema: vindex \"nope\" is not defined in keyspace "
            "\"sh\"");
  EXPECT_EQ(ErrorOf(Replace(with_auto, "sequence_keyspace: main", "sequence_keyspace: sh")),
            "t.yaml:17: keyspace \"sh\" auto_vschema sequence_keyspace: \"sh\" is not an "
            "unsharded keyspace of this cluster");
  EXPECT_NE(ErrorOf(Replace(kGood, "    tables:\n      t:\n",
                            "    auto_vschema: {vindex: hash}\n    tables:\n      t:\n"))
                .find("only a sharded keyspace shards new tables"),
            std::string::npos);
}

TEST(ConfigLoaderTest, UnshardedKeyspaceHasOneShard) {
  std::string two_shards =
      Replace(kGood, "    tables:\n      t:\n",
              "      - name: \"-\"\n        tablet: {port: 20101}\n"
              "        mariadb: {port: 20102, server_id: 9}\n    tables:\n      t:\n");
  std::string error = ErrorOf(two_shards);
  EXPECT_NE(error.find("t.yaml:"), std::string::npos) << error;
  EXPECT_NE(error.find("keyspace \"main\""), std::string::npos) << error;
}

TEST(ConfigLoaderTest, SchemadSectionIsOptional) {
  auto topo = ParseTopology(kGood, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_FALSE(topo->schemad.has_value());
}

TEST(ConfigLoaderTest, SchemadDefaults) {
  auto topo = ParseTopology(std::string(kGood) + "schemad: {token: 0123456789abcdef}\n", "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  ASSERT_TRUE(topo->schemad.has_value());
  EXPECT_EQ(topo->schemad->listen.host, "127.0.0.1");
  EXPECT_EQ(topo->schemad->listen.port, 15000);
  EXPECT_EQ(topo->schemad->token, "0123456789abcdef");
  EXPECT_EQ(topo->schemad->revert_window, std::chrono::minutes(30));
  EXPECT_EQ(topo->schemad->metadata_keyspace, "main");  // the first unsharded keyspace
  EXPECT_FALSE(topo->schemad->require_approval);
}

TEST(ConfigLoaderTest, SchemadSettings) {
  auto topo = ParseTopology(std::string(kGood) +
                                "schemad:\n  host: 127.0.0.2\n  port: 20100\n"
                                "  token: 0123456789abcdef\n  revert_window: 1h30m\n"
                                "  metadata_keyspace: sh\n  require_approval: true\n",
                            "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_TRUE(topo->schemad->require_approval);
  EXPECT_EQ(topo->schemad->listen.host, "127.0.0.2");
  EXPECT_EQ(topo->schemad->listen.port, 20100);
  EXPECT_EQ(topo->schemad->revert_window, std::chrono::minutes(90));
  EXPECT_EQ(topo->schemad->metadata_keyspace, "sh");
}

TEST(ConfigLoaderTest, BadSchemadSections) {
  const std::string base = std::string(kGood) + "schemad:\n";
  EXPECT_EQ(ErrorOf(base + "  port: 20100\n"),
            "t.yaml:31: schemad: missing required key \"token\"");
  EXPECT_EQ(ErrorOf(base + "  token: short\n"),
            "t.yaml:31: schemad token must be at least 16 characters");
  EXPECT_EQ(ErrorOf(base + "  token: 0123456789abcdef\n  revert_window: 30 minutes\n"),
            "t.yaml:32: schemad revert_window must be a duration such as 90s, 30m, 2h or 1h30m, "
            "not \"30 minutes\"");
  EXPECT_EQ(ErrorOf(base + "  token: 0123456789abcdef\n  require_approval: maybe\n"),
            "t.yaml:32: schemad require_approval must be true or false, not \"maybe\"");
  EXPECT_EQ(ErrorOf(base + "  token: 0123456789abcdef\n  metadata_keyspace: nope\n"),
            "t.yaml:32: schemad metadata_keyspace: no keyspace \"nope\"");
  EXPECT_EQ(ErrorOf(base + "  token: 0123456789abcdef\n  port: 20000\n"),
            "t.yaml:32: schemad: port 20000 on 127.0.0.1 is already used by vtgate");
  EXPECT_EQ(ErrorOf(base + "  token: 0123456789abcdef\n  tokn: x\n"),
            "t.yaml:32: schemad: unknown key \"tokn\" (expected one of: host, port, token, "
            "revert_window, metadata_keyspace, require_approval)");
}

TEST(ConfigLoaderTest, OnlineDdlThrottleSettingsAndReplicas) {
  auto defaults = ParseTopology(kGood, "t.yaml");
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_FALSE(defaults->online_ddl.throttle_threads_running.has_value());
  EXPECT_FALSE(defaults->online_ddl.throttle_max_replica_lag_ms.has_value());

  const std::string with_replicas =
      Replace(kGood, "        mariadb: {port: 20022, server_id: 3}\n",
              "        mariadb: {port: 20022, server_id: 3}\n"
              "        replicas: [{port: 20023}, {host: 10.0.0.7, port: 3306}]\n");
  auto topo = ParseTopology(with_replicas +
                                "online_ddl: {throttle_threads_running: 0, "
                                "throttle_max_replica_lag_ms: 2500}\n",
                            "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_EQ(topo->online_ddl.throttle_threads_running, 0u);
  EXPECT_EQ(topo->online_ddl.throttle_max_replica_lag_ms, 2500u);
  const KeyspaceConfig* sh = topo->FindKeyspace("sh");
  ASSERT_NE(sh, nullptr);
  const ShardConfig* low = nullptr;
  for (const auto& s : sh->shards)
    if (s.name == "-80") low = &s;
  ASSERT_NE(low, nullptr);
  const ShardConfig& shard = *low;
  ASSERT_EQ(shard.replicas.size(), 2u);
  EXPECT_EQ(shard.replicas[0].host, "127.0.0.1");
  EXPECT_EQ(shard.replicas[0].port, 20023);
  EXPECT_EQ(shard.replicas[1].host, "10.0.0.7");

  EXPECT_NE(ErrorOf(std::string(kGood) + "online_ddl: {throttle_max_replica_lag_ms: 0}\n")
                .find("online_ddl throttle_max_replica_lag_ms"),
            std::string::npos);
  EXPECT_NE(ErrorOf(std::string(kGood) + "online_ddl: {throttle: 3}\n").find("unknown key"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Replace(kGood, "        mariadb: {port: 20022, server_id: 3}\n",
                            "        mariadb: {port: 20022, server_id: 3}\n"
                            "        replicas: [{host: x}]\n"))
                .find("replica: missing required key \"port\""),
            std::string::npos);
}

TEST(ConfigLoaderTest, EmptyAndMissingSections) {
  EXPECT_EQ(ErrorOf(""), "t.yaml: config is empty");
  EXPECT_EQ(ErrorOf("users: [{name: a, password: b}]\n"),
            "t.yaml:1: config: missing required key \"keyspaces\"");
}

}  // namespace
}  // namespace tessera::config
