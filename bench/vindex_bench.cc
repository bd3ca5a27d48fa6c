// Micro-benchmarks of vindex mapping: the keyspace id of one value, which
// vtgate computes for every routed statement with a vindex column.
//
//   <build>/bin/vindex_bench
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include "vtgate/vindexes/binary_md5_vindex.h"
#include "vtgate/vindexes/hash_vindex.h"
#include "vtgate/vindexes/numeric_vindex.h"
#include "vtgate/vindexes/unicode_loose_md5_vindex.h"
#include "vtgate/vindexes/xxhash_vindex.h"

namespace tessera::vtgate {
namespace {

VindexValue Integer(std::string text) {
  return VindexValue{VindexValue::Kind::kInteger, std::move(text)};
}

VindexValue String(std::string text) {
  return VindexValue{VindexValue::Kind::kString, std::move(text)};
}

void MapEach(benchmark::State& state, const Vindex& vindex, const VindexValue& value) {
  auto first = vindex.Map(value);
  if (!first.ok()) {
    state.SkipWithError(first.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto id = vindex.Map(value);
    benchmark::DoNotOptimize(id);
  }
  state.SetItemsProcessed(state.iterations());
}

// The keyspace id of `value` under `vindex`.
void BM_Map(benchmark::State& state, const std::shared_ptr<const Vindex>& vindex,
            const VindexValue& value) {
  MapEach(state, *vindex, value);
}
BENCHMARK_CAPTURE(BM_Map, hash, std::make_shared<HashVindex>(), Integer("5011"));
BENCHMARK_CAPTURE(BM_Map, xxhash, std::make_shared<XxhashVindex>(), Integer("5011"));
BENCHMARK_CAPTURE(BM_Map, numeric, std::make_shared<NumericVindex>(), Integer("5011"));
BENCHMARK_CAPTURE(BM_Map, binary_md5, std::make_shared<BinaryMd5Vindex>(),
                  String("customer-5011@example.com"));
BENCHMARK_CAPTURE(BM_Map, unicode_loose_md5, std::make_shared<UnicodeLooseMd5Vindex>(),
                  String("Zoë Ångström <zoe@example.com>"));

}  // namespace
}  // namespace tessera::vtgate

BENCHMARK_MAIN();
