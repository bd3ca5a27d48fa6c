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

void BM_Hash(benchmark::State& state) {
  HashVindex vindex;
  MapEach(state, vindex, Integer("5011"));
}
BENCHMARK(BM_Hash);

void BM_Xxhash(benchmark::State& state) {
  XxhashVindex vindex;
  MapEach(state, vindex, Integer("5011"));
}
BENCHMARK(BM_Xxhash);

void BM_Numeric(benchmark::State& state) {
  NumericVindex vindex;
  MapEach(state, vindex, Integer("5011"));
}
BENCHMARK(BM_Numeric);

void BM_BinaryMd5(benchmark::State& state) {
  BinaryMd5Vindex vindex;
  MapEach(state, vindex, String("customer-5011@example.com"));
}
BENCHMARK(BM_BinaryMd5);

void BM_UnicodeLooseMd5(benchmark::State& state) {
  UnicodeLooseMd5Vindex vindex;
  MapEach(state, vindex, String("Zoë Ångström <zoe@example.com>"));
}
BENCHMARK(BM_UnicodeLooseMd5);

}  // namespace
}  // namespace tessera::vtgate

BENCHMARK_MAIN();
