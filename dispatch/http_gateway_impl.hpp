#pragma once
// The HTTP gateway's inside, shared by the files that register its routes (http_gateway.cpp:
// the incident and fleet API; http_console_routes.cpp: the browser console's files and map).
// Only those files include it: it pulls in cpp-httplib, which must be compiled with the
// definitions Debian's library was built with (dispatch/CMakeLists.txt).
#include <httplib.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dispatch/console_files.hpp"
#include "dispatch/console_map.hpp"
#include "dispatch/http_gateway.hpp"
#include "dispatch/unit_isochrones.hpp"

namespace ems120::dispatch {

void reply_json(httplib::Response& response, int status, const std::string& body);
// {"error": message, "status": status}: every error the API gives looks like this.
void reply_error(httplib::Response& response, int status, const std::string& message);

struct HttpGateway::Impl {
    zmq::context_t& context;
    HttpGatewayConfig config;
    httplib::Server server;
    int port = 0;
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> event_clients{0};
    ConsoleFiles console_files;
    // Published once the dispatcher's map has loaded (the gateway starts before it, so a taken
    // port fails fast); read-only afterwards and shared by every request thread.
    std::shared_ptr<const ConsoleMap> console_map;
    mutable std::mutex console_map_mutex;
    UnitIsochroneCache isochrones;

    Impl(zmq::context_t& c, HttpGatewayConfig cfg)
        : context(c), config(std::move(cfg)), console_files(config.console_directory) {}

    // One command to the dispatcher's control socket, its answer as the HTTP reply.
    void ask(const nlohmann::json& command, httplib::Response& response);
    // The same, the answer handed back (nullopt: an error reply was already made).
    std::optional<nlohmann::json> ask_json(const nlohmann::json& command, httplib::Response& response);
    static std::optional<nlohmann::json> object_body(const httplib::Request& request, httplib::Response& r, bool optional);
    void stream_events(httplib::Response& r, std::vector<std::string> topics);
    // The map, or a 503 reply while it is still loading.
    std::shared_ptr<const ConsoleMap> map_or_reply(httplib::Response& r) const;

    // 405 for the methods of GET/POST/PUT/PATCH/DELETE a path does not take (`allowed`: "GET,POST").
    void refuse_other_methods(const std::string& path, std::string_view allowed);

    void routes();          // http_gateway.cpp
    void console_routes();  // http_console_routes.cpp: /api/map/*, /api/proposals, /api/move-up, ...
    void file_routes();     // http_console_routes.cpp: the console's own files; registered last
    void error_handlers();  // http_gateway.cpp
};

}  // namespace ems120::dispatch
