#include "vtgate/vschema.h"

#include <algorithm>

#include "common/ascii.h"
#include "vtgate/vindexes/lookup_vindex.h"
#include "vtgate/vindexes/vindex_registry.h"

namespace tessera::vtgate {
const TableInfo* KeyspaceInfo::FindTable(std::string_view table) const {
  auto it = tables.find(std::string(table));
  if (it != tables.end()) return &it->second;
  return discovered ? discovered->Find(table) : nullptr;
}

KnownColumns KeyspaceInfo::ColumnsOf(const TableInfo& table) const {
  if (table.column_list_authoritative) return {table.columns, true};
  auto tracked = tracked_columns->Find(table.name);
  if (tracked == nullptr) return {table.columns, false};
  if (table.columns == nullptr) return {std::move(tracked), true};
  // The VSchema may name columns the shards do not show yet.
  auto merged = std::make_shared<std::vector<std::string>>(*tracked);
  for (const auto& column : *table.columns) {
    if (std::find(merged->begin(), merged->end(), column) == merged->end())
      merged->push_back(column);
  }
  return {std::move(merged), true};
}

uint64_t VSchema::version() const {
  uint64_t version = 0;
  for (const auto& ks : keyspaces_) {
    if (ks->discovered) version += ks->discovered->version();
    version += ks->tracked_columns->version();
  }
  return version;
}

const ShardInfo* KeyspaceInfo::ShardForKeyspaceId(std::string_view keyspace_id) const {
  for (const auto& shard : shards)
    if (shard.range.Contains(keyspace_id)) return &shard;
  return nullptr;
}

const KeyspaceInfo* VSchema::FindKeyspace(std::string_view name) const {
  for (const auto& ks : keyspaces_)
    if (ks->name == name) return ks.get();
  return nullptr;
}

const KeyspaceInfo* VSchema::FindKeyspaceOfTable(std::string_view table) const {
  const KeyspaceInfo* found = nullptr;
  for (const auto& ks : keyspaces_) {
    if (ks->FindTable(table) == nullptr) continue;
    if (found != nullptr) return nullptr;  // ambiguous
    found = ks.get();
  }
  return found;
}

Result<std::shared_ptr<const VSchema>> VSchema::Build(const config::Topology& topology) {
  auto vschema = std::make_shared<VSchema>();
  for (const auto& ks_config : topology.keyspaces) {
    auto ks = std::make_unique<KeyspaceInfo>();
    ks->name = ks_config.name;
    ks->database = ks_config.DatabaseName();
    ks->sharded = ks_config.sharded;
    for (const auto& shard_config : ks_config.shards) {
      auto range = KeyRange::Parse(shard_config.name);
      if (!range.ok()) return range.error();
      ShardInfo shard;
      shard.keyspace = ks_config.name;
      shard.name = shard_config.name;
      shard.range = *range;
      shard.tablet = shard_config.tablet;
      ks->shards.push_back(std::move(shard));
    }
    std::sort(ks->shards.begin(), ks->shards.end(),
              [](const ShardInfo& a, const ShardInfo& b) { return a.range.start < b.range.start; });
    for (size_t i = 0; i < ks->shards.size(); ++i) ks->shards[i].index = i;
    vschema->shard_count_ += ks->shards.size();

    for (const auto& vindex_config : ks_config.vindexes) {
      auto vindex = CreateVindex(vindex_config.type, vindex_config.params);
      if (!vindex.ok()) return vindex.error();
      ks->vindexes[vindex_config.name] = std::move(vindex).value();
    }
    for (const auto& table_config : ks_config.tables) {
      TableInfo table;
      table.name = table_config.name;
      if (table_config.type == "sequence") ks->sequence_tables.insert(table_config.name);
      if (table_config.type == "reference") {
        table.type = TableType::kReference;
      } else {
        table.type = ks->sharded ? TableType::kSharded : TableType::kUnsharded;
      }
      for (const auto& cv : table_config.column_vindexes) {
        auto it = ks->vindexes.find(cv.vindex);
        if (it == ks->vindexes.end()) {
          return Error::Internal("keyspace " + ks->name + ": table " + table.name +
                                 " names unknown vindex " + cv.vindex);
        }
        table.vindexes.push_back({AsciiLower(cv.column), cv.vindex, it->second.get()});
      }
      if (!table_config.columns.empty()) {
        auto columns = std::make_shared<std::vector<std::string>>();
        for (const auto& column : table_config.columns) columns->push_back(AsciiLower(column.name));
        table.columns = std::move(columns);
      }
      table.column_list_authoritative = table_config.column_list_authoritative;
      if (table.type == TableType::kSharded && table.vindexes.empty()) {
        return Error::Internal("keyspace " + ks->name + ": sharded table " + table.name +
                               " has no vindex");
      }
      ks->tables.emplace(table.name, std::move(table));
    }
    vschema->keyspaces_.push_back(std::move(ks));
  }
  // Sequences may live in a keyspace listed after the table's.
  for (const auto& ks_config : topology.keyspaces) {
    KeyspaceInfo* ks = nullptr;
    for (auto& built : vschema->keyspaces_)
      if (built->name == ks_config.name) ks = built.get();
    if (ks_config.auto_vschema) {
      auto vindex = ks->vindexes.find(ks_config.auto_vschema->vindex);
      if (vindex == ks->vindexes.end()) {
        return Error::Internal("keyspace " + ks->name + ": auto_vschema names unknown vindex " +
                               ks_config.auto_vschema->vindex);
      }
      ks->auto_vindex = vindex->second.get();
      ks->auto_vindex_name = vindex->first;
      ks->discovered = std::make_unique<DiscoveredTables>();
      if (!ks_config.auto_vschema->sequence_keyspace.empty()) {
        ks->auto_sequence_keyspace =
            vschema->FindKeyspace(ks_config.auto_vschema->sequence_keyspace);
        if (ks->auto_sequence_keyspace == nullptr || ks->auto_sequence_keyspace->sharded) {
          return Error::Internal("keyspace " + ks->name + ": auto_vschema sequence_keyspace " +
                                 ks_config.auto_vschema->sequence_keyspace +
                                 " is not an unsharded keyspace");
        }
      }
    }
    for (const auto& table_config : ks_config.tables) {
      if (!table_config.auto_increment) continue;
      const auto& config = *table_config.auto_increment;
      const KeyspaceInfo* sequence_ks = vschema->FindKeyspace(config.sequence_keyspace);
      if (sequence_ks == nullptr || sequence_ks->sharded) {
        return Error::Internal("keyspace " + ks->name + ": table " + table_config.name +
                               " takes values from sequence " + config.sequence_keyspace + "." +
                               config.sequence_table + ", which is not in an unsharded keyspace");
      }
      ks->tables.at(table_config.name).auto_increment =
          AutoIncrement{AsciiLower(config.column), sequence_ks, config.sequence_table};
    }
  }
  // Lookup vindexes: their table lives in an unsharded keyspace, and exactly
  // one table owns each, as a secondary vindex.
  for (const auto& ks : vschema->keyspaces_) {
    for (const auto& [name, vindex] : ks->vindexes) {
      auto* lookup = dynamic_cast<LookupVindex*>(vindex.get());
      if (lookup == nullptr) continue;
      const std::string what = "keyspace " + ks->name + ": vindex " + name;
      const KeyspaceInfo* home = vschema->FindKeyspace(lookup->keyspace());
      if (home == nullptr || home->sharded)
        return Error::Internal(what + ": its table " + lookup->keyspace() + "." + lookup->table() +
                               " must be in an unsharded keyspace");
      lookup->set_home(home);
      std::string owner;
      for (const auto& [table_name, table] : ks->tables) {
        for (size_t i = 0; i < table.vindexes.size(); ++i) {
          if (table.vindexes[i].vindex != lookup) continue;
          if (i == 0)
            return Error::Internal(what + ": a lookup vindex cannot be the primary vindex of " +
                                   table_name);
          if (!owner.empty())
            return Error::Internal(what + " is listed by both " + owner + " and " + table_name +
                                   "; a lookup vindex has one owner table");
          owner = table_name;
        }
      }
    }
  }
  return std::shared_ptr<const VSchema>(std::move(vschema));
}

}  // namespace tessera::vtgate
