// LookupDml: an UPDATE or DELETE of a table that owns lookup vindexes, with
// the lookup tables kept in step, in one transaction:
//  1. read, with the statement's own routing and WHERE, the primary vindex
//     column and the lookup columns of the rows it will change (FOR UPDATE);
//  2. add the entries of the new values (an UPDATE that sets a lookup
//     column): a unique lookup refuses a taken value with 1062 before any
//     row changes;
//  3. run the statement;
//  4. remove the entries of the old values (see RemoveLookupEntries).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vtgate/engine/lookup_entries.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/engine/route.h"

namespace tessera::vtgate {

class LookupDml final : public Primitive {
 public:
  struct Lookup {
    const LookupVindex* vindex = nullptr;
    std::string column;
    bool changes = false;               // a DELETE, or an UPDATE that sets the column
    std::optional<ValueRef> new_value;  // UPDATE: the value it sets
  };
  // `select` returns the primary vindex column, then one column per lookup.
  LookupDml(std::unique_ptr<Route> select, LookupOwner owner, std::vector<Lookup> lookups,
            std::unique_ptr<Primitive> write)
      : select_(std::move(select)),
        owner_(std::move(owner)),
        lookups_(std::move(lookups)),
        write_(std::move(write)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Route> select_;
  LookupOwner owner_;
  std::vector<Lookup> lookups_;
  std::unique_ptr<Primitive> write_;
};

}  // namespace tessera::vtgate
