#include "vtgate/planner/insert_select_planner.h"

#include "common/ascii.h"
#include "sqlparser/format.h"
#include "vtgate/engine/insert_select.h"
#include "vtgate/planner/query_template_builder.h"
#include "vtgate/planner/table_binding.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

Result<std::unique_ptr<Primitive>> PlanInsertSelect(ast::InsertStatement& insert,
                                                    const VSchema& vschema,
                                                    const std::string& default_keyspace,
                                                    size_t bind_count,
                                                    const PlanSelect& plan_select) {
  const KeyspaceInfo* keyspace = nullptr;
  if (!insert.table.qualifier.empty()) {
    keyspace = vschema.FindKeyspace(insert.table.qualifier);
    if (keyspace == nullptr)
      return Error::Make(mysql_errno::kBadDb, "Unknown database '" + insert.table.qualifier + "'");
  } else if (!default_keyspace.empty()) {
    keyspace = vschema.FindKeyspace(default_keyspace);
  } else {
    keyspace = vschema.FindKeyspaceOfTable(insert.table.name);
  }
  if (keyspace == nullptr) return Error::Make(mysql_errno::kNoDb, "No database selected");

  InsertSelect::Spec spec;
  spec.keyspace = keyspace;
  spec.columns = insert.columns.size();
  if (!keyspace->sharded) {
    auto source = BindTables(*insert.select, vschema, default_keyspace);
    if (source.ok() && source->keyspace == keyspace) {
      return std::unique_ptr<Primitive>();  // one shard runs it whole
    }
    spec.target = InsertSelect::Target::kUnsharded;
  } else {
    const TableInfo* table = keyspace->FindTable(insert.table.name);
    if (table == nullptr) {
      return Error::Make(mysql_errno::kNoSuchTable, "table '" + insert.table.name +
                                                        "' is not in the VSchema of keyspace '" +
                                                        keyspace->name + "'");
    }
    if (insert.columns.empty()) {
      return Error::Make(mysql_errno::kUnknown,
                         "INSERT ... SELECT into " + table->name + " needs a column list");
    }
    if (table->type == TableType::kReference) {
      spec.target = InsertSelect::Target::kReference;
    } else {
      for (size_t v = 1; v < table->vindexes.size(); ++v) {
        if (dynamic_cast<const LookupVindex*>(table->vindexes[v].vindex) != nullptr)
          return Error::Make(mysql_errno::kNotSupportedYet,
                             "unsupported: INSERT ... SELECT into table " + table->name +
                                 ", which has lookup vindex column " + table->vindexes[v].column);
      }
      const ColumnVindex* vindex = table->primary();
      spec.target = InsertSelect::Target::kSharded;
      spec.vindex = vindex->vindex;
      bool found = false;
      for (size_t i = 0; i < insert.columns.size(); ++i) {
        if (EqualsIgnoreCase(insert.columns[i], vindex->column)) {
          spec.vindex_position = i;
          found = true;
        }
      }
      if (!found) {
        return Error::Make(mysql_errno::kUnknown, "INSERT ... SELECT into sharded table " +
                                                      table->name + " must give vindex column " +
                                                      vindex->column);
      }
      if (table->auto_increment) {
        bool listed = false;
        for (const auto& column : insert.columns)
          listed = listed || EqualsIgnoreCase(column, table->auto_increment->column);
        if (!listed) {
          return Error::Make(mysql_errno::kNotSupportedYet,
                             "unsupported: INSERT ... SELECT leaving out auto-increment column " +
                                 table->auto_increment->column + " of " + table->name);
        }
      }
    }
  }

  std::string prefix = insert.replace ? "REPLACE " : "INSERT ";
  if (!insert.priority.empty()) prefix += insert.priority + " ";
  if (insert.ignore) prefix += "IGNORE ";
  prefix += "INTO " + sql::QuoteIdentifier(insert.table.name) + " ";
  if (!insert.columns.empty()) {
    prefix += "(";
    for (size_t i = 0; i < insert.columns.size(); ++i) {
      if (i > 0) prefix += ",";
      prefix += sql::QuoteIdentifier(insert.columns[i]);
    }
    prefix += ") ";
  }
  spec.prefix = prefix + "VALUES ";
  spec.suffix = QueryTemplate::Literal("");
  if (!insert.on_duplicate.empty()) {
    sql::FormatOptions options;
    options.strip_qualifiers = true;
    std::string text = " ON DUPLICATE KEY UPDATE ";
    QueryTemplate suffix = QueryTemplate::Literal("");
    for (size_t i = 0; i < insert.on_duplicate.size(); ++i) {
      if (i > 0) suffix.segments.back() += ", ";
      suffix.segments.back() += sql::FormatExpr(insert.on_duplicate[i].column, options) + " = ";
      auto value = TemplateOfExpr(*insert.on_duplicate[i].value, options, bind_count);
      if (!value) {
        return Error::Make(mysql_errno::kNotSupportedYet,
                           "unsupported: statement text that cannot be templated");
      }
      suffix.segments.back() += value->segments.front();
      for (size_t k = 0; k < value->params.size(); ++k) {
        suffix.params.push_back(value->params[k]);
        suffix.segments.push_back(value->segments[k + 1]);
      }
    }
    suffix.segments.front() = text + suffix.segments.front();
    spec.suffix = std::move(suffix);
  }
  auto select = plan_select(*insert.select);
  if (!select.ok()) return select.error();
  return std::unique_ptr<Primitive>(
      std::make_unique<InsertSelect>(std::move(select).value(), std::move(spec)));
}

}  // namespace tessera::vtgate
