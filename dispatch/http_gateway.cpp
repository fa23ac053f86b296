#include "dispatch/http_gateway.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "maps/input_error.hpp"

namespace ems120::dispatch {

namespace {

void reply_json(httplib::Response& response, int status, const std::string& body) {
    response.status = status;
    response.set_content(body, "application/json");
}

void reply_error(httplib::Response& response, int status, const std::string& message) {
    reply_json(response, status, nlohmann::json{{"error", message}}.dump());
}

}  // namespace

struct HttpGateway::Impl {
    zmq::context_t& context;
    HttpGatewayConfig config;
    httplib::Server server;
    int port = 0;
    std::thread thread;

    Impl(zmq::context_t& c, HttpGatewayConfig cfg) : context(c), config(std::move(cfg)) {}

    // One command to the dispatcher's control socket; a socket per request keeps threads apart.
    void ask(const nlohmann::json& command, httplib::Response& response) {
        zmq::socket_t socket(context, zmq::socket_type::req);
        socket.set(zmq::sockopt::linger, 0);
        socket.connect(config.control_endpoint);
        socket.send(zmq::buffer(command.dump()), zmq::send_flags::none);
        zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
        zmq::message_t reply;
        if (zmq::poll(&item, 1, std::chrono::milliseconds(config.dispatcher_timeout_ms)) == 0 || !socket.recv(reply)) {
            reply_error(response, 503, "the dispatcher did not answer within " + std::to_string(config.dispatcher_timeout_ms) + " ms");
            return;
        }
        const std::string text = reply.to_string();
        const auto json = nlohmann::json::parse(text, nullptr, false);
        if (json.is_object() && json.contains("error")) {
            const std::string message = json["error"].is_string() ? json["error"].get<std::string>() : "error";
            reply_json(response, message.find("no vehicle") != std::string::npos ? 404 : 400, text);
            return;
        }
        reply_json(response, 200, text);
    }

    void routes() {
        server.Get("/api/health", [](const httplib::Request&, httplib::Response& r) { reply_json(r, 200, R"({"ok":true})"); });
        server.Get("/api/fleet", [this](const httplib::Request&, httplib::Response& r) { ask({{"cmd", "fleet"}}, r); });
        server.Post(R"(/api/vehicles/([^/]{1,64})/orders)", [this](const httplib::Request& request, httplib::Response& r) {
            const auto body = nlohmann::json::parse(request.body, nullptr, false);
            if (body.is_discarded()) return reply_error(r, 400, "the body is not JSON");
            if (!body.is_object()) return reply_error(r, 400, "the body must be a JSON object (the order)");
            ask({{"cmd", "order"}, {"vehicle", request.matches[1].str()}, {"order", body}}, r);
        });
        // Known paths with the wrong method get 405, everything else 404.
        const auto not_allowed = [](const httplib::Request& request, httplib::Response& r) {
            reply_error(r, 405, request.method + " is not allowed on " + request.path);
        };
        server.Post("/api/health", not_allowed);
        server.Post("/api/fleet", not_allowed);
        server.Get(R"(/api/vehicles/([^/]+)/orders)", not_allowed);
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
};

HttpGateway::HttpGateway(zmq::context_t& context, HttpGatewayConfig config) : impl_(std::make_unique<Impl>(context, std::move(config))) {
    auto& i = *impl_;
    i.server.set_payload_max_length(i.config.max_body_bytes);
    // SO_REUSEADDR only: the library's default SO_REUSEPORT would let a second dispatcher share the
    // port silently instead of saying it is taken.
    i.server.set_socket_options([](int socket) {
        int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    i.server.set_read_timeout(5, 0);
    i.server.set_write_timeout(5, 0);
    i.routes();
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
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

int HttpGateway::port() const { return impl_->port; }

}  // namespace ems120::dispatch
