// Schema lint: findings about the change from one schema to another (the
// change DiffSchemas writes), for deploy-request review. Pure: no I/O.
//
// Codes are stable strings; each always has the severity listed:
//  "no_unique_key"        error   an altered table (before or after) has no PRIMARY KEY or
//                                 UNIQUE key over NOT NULL columns: it cannot be copied online
//  "no_shared_unique_key" error   the old and new table share no such key (same columns)
//  "foreign_key"          warning an altered table has or is referenced by foreign keys, or a
//                                 new table has foreign keys (online copies cannot keep them)
//  "drop_column"          warning data loss
//  "drop_table"           warning data loss
//  "add_unique_key"       warning existing duplicates would make the change fail; `columns`
//                                 names the key so the caller can count them in production
//  "narrowing_type"       warning e.g. BIGINT->INT, VARCHAR(100)->VARCHAR(50), signedness change
//  "charset_change"       warning a column's or the table's charset/collation changes
//  "instant"              info    MariaDB 10.11 can run the table's ALTER with ALGORITHM=INSTANT
// Findings come per table in name order: dropped tables, new tables, then altered ones.
#pragma once

#include <string>
#include <vector>

#include "schema/model/schema.h"

namespace tessera::schema {

enum class Severity { kInfo, kWarning, kError };

struct LintFinding {
  std::string code;
  Severity severity = Severity::kInfo;
  std::string table;
  std::string message;
  std::string subject;               // the column, key or constraint concerned; may be empty
  std::vector<std::string> columns;  // add_unique_key: the key's columns
};

std::vector<LintFinding> LintChange(const Schema& from, const Schema& to);
// "info", "warning", "error".
const char* SeverityName(Severity s);

}  // namespace tessera::schema
