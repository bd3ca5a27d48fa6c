#include "vtgate/mysql/column_definition.h"

#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr uint8_t kFixedFieldsLength = 0x0c;

}  // namespace

void EncodeColumnDefinition(const Field& f, std::string* out) {
  AppendLenencString(out, "def");
  AppendLenencString(out, f.database);
  AppendLenencString(out, f.table);
  AppendLenencString(out, f.org_table);
  AppendLenencString(out, f.name);
  AppendLenencString(out, f.org_name);
  AppendU8(out, kFixedFieldsLength);
  AppendU16(out, f.charset);
  AppendU32(out, f.column_length);
  AppendU8(out, static_cast<uint8_t>(f.type));
  AppendU16(out, f.flags);
  AppendU8(out, f.decimals);
  AppendU16(out, 0);  // filler
}

Result<Field> DecodeColumnDefinition(std::string_view payload) {
  WireReader r(payload);
  Field f;
  std::string_view catalog, db, table, org_table, name, org_name;
  uint64_t fixed_length = 0;
  uint8_t type = 0;
  if (!r.ReadLenencString(&catalog) || !r.ReadLenencString(&db) || !r.ReadLenencString(&table) ||
      !r.ReadLenencString(&org_table) || !r.ReadLenencString(&name) ||
      !r.ReadLenencString(&org_name) || !r.ReadLenencInt(&fixed_length) || fixed_length < 10 ||
      !r.Read(&f.charset) || !r.Read(&f.column_length) || !r.Read(&type) || !r.Read(&f.flags) ||
      !r.Read(&f.decimals)) {
    return Error::Make(mysql_errno::kNetReadError, "Malformed column definition");
  }
  f.database = db;
  f.table = table;
  f.org_table = org_table;
  f.name = name;
  f.org_name = org_name;
  f.type = static_cast<FieldType>(type);
  return f;
}

}  // namespace tessera::vtgate::mysql
