// The server-side TLS context for client connections: TLS 1.2 or newer, the
// configured certificate and key, and optional client-certificate
// verification. One context is shared by all worker threads.
#pragma once

#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "common/error.h"
#include "vtgate/mysql/server_options.h"

namespace tessera::vtgate::mysql {

// An Error naming the file and the problem when a file is missing, not PEM,
// or the key does not belong to the certificate.
Result<std::unique_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const TlsOptions& options);

}  // namespace tessera::vtgate::mysql
