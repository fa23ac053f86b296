#include "cli/demo_http_client.hpp"

#include <httplib.h>

namespace ems120::cli {

std::optional<HttpAnswer> http_request(const HttpServer& server, const std::string& method, const std::string& path,
                                       const std::string& body, const HttpHeaders& headers) {
    httplib::Client client(server.host, server.port);
    const auto timeout = std::chrono::milliseconds(server.timeout_ms);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);
    httplib::Headers sent;
    for (const auto& [name, value] : headers) sent.emplace(name, value);
    httplib::Result result = method == "POST" ? client.Post(path, sent, body, "application/json") : client.Get(path, sent);
    // Refused, reset or timed out: the dispatcher is restarting or gone; the caller decides.
    if (!result) return std::nullopt;
    return HttpAnswer{result->status, result->body};
}

}  // namespace ems120::cli
