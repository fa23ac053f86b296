#include "dispatch/http_gateway.hpp"

#include <sys/socket.h>

#include "dispatch/http_gateway_impl.hpp"

#include "maps/input_error.hpp"

namespace ems120::dispatch {

void reply_json(httplib::Response& response, int status, const std::string& body) {
    response.status = status;
    response.set_content(body, "application/json");
}

void reply_error(httplib::Response& response, int status, const std::string& message) {
    reply_json(response, status, nlohmann::json{{"error", message}, {"status", status}}.dump());
}

std::optional<nlohmann::json> HttpGateway::Impl::ask_json(const nlohmann::json& command, httplib::Response& response) {
    // A socket per request keeps threads apart.
    zmq::socket_t socket(context, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    std::string request;
    try {
        request = command.dump();
    } catch (const nlohmann::json::type_error&) {
        // Path segments, query values and headers arrive URL-decoded and may be any bytes.
        reply_error(response, 400, "the request's path, query or headers are not valid UTF-8");
        return std::nullopt;
    }
    socket.connect(config.control_endpoint);
    socket.send(zmq::buffer(request), zmq::send_flags::none);
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::message_t reply;
    if (zmq::poll(&item, 1, std::chrono::milliseconds(config.dispatcher_timeout_ms)) == 0 || !socket.recv(reply)) {
        reply_error(response, 503, "the dispatcher did not answer within " + std::to_string(config.dispatcher_timeout_ms) + " ms");
        return std::nullopt;
    }
    auto json = nlohmann::json::parse(reply.to_string(), nullptr, false);
    if (json.is_object() && json.contains("status") && json["status"].is_number_integer()) {
        const int status = json["status"].get<int>();
        if (status >= 400) {  // errors keep their status in the body: {"error", "status", ...}
            reply_json(response, status, json.dump());
            return std::nullopt;
        }
        json.erase("status");
        response.status = status;
        return json;
    }
    if (json.is_object() && json.contains("error")) {
        const std::string message = json["error"].is_string() ? json["error"].get<std::string>() : "error";
        const int status = message.find("no vehicle") != std::string::npos ? 404 : 400;
        json["status"] = status;
        reply_json(response, status, json.dump());
        return std::nullopt;
    }
    response.status = 200;
    return json;
}

void HttpGateway::Impl::ask(const nlohmann::json& command, httplib::Response& response) {
    if (auto json = ask_json(command, response)) reply_json(response, response.status, json->dump());
}

// A JSON object body, or an error reply (an empty body counts as {} when `optional`).
std::optional<nlohmann::json> HttpGateway::Impl::object_body(const httplib::Request& request, httplib::Response& r, bool optional) {
    if (optional && request.body.empty()) return nlohmann::json::object();
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        reply_error(r, 400, "the body is not JSON");
        return std::nullopt;
    }
    if (!body.is_object()) {
        reply_error(r, 400, "the body must be a JSON object");
        return std::nullopt;
    }
    return body;
}

// Relays the dispatcher's PUB socket to one client as server-sent events, with a comment line
// every 15 s so proxies keep the stream open and a gone client is noticed.
void HttpGateway::Impl::stream_events(httplib::Response& r, std::vector<std::string> topics) {
    if (config.events_endpoint.empty()) return reply_error(r, 404, "this dispatcher publishes no events");
    if (event_clients.fetch_add(1) >= config.max_event_clients) {
        --event_clients;
        return reply_error(r, 503, "too many event-stream clients (" + std::to_string(config.max_event_clients) + ")");
    }
    auto socket = std::make_shared<zmq::socket_t>(context, zmq::socket_type::sub);
    socket->set(zmq::sockopt::linger, 0);
    for (const auto& topic : topics) socket->set(zmq::sockopt::subscribe, topic);
    socket->connect(config.events_endpoint);
    r.set_header("Cache-Control", "no-cache");
    r.set_chunked_content_provider(
        "text/event-stream",
        [this, socket, quiet_ms = 0](std::size_t, httplib::DataSink& sink) mutable {
            if (stopping) return false;
            zmq::pollitem_t item{socket->handle(), 0, ZMQ_POLLIN, 0};
            if (zmq::poll(&item, 1, std::chrono::milliseconds(250)) == 0) {
                quiet_ms += 250;
                if (quiet_ms < 15'000) return sink.is_writable();
                quiet_ms = 0;
                return sink.write(": keep-alive\n\n", 15);
            }
            quiet_ms = 0;
            std::string chunk;
            for (int i = 0; i < 256; ++i) {
                zmq::message_t topic, body;
                if (!socket->recv(topic, zmq::recv_flags::dontwait)) break;
                if (!topic.more() || !socket->recv(body, zmq::recv_flags::dontwait)) continue;
                const std::string name = topic.to_string();
                const std::string_view type = std::string_view(name).substr(0, name.find('.'));
                chunk += "event: " + std::string(type) + "\ndata: " + body.to_string() + "\n\n";
            }
            return chunk.empty() || sink.write(chunk.data(), chunk.size());
        },
        [this](bool) { --event_clients; });
}

void HttpGateway::Impl::routes() {
    server.Get("/api/health", [](const httplib::Request&, httplib::Response& r) { reply_json(r, 200, R"({"ok":true})"); });
    server.Get("/api/fleet", [this](const httplib::Request&, httplib::Response& r) { ask({{"cmd", "fleet"}}, r); });
    server.Post(R"(/api/vehicles/([^/]{1,64})/orders)", [this](const httplib::Request& request, httplib::Response& r) {
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        if (body.is_discarded()) return reply_error(r, 400, "the body is not JSON");
        if (!body.is_object()) return reply_error(r, 400, "the body must be a JSON object (the order)");
        ask({{"cmd", "order"}, {"vehicle", request.matches[1].str()}, {"order", body}}, r);
    });
    server.Post("/api/incidents", [this](const httplib::Request& request, httplib::Response& r) {
        const auto body = object_body(request, r, false);
        if (!body) return;
        ask({{"cmd", "call"}, {"call", *body}, {"key", request.get_header_value("Idempotency-Key")}}, r);
    });
    server.Get("/api/incidents", [this](const httplib::Request&, httplib::Response& r) { ask({{"cmd", "incidents"}}, r); });
    server.Get(R"(/api/incidents/([^/]{1,64}))", [this](const httplib::Request& request, httplib::Response& r) {
        ask({{"cmd", "incident"}, {"id", request.matches[1].str()}}, r);
    });
    server.Post(R"(/api/incidents/([^/]{1,64})/assign)", [this](const httplib::Request& request, httplib::Response& r) {
        const auto body = object_body(request, r, false);
        if (!body) return;
        if (!body->contains("unit")) return reply_error(r, 400, "say which unit: {\"unit\": \"A12\"}");
        ask({{"cmd", "assign"}, {"id", request.matches[1].str()}, {"unit", (*body)["unit"]}}, r);
    });
    server.Post(R"(/api/incidents/([^/]{1,64})/cancel)", [this](const httplib::Request& request, httplib::Response& r) {
        const auto body = object_body(request, r, true);
        if (!body) return;
        ask({{"cmd", "cancel"}, {"id", request.matches[1].str()}, {"reason", body->value("reason", nlohmann::json(""))}}, r);
    });
    for (const char* what : {"kpis", "coverage", "state"})
        server.Get(std::string("/api/") + what, [this, what](const httplib::Request&, httplib::Response& r) { ask({{"cmd", what}}, r); });
    server.Get("/api/places", [this](const httplib::Request& request, httplib::Response& r) {
        if (!request.has_param("q")) return reply_error(r, 400, "search with ?q=NAME");
        ask({{"cmd", "places"}, {"q", request.get_param_value("q")}}, r);
    });
    server.Get("/api/events", [this](const httplib::Request&, httplib::Response& r) {
        stream_events(r, {"incident", "alert", "unit", "coverage", "vitals"});
    });
    server.Get(R"(/api/hospitals/([^/]{1,64})/feed)", [this](const httplib::Request& request, httplib::Response& r) {
        stream_events(r, {"hospital." + request.matches[1].str() + "#"});
    });
    // Known paths with the wrong method get 405, everything else 404.
    const auto not_allowed = [](const httplib::Request& request, httplib::Response& r) {
        reply_error(r, 405, request.method + " is not allowed on " + request.path);
    };
    for (const char* path : {"/api/health", "/api/fleet", "/api/kpis", "/api/coverage", "/api/state", "/api/places", "/api/events",
                             R"(/api/incidents/([^/]{1,64}))", R"(/api/hospitals/([^/]{1,64})/feed)"})
        server.Post(path, not_allowed);
    server.Get(R"(/api/incidents/([^/]{1,64})/(assign|cancel))", not_allowed);
    server.Get(R"(/api/vehicles/([^/]+)/orders)", not_allowed);
    for (const char* path : {"/api/health", "/api/fleet", "/api/kpis", "/api/coverage", "/api/state", "/api/places", "/api/events",
                             "/api/incidents", R"(/api/incidents/([^/]{1,64}))", R"(/api/incidents/([^/]{1,64})/(assign|cancel))",
                             R"(/api/vehicles/([^/]+)/orders)", R"(/api/hospitals/([^/]{1,64})/feed)"}) {
        server.Put(path, not_allowed);
        server.Patch(path, not_allowed);
        server.Delete(path, not_allowed);
    }
}

void HttpGateway::Impl::error_handlers() {
    // Called for every 4xx/5xx; our handlers' own JSON errors are left as they are.
    server.set_error_handler([](const httplib::Request& request, httplib::Response& r) {
        if (!r.body.empty()) return;
        if (r.status == 404) reply_error(r, 404, "no such endpoint: " + request.method + " " + request.path);
        else if (r.status == 413) reply_error(r, 413, "the body is over the limit");
        else reply_error(r, r.status, "bad request");
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& r, std::exception_ptr) {
        reply_error(r, 500, "internal error");
    });
}

HttpGateway::HttpGateway(zmq::context_t& context, HttpGatewayConfig config) : impl_(std::make_unique<Impl>(context, std::move(config))) {
    auto& i = *impl_;
    i.server.set_payload_max_length(i.config.max_body_bytes);
    // SO_REUSEADDR only: the library's default SO_REUSEPORT would let a second dispatcher share the
    // port silently instead of saying it is taken.
    i.server.set_socket_options([](int socket) {
        int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Event streams hold a worker each for as long as a console is open.
    const std::size_t workers = 8 + i.config.max_event_clients;
    i.server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    i.server.set_read_timeout(5, 0);
    i.server.set_write_timeout(5, 0);
    i.routes();
    i.console_routes();
    i.file_routes();  // after every /api route: the console's files are what is left
    i.error_handlers();
    const std::string where = i.config.host + ":" + std::to_string(i.config.port);
    if (i.config.port == 0) i.port = i.server.bind_to_any_port(i.config.host);
    else i.port = i.server.bind_to_port(i.config.host, i.config.port) ? i.config.port : -1;
    if (i.port <= 0) throw InputError("cannot serve HTTP on " + where + " (address in use or not this machine's)");
    i.thread = std::thread([&i] { i.server.listen_after_bind(); });
    // stop() only stops a server that is already listening: wait for that, so a gateway destroyed
    // at once still shuts down.
    while (!i.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

HttpGateway::~HttpGateway() {
    impl_->stopping = true;  // event streams end within a poll interval
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

int HttpGateway::port() const { return impl_->port; }

void HttpGateway::serve_map(std::shared_ptr<const ConsoleMap> map) {
    const std::lock_guard lock(impl_->console_map_mutex);
    impl_->console_map = std::move(map);
}

}  // namespace ems120::dispatch
