#include "vttablet/mariadb/result_conversion.h"

#include <errmsg.h>
#include <mysql.h>

namespace tessera::vttablet {

Error ErrorFromMysql(st_mysql* mysql) {
  return Error{static_cast<uint16_t>(::mysql_errno(mysql)), mysql_sqlstate(mysql),
               mysql_error(mysql)};
}

namespace {

Field FieldFromMysql(const MYSQL_FIELD& f) {
  Field field;
  field.name.assign(f.name, f.name_length);
  field.org_name.assign(f.org_name, f.org_name_length);
  field.table.assign(f.table, f.table_length);
  field.org_table.assign(f.org_table, f.org_table_length);
  field.database.assign(f.db, f.db_length);
  field.type = static_cast<FieldType>(f.type);
  field.flags = static_cast<uint16_t>(f.flags);
  field.charset = static_cast<uint16_t>(f.charsetnr);
  field.column_length = static_cast<uint32_t>(f.length);
  field.decimals = static_cast<uint8_t>(f.decimals);
  return field;
}

}  // namespace

ResultSet ResultSetFromMysql(st_mysql* mysql, st_mysql_res* result) {
  ResultSet rs;
  unsigned int field_count = mysql_num_fields(result);
  MYSQL_FIELD* fields = mysql_fetch_fields(result);
  rs.fields.reserve(field_count);
  for (unsigned int i = 0; i < field_count; ++i) rs.fields.push_back(FieldFromMysql(fields[i]));
  rs.rows.reserve(mysql_num_rows(result));
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    unsigned long* lengths = mysql_fetch_lengths(result);
    Row& out = rs.rows.emplace_back(field_count);
    for (unsigned int i = 0; i < field_count; ++i) {
      if (row[i] != nullptr) out[i].emplace(row[i], lengths[i]);
    }
  }
  rs.warnings = static_cast<uint16_t>(mysql_warning_count(mysql));
  return rs;
}

ResultSet OkResultFromMysql(st_mysql* mysql) {
  ResultSet rs;
  rs.affected_rows = mysql_affected_rows(mysql);
  rs.last_insert_id = mysql_insert_id(mysql);
  rs.warnings = static_cast<uint16_t>(mysql_warning_count(mysql));
  if (const char* info = mysql_info(mysql)) rs.info = info;
  return rs;
}

bool IsConnectionError(uint16_t code) {
  switch (code) {
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SERVER_LOST_EXTENDED:
    case CR_COMMANDS_OUT_OF_SYNC:
    case CR_UNKNOWN_HOST:
    case CR_SERVER_HANDSHAKE_ERR:
      return true;
    default:
      return false;
  }
}

}  // namespace tessera::vttablet
