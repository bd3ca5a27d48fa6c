#include "vtgate/vindexes/lookup_vindex.h"

#include <memory>

namespace tessera::vtgate {

Result<std::unique_ptr<LookupVindex>> LookupVindex::Create(
    bool unique, const std::map<std::string, std::string>& params) {
  const char* type = unique ? "lookup_unique" : "lookup";
  auto param = [&](const char* name) -> Result<std::string> {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty())
      return Error::Internal(std::string(type) + " vindex: the parameter '" + name +
                             "' is missing");
    return it->second;
  };
  for (const auto& [name, value] : params) {
    if (name != "table" && name != "from" && name != "to")
      return Error::Internal(std::string(type) + " vindex: unknown parameter '" + name +
                             "' (it takes table, from and to)");
  }
  auto table = param("table");
  if (!table.ok()) return table.error();
  auto from = param("from");
  if (!from.ok()) return from.error();
  auto to = param("to");
  if (!to.ok()) return to.error();
  const size_t dot = table->find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == table->size() ||
      table->find('.', dot + 1) != std::string::npos)
    return Error::Internal(std::string(type) + " vindex: table '" + *table +
                           "' must be written keyspace.table");
  return std::unique_ptr<LookupVindex>(new LookupVindex(
      unique, table->substr(0, dot), table->substr(dot + 1), std::move(*from), std::move(*to)));
}

Result<std::string> LookupVindex::Map(const VindexValue& value) const {
  return Error::Internal(std::string(type()) + " vindex: '" + value.text +
                         "' maps through a query of " + keyspace_ + "." + table_);
}

}  // namespace tessera::vtgate
