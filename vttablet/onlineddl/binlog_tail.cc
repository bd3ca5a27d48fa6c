#include "vttablet/onlineddl/binlog_tail.h"

#include <mysql.h>
// The replication API needs mysql.h first.
#include <mariadb_rpl.h>

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "vttablet/mariadb/blocking_connection.h"

namespace tessera::vttablet::onlineddl {
namespace {

struct EventDeleter {
  void operator()(MARIADB_RPL_EVENT* e) const { mariadb_free_rpl_event(e); }
};
using EventPtr = std::unique_ptr<MARIADB_RPL_EVENT, EventDeleter>;

struct RplDeleter {
  void operator()(MARIADB_RPL* r) const { mariadb_rpl_close(r); }
};

std::string_view View(const MARIADB_STRING& s) {
  return {s.str, s.length};
}

bool IsRowsEvent(uint8_t type) {
  switch (type) {
    case WRITE_ROWS_EVENT_V1:
    case UPDATE_ROWS_EVENT_V1:
    case DELETE_ROWS_EVENT_V1:
    case WRITE_ROWS_EVENT:
    case UPDATE_ROWS_EVENT:
    case DELETE_ROWS_EVENT:
    case WRITE_ROWS_COMPRESSED_EVENT_V1:
    case UPDATE_ROWS_COMPRESSED_EVENT_V1:
    case DELETE_ROWS_COMPRESSED_EVENT_V1:
    case WRITE_ROWS_COMPRESSED_EVENT:
    case UPDATE_ROWS_COMPRESSED_EVENT:
    case DELETE_ROWS_COMPRESSED_EVENT:
      return true;
    default:
      return false;
  }
}

}  // namespace

BinlogTail::BinlogTail(MariaDbParams params, uint32_t server_id)
    : params_(std::move(params)), server_id_(server_id) {}

Result<TailBatch> BinlogTail::Read(const BinlogPosition& from, const WatchedTable& table,
                                   uint64_t max_events, const std::string& stop_before) {
  auto connection = BlockingConnection::Connect(params_, "", std::chrono::seconds(30));
  if (!connection.ok()) return std::move(connection).error();
  auto& conn = *connection.value();
  // The binlog files that exist now, in order: a ROTATE at the end of a file
  // continues in its successor. (Connector/C 3.3 garbles the file name of
  // real ROTATE events, so the name comes from this list.)
  auto logs = conn.Query("SHOW BINARY LOGS");
  if (!logs.ok()) return std::move(logs).error();
  std::vector<std::string> files;
  for (const auto& row : logs.value()) files.push_back(row[0].value_or(""));
  // Accept the server's checksums (Connector/C strips and checks them; with
  // checksums off it misreads the length of ROTATE file names) and MariaDB's
  // GTID events.
  for (const char* setup : {"SET @master_binlog_checksum = @@global.binlog_checksum",
                            "SET @mariadb_slave_capability = 4"}) {
    auto done = conn.Execute(setup);
    if (!done.ok()) return std::move(done).error();
  }

  std::unique_ptr<MARIADB_RPL, RplDeleter> rpl(mariadb_rpl_init(conn.handle()));
  if (!rpl) return Error::Internal("cannot start a binlog reader: mariadb_rpl_init failed");
  unsigned long start = static_cast<unsigned long>(from.offset);
  uint32_t flags = 1;  // BINLOG_DUMP_NON_BLOCK: end of log ends the dump
  mariadb_rpl_optionsv(rpl.get(), MARIADB_RPL_FILENAME, from.file.c_str(), from.file.size());
  mariadb_rpl_optionsv(rpl.get(), MARIADB_RPL_START, start);
  mariadb_rpl_optionsv(rpl.get(), MARIADB_RPL_SERVER_ID, server_id_);
  mariadb_rpl_optionsv(rpl.get(), MARIADB_RPL_FLAGS, flags);
  if (mariadb_rpl_open(rpl.get()) != 0)
    return Error::Make(static_cast<uint16_t>(::mysql_errno(conn.handle())),
                       fmt::format("cannot read the binlog from {}: {}", from.ToString(),
                                   mysql_error(conn.handle())));

  TailBatch batch;
  batch.end = from;
  std::string file = from.file;
  std::vector<BinlogColumn> columns;  // of the watched table's current TABLE_MAP
  uint64_t watched_table_id = 0;
  bool have_map = false;
  uint64_t events = 0;
  // Stops only at a transaction boundary once `max_events` were read, so a
  // huge transaction cannot stall progress.
  bool stop = false;
  while (!stop) {
    EventPtr event(mariadb_rpl_fetch(rpl.get(), nullptr));
    if (!event) break;
    ++events;
    uint8_t type = static_cast<uint8_t>(event->event_type);
    uint64_t next = event->next_event_pos;
    if (type == STOP_EVENT) {
      // The server stopped here; the log goes on in the successor file
      // (after an artificial ROTATE naming it).
      auto it = std::find(files.begin(), files.end(), file);
      if (it == files.end() || it + 1 == files.end()) break;
      file = *(it + 1);
      batch.end = BinlogPosition{file, 4};
      have_map = false;
      continue;
    }
    if (type == ROTATE_EVENT) {
      // An artificial rotate (sent by the server when a dump starts or
      // moves to another file) names the file that follows; a real one ends
      // the current file, whose successor comes from the list.
      bool artificial = (event->flags & LOG_EVENT_ARTIFICIAL_F) != 0 || event->timestamp == 0;
      if (artificial) {
        std::string named(View(event->event.rotate.filename));
        if (std::find(files.begin(), files.end(), named) != files.end() && named != file) {
          file = named;
          batch.end = BinlogPosition{file, std::max<uint64_t>(4, event->event.rotate.position)};
          have_map = false;
        }
        continue;
      }
      auto it = std::find(files.begin(), files.end(), file);
      if (it == files.end() || it + 1 == files.end()) break;  // read on next time
      file = *(it + 1);
      batch.end = BinlogPosition{file, 4};
      have_map = false;
      continue;
    }
    if (type == TABLE_MAP_EVENT) {
      const auto& map = event->event.table_map;
      if (View(map.database) == table.database && View(map.table) == table.table) {
        auto parsed = ParseTableMapColumns(View(map.column_types), View(map.metadata));
        if (!parsed.ok()) return std::move(parsed).error();
        columns = std::move(parsed).value();
        watched_table_id = map.table_id;
        have_map = true;
      }
      continue;
    }
    if (IsRowsEvent(type)) {
      const auto& rows = event->event.rows;
      if (!have_map || rows.table_id != watched_table_id) continue;
      if (rows.column_count != columns.size())
        return Error::Internal(fmt::format("`{}`.`{}` changed shape in the binlog at {}:{}",
                                           table.database, table.table, file, next));
      std::string_view bitmap(reinterpret_cast<const char*>(rows.column_bitmap),
                              (rows.column_count + 7) / 8);
      std::string_view data(static_cast<const char*>(rows.row_data), rows.row_data_size);
      auto images = DecodeRowImages(columns, bitmap, data, table.key_columns);
      if (!images.ok()) {
        return Error::Internal(fmt::format("cannot decode a row of `{}`.`{}` at {}:{}: {}",
                                           table.database, table.table, file, next,
                                           images.error().message));
      }
      bool is_update = type == UPDATE_ROWS_EVENT_V1 || type == UPDATE_ROWS_EVENT ||
                       type == UPDATE_ROWS_COMPRESSED_EVENT_V1 ||
                       type == UPDATE_ROWS_COMPRESSED_EVENT;
      size_t images_count = images.value().size();
      batch.row_events += is_update ? images_count / 2 : images_count;
      for (auto& image : images.value()) {
        std::vector<std::string> key;
        key.reserve(image.size());
        for (size_t k = 0; k < image.size(); ++k)
          key.push_back(CellLiteral(image[k], table.key_formats[k]));
        batch.keys.push_back(std::move(key));
      }
      continue;
    }
    if (type == QUERY_EVENT && !stop_before.empty() &&
        View(event->event.query.statement).starts_with(stop_before))
      break;
    // Transaction boundaries: XID (InnoDB commit) and statements outside a
    // transaction (DDL, COMMIT of non-transactional engines).
    if (type == XID_EVENT ||
        (type == QUERY_EVENT && next > 0 && View(event->event.query.statement) != "BEGIN")) {
      if (next > 0) batch.end = BinlogPosition{file, next};
      have_map = false;
      stop = events >= max_events;
    }
  }
  if (::mysql_errno(conn.handle()) != 0)
    return Error::Make(static_cast<uint16_t>(::mysql_errno(conn.handle())),
                       fmt::format("binlog read stopped after {}: {}", batch.end.ToString(),
                                   mysql_error(conn.handle())));
  return batch;
}

}  // namespace tessera::vttablet::onlineddl
