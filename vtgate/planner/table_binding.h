// TableBinding: which keyspace and VSchema table each table reference of a
// statement resolves to, and the single keyspace the statement runs in.
// Rules: a qualifier names a keyspace; an unqualified name belongs to the
// session's keyspace, or, with none selected, to the one keyspace whose
// VSchema lists it. System schemas (information_schema, mysql, ...) are
// answered by any shard of the session's keyspace. A multi-table DELETE's
// targets are not bound: they name tables of its FROM (see WrittenTables),
// and neither are unqualified names that a WITH of the statement declares.
// A statement naming tables of several keyspaces is refused (1235) unless
// the caller allows it; its binding's keyspace is then the first one named.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

struct BoundTable {
  std::string name;                  // table name as written
  std::string alias;                 // alias, or the name when none
  const TableInfo* table = nullptr;  // null for tables missing from the VSchema
  bool top_level = false;            // in the statement's own FROM / target list, not a subquery
  const KeyspaceInfo* keyspace = nullptr;  // the keyspace it belongs to (set by BindTables)
};

struct StatementBinding {
  const KeyspaceInfo* keyspace = nullptr;
  bool system_schema = false;  // touches information_schema / mysql / performance_schema / sys
  bool has_keyspace_qualifier = false;  // some name was qualified with the keyspace
  bool spans_keyspaces = false;         // tables of several keyspaces (when allowed)
  std::vector<BoundTable> tables;
};

enum class KeyspaceSpan { kRefuse, kAllow };

Result<StatementBinding> BindTables(sql::ast::Statement& stmt, const VSchema& vschema,
                                    const std::string& default_keyspace,
                                    KeyspaceSpan span = KeyspaceSpan::kRefuse);

// The error for a statement naming tables of keyspaces `a` and `b` that
// cannot run across them.
Error SpanningKeyspacesError(const std::string& a, const std::string& b);

}  // namespace tessera::vtgate
