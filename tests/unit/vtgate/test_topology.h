// A topology for vtgate unit tests: unsharded `commerce` (shard 0) and
// `customer` sharded -80 / 80- by hash(customer_id), with a reference table.
#pragma once

#include "config/topology.h"

namespace tessera::vtgate::testing {

inline config::Topology TestTopology() {
  config::Topology topo;
  config::KeyspaceConfig commerce;
  commerce.name = "commerce";
  commerce.shards.push_back({"0", {"127.0.0.1", 1}, {}});
  commerce.tables.push_back({"product", {}, "", {}});
  commerce.tables.push_back({"event_seq", {}, "sequence", {}});
  topo.keyspaces.push_back(commerce);

  config::KeyspaceConfig customer;
  customer.name = "customer";
  customer.sharded = true;
  customer.shards.push_back({"-80", {"127.0.0.1", 2}, {}});
  customer.shards.push_back({"80-", {"127.0.0.1", 3}, {}});
  customer.vindexes.push_back({"hash", "hash", {}});
  customer.tables.push_back({"customer", {{"customer_id", "hash"}}, "", {}});
  customer.tables.push_back({"corder", {{"customer_id", "hash"}}, "", {}});
  // Sequences: event routes by its generated id; note by customer_id while
  // note_id is generated.
  customer.tables.push_back({"event",
                             {{"event_id", "hash"}},
                             "",
                             config::AutoIncrementConfig{"event_id", "commerce", "event_seq"}});
  customer.tables.push_back({"note",
                             {{"customer_id", "hash"}},
                             "",
                             config::AutoIncrementConfig{"note_id", "commerce", "event_seq"}});
  customer.tables.push_back({"country", {}, "reference", {}});
  topo.keyspaces.push_back(customer);
  return topo;
}

}  // namespace tessera::vtgate::testing
