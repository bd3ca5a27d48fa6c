// Micro-benchmarks of the MySQL protocol codec on vtgate's per-query path:
// reading a COM_QUERY from the client's bytes, and writing a result set
// (column definitions, rows, EOF/OK) back.
//
//   <build>/bin/protocol_bench
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "common/result_set.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/packet_framing.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/text_row.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr uint32_t kClientCapabilities = capability::kProtocol41 | capability::kDeprecateEof;

// sysbench oltp_point_select's statement, framed as a client sends it.
std::string FramedQuery() {
  std::string payload;
  EncodeCommand(CommandCode::kQuery, "SELECT c FROM sbtest1 WHERE id=5011", &payload);
  std::string framed;
  PacketWriter(&framed, 0).Write(payload);
  return framed;
}

// `rows` rows of sbtest1's (id, k, c, pad).
ResultSet SbtestRows(int rows) {
  ResultSet rs;
  for (const char* name : {"id", "k", "c", "pad"}) {
    Field f;
    f.name = f.org_name = name;
    f.table = f.org_table = "sbtest1";
    f.database = "sbtest";
    f.type = name[0] == 'c' || name[0] == 'p' ? FieldType::kString : FieldType::kLong;
    rs.fields.push_back(f);
  }
  for (int i = 0; i < rows; ++i) {
    rs.rows.push_back(Row{std::to_string(5000 + i), std::to_string(4993 + i), std::string(119, 'c'),
                          std::string(59, 'p')});
  }
  return rs;
}

// Writes `result` as the answer to a query (packets from sequence id 1), once
// per iteration; returns the bytes of one answer.
size_t EncodeEach(benchmark::State& state, const Result<ResultSet>& result) {
  std::string out;
  for (auto _ : state) {
    out.clear();
    PacketWriter writer(&out, 1);
    EncodeQueryResponse(result, kClientCapabilities, 0x0002, &writer);
    benchmark::DoNotOptimize(out.data());
  }
  return out.size();
}

void BM_ReadQueryCommand(benchmark::State& state) {
  const std::string framed = FramedQuery();
  std::string scratch;
  for (auto _ : state) {
    Frame frame;
    FrameStatus status = ExtractPacket(framed, 0, 16 << 20, &scratch, &frame);
    auto command = DecodeCommand(frame.payload);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(command);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReadQueryCommand);

// The answer to a point select: one column, one row.
void BM_WritePointSelectResult(benchmark::State& state) {
  ResultSet rs = SbtestRows(1);
  rs.fields.resize(1);
  rs.fields[0].name = rs.fields[0].org_name = "c";
  rs.fields[0].type = FieldType::kString;
  rs.rows[0] = Row{std::string(119, 'c')};
  size_t bytes = EncodeEach(state, Result<ResultSet>(std::move(rs)));
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_WritePointSelectResult);

// A range select's answer: 4 columns, N rows.
void BM_WriteRows(benchmark::State& state) {
  size_t bytes = EncodeEach(state, Result<ResultSet>(SbtestRows(static_cast<int>(state.range(0)))));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_WriteRows)->Arg(1)->Arg(100)->Arg(1000);

void BM_DecodeTextRow(benchmark::State& state) {
  ResultSet rs = SbtestRows(1);
  std::string payload;
  EncodeTextRow(rs.rows[0], &payload);
  for (auto _ : state) {
    auto row = DecodeTextRow(payload, rs.fields.size());
    benchmark::DoNotOptimize(row);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeTextRow);

}  // namespace
}  // namespace tessera::vtgate::mysql

BENCHMARK_MAIN();
