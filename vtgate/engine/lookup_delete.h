// LookupDelete: a DELETE from a table that owns lookup vindexes. In one
// transaction it first reads, with the DELETE's own routing and WHERE, the
// primary vindex column and the lookup columns of the rows it is about to
// delete (FOR UPDATE), runs the DELETE, then removes the entries those rows
// had: for a unique lookup each row's own; for a non-unique one, whose entry
// (value, keyspace id) rows of the same keyspace id share, only the entries
// no remaining row of the owner table still needs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/engine/route.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {

class LookupDelete final : public Primitive {
 public:
  // `select` returns, per row to delete, the primary vindex column then one
  // column per lookup in `lookups` order.
  // `owner`, `primary_column`, `lookup_columns`: the table and its columns,
  // for the check of what remains after a non-unique lookup's rows go.
  struct Owner {
    const KeyspaceInfo* keyspace = nullptr;
    std::string table;
    std::string primary_column;
    std::vector<std::string> lookup_columns;  // in `lookups` order
  };
  LookupDelete(std::unique_ptr<Route> select, const Vindex* primary,
               std::vector<const LookupVindex*> lookups, Owner owner,
               std::unique_ptr<Primitive> remove)
      : select_(std::move(select)),
        primary_(primary),
        lookups_(std::move(lookups)),
        owner_(std::move(owner)),
        remove_(std::move(remove)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Route> select_;
  const Vindex* primary_;
  std::vector<const LookupVindex*> lookups_;
  Owner owner_;
  std::unique_ptr<Primitive> remove_;
};

}  // namespace tessera::vtgate
