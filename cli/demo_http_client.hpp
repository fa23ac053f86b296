#pragma once
// The demo's requests to the dispatcher's API (cpp-httplib's client, kept out of the other demo
// files). A dispatcher being restarted refuses connections or drops them; that is "no answer"
// (nullopt), which callers retry, never an exception.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ems120::cli {

struct HttpAnswer {
    int status = 0;
    std::string body;
};

struct HttpServer {
    std::string host = "127.0.0.1";  // an IPv4 address or a name
    int port = 7180;
    int timeout_ms = 5000;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// `method` GET or POST; `body` sent as application/json when not empty.
std::optional<HttpAnswer> http_request(const HttpServer& server, const std::string& method, const std::string& path,
                                       const std::string& body = "", const HttpHeaders& headers = {});

}  // namespace ems120::cli
