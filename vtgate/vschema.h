// VSchema: vtgate's routing view of the cluster, built once from a validated
// Topology and then immutable (shared read-only by all worker threads).
// It knows each keyspace's shards and key ranges, its vindexes, and which
// column of each table decides the shard of a row.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/keyrange/key_range.h"
#include "config/topology.h"
#include "vtgate/discovered_tables.h"
#include "vtgate/known_columns.h"
#include "vtgate/tracked_columns.h"
#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

struct ShardInfo {
  std::string keyspace;
  std::string name;  // "-80"
  KeyRange range;
  config::Endpoint tablet;
  size_t index = 0;  // position among the keyspace's shards, ordered by range start
};

enum class TableType { kSharded, kReference, kUnsharded };

struct ColumnVindex {
  std::string column;  // lower case
  std::string vindex_name;
  const Vindex* vindex = nullptr;
};

struct KeyspaceInfo;

// A sharded table's column whose missing values come from a sequence.
struct AutoIncrement {
  std::string column;                               // lower case
  const KeyspaceInfo* sequence_keyspace = nullptr;  // unsharded
  std::string sequence_table;
};

struct TableInfo {
  std::string name;
  TableType type = TableType::kUnsharded;
  std::vector<ColumnVindex> vindexes;  // [0] is the primary vindex
  std::optional<AutoIncrement> auto_increment;
  // The VSchema's `columns` (lower case); all of the table's columns when
  // `column_list_authoritative`.
  std::shared_ptr<const std::vector<std::string>> columns;
  bool column_list_authoritative = false;

  const ColumnVindex* primary() const { return vindexes.empty() ? nullptr : &vindexes[0]; }
};

struct KeyspaceInfo {
  std::string name;
  std::string database;  // MariaDB database on each shard
  bool sharded = false;
  std::vector<ShardInfo> shards;
  std::map<std::string, std::unique_ptr<Vindex>> vindexes;
  std::map<std::string, TableInfo> tables;
  std::set<std::string> sequence_tables;  // tables of type sequence (unsharded keyspaces)
  // auto_vschema: tables the VSchema does not list are sharded by their
  // first primary-key column with this vindex (null: no auto_vschema), and
  // AUTO_INCREMENT ones take values from `<table>_seq` in
  // `auto_sequence_keyspace` (null: none).
  const Vindex* auto_vindex = nullptr;
  std::string auto_vindex_name;
  const KeyspaceInfo* auto_sequence_keyspace = nullptr;
  std::unique_ptr<DiscoveredTables> discovered;  // set with auto_vindex
  // Column lists read from the shards (column_tracking.h); always set.
  std::unique_ptr<TrackedColumns> tracked_columns = std::make_unique<TrackedColumns>();

  // A listed table, else a discovered one.
  const TableInfo* FindTable(std::string_view table) const;
  // What vtgate knows of `table`'s columns: an authoritative VSchema list;
  // else the list read from the shards (with any the VSchema adds); else the
  // VSchema's partial list; else nothing.
  KnownColumns ColumnsOf(const TableInfo& table) const;
  // The shard that owns `keyspace_id`; null only if the ranges do not cover it.
  const ShardInfo* ShardForKeyspaceId(std::string_view keyspace_id) const;
};

class VSchema {
 public:
  static Result<std::shared_ptr<const VSchema>> Build(const config::Topology& topology);

  const KeyspaceInfo* FindKeyspace(std::string_view name) const;
  const std::vector<std::unique_ptr<KeyspaceInfo>>& keyspaces() const { return keyspaces_; }
  // The keyspace whose VSchema names `table`, when exactly one does.
  const KeyspaceInfo* FindKeyspaceOfTable(std::string_view table) const;
  // Total number of shards over all keyspaces (tablet slots per worker).
  size_t shard_count() const { return shard_count_; }
  // Changes whenever a discovered table or a tracked column list changes;
  // part of every plan cache key.
  uint64_t version() const;

 private:
  std::vector<std::unique_ptr<KeyspaceInfo>> keyspaces_;
  size_t shard_count_ = 0;
};

}  // namespace tessera::vtgate
