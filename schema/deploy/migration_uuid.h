// Migration uuids: random version-4 UUIDs in lowercase 8-4-4-4-12 form, which
// the tablet accepts ([A-Za-z0-9_-], at most 64). Each call draws from the
// operating system's random source; no state is kept between calls.
#pragma once

#include <string>

namespace tessera::schema {

std::string NewMigrationUuid();

}  // namespace tessera::schema
