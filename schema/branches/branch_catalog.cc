#include "schema/branches/branch_catalog.h"

#include "schema/branches/branch_name.h"
#include "schema/branches/shard_schema.h"
#include "schema/store/service_error.h"
#include "schema/store/sql_login.h"
#include "schema/store/sql_quote.h"

namespace tessera::schema {
namespace {

std::string ShardLabel(const config::KeyspaceConfig& ks, const config::ShardConfig& shard) {
  return "shard " + ks.name + "/" + shard.name;
}

Status AsStatus(const Result<uint64_t>& r) {
  return r.ok() ? Status::Ok() : Status(r.error());
}

}  // namespace

BranchCatalog::BranchCatalog(const config::Topology& topology, MetadataStore& store,
                             BranchDataCopier* copier)
    : topology_(topology), store_(store), copier_(copier) {}

Result<const config::KeyspaceConfig*> BranchCatalog::Keyspace(const std::string& keyspace) const {
  const config::KeyspaceConfig* ks = topology_.FindKeyspace(keyspace);
  if (ks == nullptr) return NotFound("keyspace " + keyspace + " not found");
  return ks;
}

Status BranchCatalog::ForEachShard(const config::KeyspaceConfig& keyspace,
                                   const ShardAction& action) const {
  for (const auto& shard : keyspace.shards) {
    auto session = SqlSession::Connect(SqlLogin::For(shard.mariadb));
    if (!session.ok()) return WithContext(ShardLabel(keyspace, shard), session.error());
    if (Status s = action(shard, **session); !s.ok())
      return WithContext(ShardLabel(keyspace, shard), s.error());
  }
  return Status::Ok();
}

Result<std::vector<std::string>> BranchCatalog::ReadSchema(const config::KeyspaceConfig& keyspace,
                                                           const std::string& database) const {
  const auto& first = keyspace.shards.front();
  auto session = SqlSession::Connect(SqlLogin::For(first.mariadb));
  if (!session.ok()) return WithContext(ShardLabel(keyspace, first), session.error());
  auto schema = ReadDatabaseSchema(**session, database);
  if (!schema.ok()) return WithContext(ShardLabel(keyspace, first), schema.error());
  return schema;
}

Status BranchCatalog::RegisterProductionBranches() {
  for (const auto& ks : topology_.keyspaces) {
    auto existing = store_.FindBranch(ks.name, std::string(kMainBranch));
    if (!existing.ok()) return existing.error();
    if (existing->has_value()) continue;
    BranchRecord main;
    main.keyspace = ks.name;
    main.name = kMainBranch;
    main.production = true;
    main.data_state = data_state::kProductionData;
    Status s = store_.InsertBranch(main);
    if (!s.ok() && KindOf(s.error()) != ErrorKind::kConflict) return s;  // a racing schemad won
  }
  return Status::Ok();
}

Status BranchCatalog::FailInterruptedDataCopies() {
  for (const auto& ks : topology_.keyspaces) {
    auto branches = store_.ListBranches(ks.name);
    if (!branches.ok()) return branches.error();
    for (const auto& b : *branches) {
      if (b.data_state != data_state::kCopying) continue;
      BranchDataProgress data = b.data;
      data.message = "the data copy was interrupted by a schemad restart after " +
                     std::to_string(data.rows_copied) + " row(s); run `tessera branch reset " +
                     ks.name + " " + b.name + " --with-data` to copy again";
      for (auto& shard : data.shards)
        if (shard.state == data_state::kCopying) shard.state = data_state::kFailed;
      auto saved =
          store_.SaveBranchData(ks.name, b.name, data_state::kFailed, data, data_state::kCopying);
      if (!saved.ok()) return saved.error();
    }
  }
  return Status::Ok();
}

std::optional<Error> BranchCatalog::CheckDataSource(const BranchRecord& parent) const {
  if (copier_ == nullptr) return InvalidArgument("this schemad does not copy branch data");
  if (parent.data_state == data_state::kCopying) {
    return Conflict("parent branch " + parent.name +
                    " is still copying its own data; wait until it is complete");
  }
  if (parent.data_state == data_state::kFailed) {
    return Conflict("parent branch " + parent.name +
                    " has incomplete data (its own copy failed); reset it with data first");
  }
  return std::nullopt;
}

Result<BranchRecord> BranchCatalog::StartDataCopy(const config::KeyspaceConfig& keyspace,
                                                  const BranchRecord& record) {
  BranchDataProgress fresh;
  for (const auto& shard : keyspace.shards)
    fresh.shards.push_back(ShardDataProgress{shard.name, data_state::kCopying, 0, 0});
  auto saved = store_.SaveBranchData(keyspace.name, record.name, data_state::kCopying, fresh);
  if (!saved.ok()) return saved.error();
  copier_->Start(keyspace, record.name, BranchDatabaseName(keyspace.name, record.parent),
                 BranchDatabaseName(keyspace.name, record.name));
  return GetExisting(keyspace, record.name);
}

Result<BranchRecord> BranchCatalog::GetExisting(const config::KeyspaceConfig& keyspace,
                                                const std::string& branch) {
  auto found = store_.FindBranch(keyspace.name, branch);
  if (!found.ok()) return found.error();
  if (!found->has_value())
    return NotFound("branch " + branch + " not found in keyspace " + keyspace.name);
  return std::move(**found);
}

Result<std::vector<BranchRecord>> BranchCatalog::List(const std::string& keyspace) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  return store_.ListBranches(keyspace);
}

Result<BranchRecord> BranchCatalog::Get(const std::string& keyspace, const std::string& branch) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  return GetExisting(**ks, branch);
}

Result<BranchRecord> BranchCatalog::Create(const std::string& keyspace, const std::string& branch,
                                           const std::string& parent, bool with_data) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  if (Status s = ValidateNewBranchName(branch); !s.ok()) return s.error();
  const std::string database = BranchDatabaseName(keyspace, branch);
  if (database.size() > 64) {
    return InvalidArgument("branch name " + branch + " is too long for keyspace " + keyspace +
                           ": database " + database + " exceeds 64 characters");
  }
  std::lock_guard lock(mutations_);
  auto parent_record = GetExisting(**ks, parent);
  if (!parent_record.ok()) return parent_record.error();
  if (parent_record->data_state == data_state::kCreating)
    return Conflict("parent branch " + parent + " is still being created");
  if (with_data) {
    if (auto refused = CheckDataSource(*parent_record)) return *refused;
  }
  const std::string parent_db = BranchDatabaseName(keyspace, parent);
  auto base = ReadSchema(**ks, parent_db);
  if (!base.ok()) return base.error();

  BranchRecord record;
  record.keyspace = keyspace;
  record.name = branch;
  record.parent = parent;
  record.base_schema = std::move(base).value();
  record.data_state = data_state::kCreating;
  if (Status s = store_.InsertBranch(record); !s.ok()) return s.error();

  std::vector<const config::ShardConfig*> made;
  Status copied = ForEachShard(**ks, [&](const config::ShardConfig& shard, SqlSession& session) {
    Status s = CreateDatabaseLike(session, parent_db, database);
    if (s.ok() || KindOf(s.error()) != ErrorKind::kConflict) made.push_back(&shard);
    return s;
  });
  if (!copied.ok()) {
    // Undo: drop what this call made, then forget the branch.
    for (const auto* shard : made) {
      if (auto session = SqlSession::Connect(SqlLogin::For(shard->mariadb)); session.ok())
        (void)(*session)->Execute("DROP DATABASE IF EXISTS " + QuoteIdentifier(database));
    }
    (void)store_.DeleteBranch(keyspace, branch);
    return copied.error();
  }
  auto saved = store_.SaveBranchData(keyspace, branch, data_state::kSchemaOnly, {});
  if (!saved.ok()) return saved.error();
  if (with_data) return StartDataCopy(**ks, record);
  return GetExisting(**ks, branch);
}

Status BranchCatalog::Delete(const std::string& keyspace, const std::string& branch) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  std::lock_guard lock(mutations_);
  auto record = GetExisting(**ks, branch);
  if (!record.ok()) return record.error();
  if (branch == kMainBranch || record->production) {
    return Conflict("branch " + branch + " of keyspace " + keyspace +
                    " is a production branch and cannot be deleted");
  }
  auto open = store_.CountOpenDeployRequests(keyspace, branch);
  if (!open.ok()) return open.error();
  if (*open > 0) {
    return Conflict("branch " + branch + " has " + std::to_string(*open) +
                    " open deploy request(s); close them before deleting it");
  }
  auto siblings = store_.ListBranches(keyspace);
  if (!siblings.ok()) return siblings.error();
  for (const auto& other : *siblings) {
    if (other.parent == branch) {
      return Conflict("branch " + branch + " is the parent of branch " + other.name +
                      "; delete that one first");
    }
  }
  if (copier_ != nullptr) copier_->Cancel(keyspace, branch);
  const std::string database = BranchDatabaseName(keyspace, branch);
  Status dropped = ForEachShard(**ks, [&](const config::ShardConfig&, SqlSession& session) {
    return AsStatus(session.Execute("DROP DATABASE IF EXISTS " + QuoteIdentifier(database)));
  });
  if (!dropped.ok()) return dropped;
  return store_.DeleteBranch(keyspace, branch);
}

Result<BranchRecord> BranchCatalog::Reset(const std::string& keyspace, const std::string& branch,
                                          bool with_data) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  std::lock_guard lock(mutations_);
  auto record = GetExisting(**ks, branch);
  if (!record.ok()) return record.error();
  if (record->production) {
    return Conflict("branch " + branch + " is a production branch and cannot be reset");
  }
  if (with_data) {
    auto parent = GetExisting(**ks, record->parent);
    if (!parent.ok()) return WithContext("parent of branch " + branch, parent.error());
    if (auto refused = CheckDataSource(*parent)) return *refused;
  }
  const std::string parent_db = BranchDatabaseName(keyspace, record->parent);
  const std::string database = BranchDatabaseName(keyspace, branch);
  auto base = ReadSchema(**ks, parent_db);
  if (!base.ok()) return base.error();
  if (copier_ != nullptr) copier_->Cancel(keyspace, branch);
  Status reset = ForEachShard(**ks, [&](const config::ShardConfig&, SqlSession& session) {
    if (Status s =
            AsStatus(session.Execute("DROP DATABASE IF EXISTS " + QuoteIdentifier(database)));
        !s.ok())
      return s;
    return CreateDatabaseLike(session, parent_db, database);
  });
  if (!reset.ok()) return reset.error();
  record->base_schema = std::move(base).value();
  if (Status s = store_.UpdateBranch(*record); !s.ok()) return s.error();
  auto saved = store_.SaveBranchData(keyspace, branch, data_state::kSchemaOnly, {});
  if (!saved.ok()) return saved.error();
  if (with_data) return StartDataCopy(**ks, *record);
  return GetExisting(**ks, branch);
}

Result<BranchRecord> BranchCatalog::Promote(const std::string& keyspace,
                                            const std::string& branch) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  std::lock_guard lock(mutations_);
  auto record = GetExisting(**ks, branch);
  if (!record.ok()) return record.error();
  if (record->data_state == data_state::kCreating)
    return Conflict("branch " + branch + " is still being created");
  if (record->data_state == data_state::kCopying)
    return Conflict("branch " + branch + " is still copying its data; wait until it is complete");
  if (record->production) return record;
  record->production = true;
  if (Status s = store_.UpdateBranch(*record); !s.ok()) return s.error();
  return GetExisting(**ks, branch);
}

Result<BranchRecord> BranchCatalog::SetSafeMigrations(const std::string& keyspace,
                                                      const std::string& branch, bool enabled) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  std::lock_guard lock(mutations_);
  auto record = GetExisting(**ks, branch);
  if (!record.ok()) return record.error();
  if (!record->production) {
    return Conflict("safe migrations apply to production branches only; promote " + branch +
                    " first");
  }
  record->safe_migrations = enabled;
  if (Status s = store_.UpdateBranch(*record); !s.ok()) return s.error();
  return GetExisting(**ks, branch);
}

Result<std::vector<std::string>> BranchCatalog::CurrentSchema(const std::string& keyspace,
                                                              const std::string& branch) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  auto record = GetExisting(**ks, branch);
  if (!record.ok()) return record.error();
  return ReadSchema(**ks, BranchDatabaseName(keyspace, branch));
}

Result<uint64_t> BranchCatalog::SizeBytes(const std::string& keyspace, const std::string& branch) {
  auto ks = Keyspace(keyspace);
  if (!ks.ok()) return ks.error();
  const std::string database = BranchDatabaseName(keyspace, branch);
  uint64_t total = 0;
  Status summed = ForEachShard(**ks, [&](const config::ShardConfig&, SqlSession& session) {
    auto rows = session.Query(
        "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables "
        "WHERE table_schema = " +
        QuoteSqlString(database));
    if (!rows.ok()) return Status(rows.error());
    if (!rows->empty() && rows->front().at(0)) total += std::stoull(*rows->front()[0]);
    return Status::Ok();
  });
  if (!summed.ok()) return summed.error();
  return total;
}

}  // namespace tessera::schema
