// The browser console's files on the HTTP gateway: GET / and GET /<file> from the --console
// directory and nothing outside it, whatever the path says.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "dispatch/console_files.hpp"
#include "dispatch/http_gateway.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;
using namespace ems120::test;
using nlohmann::json;

namespace {

std::string raw_request(int port, const std::string& request_line) {
    const auto answer = raw_http(port, request_line);
    REQUIRE(answer);
    return *answer;
}

int status_of(const std::string& raw_answer) {
    REQUIRE(raw_http_status(raw_answer) != 0);
    return raw_http_status(raw_answer);
}

struct ConsoleServer {
    TempDir dir;
    std::filesystem::path console = dir.path() / "console";
    zmq::context_t context{1};
    std::unique_ptr<dispatch::HttpGateway> gateway;
    std::unique_ptr<httplib::Client> client;

    ConsoleServer(int port, bool build) {
        if (build) {
            std::filesystem::create_directories(console / "assets");
            dir.write("console/index.html", "<!doctype html><title>ems120 console</title><script src=\"assets/app.js\"></script>");
            dir.write("console/assets/app.js", "console.log('dispatch');");
            dir.write("console/assets/style.css", "body{margin:0}");
            dir.write("console/assets/.secret", "hidden");
        }
        dispatch::HttpGatewayConfig http;
        http.port = port;
        http.control_endpoint = "ipc://" + (dir.path() / "nobody.sock").string();
        http.dispatcher_timeout_ms = 200;
        http.console_directory = console.string();
        gateway = std::make_unique<dispatch::HttpGateway>(context, http);
        client = std::make_unique<httplib::Client>("127.0.0.1", port);
        client->set_read_timeout(10, 0);
    }
};

}  // namespace

TEST_CASE("the console's entry page and built files are served from its directory, with their types; index.html is never cached",
          "[console-api]") {
    ConsoleServer server(27300, true);
    const auto index = server.client->Get("/");
    REQUIRE(index);
    CHECK(index->status == 200);
    CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(index->get_header_value("Cache-Control") == "no-cache");
    CHECK(index->body.find("ems120 console") != std::string::npos);
    CHECK(server.client->Get("/index.html")->body == index->body);

    const auto script = server.client->Get("/assets/app.js");
    REQUIRE(script);
    CHECK(script->status == 200);
    CHECK(script->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(script->body == "console.log('dispatch');");
    CHECK_FALSE(script->has_header("Cache-Control"));
    CHECK(server.client->Get("/assets/style.css")->get_header_value("Content-Type") == "text/css; charset=utf-8");

    INFO("a missing file and a hidden one are 404 with a JSON error");
    for (const char* path : {"/assets/missing.js", "/assets/.secret", "/assets", "/nothing/here.html"}) {
        INFO(path);
        const auto r = server.client->Get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(json::parse(r->body)["status"] == 404);
    }
}

TEST_CASE("no path leaves the console's directory: '..', its %2e%2e spelling and symbolic links pointing out are refused",
          "[console-api]") {
    ConsoleServer server(27301, true);
    server.dir.write("outside.txt", "SECRET-OUTSIDE");
    std::filesystem::create_symlink(server.dir.path() / "outside.txt", server.console / "escape.txt");
    std::filesystem::create_symlink(server.dir.path(), server.console / "up");
    std::filesystem::create_symlink(server.console / "assets" / "app.js", server.console / "inner.js");

    for (const std::string target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../outside.txt",
                                     "/assets/%2E%2E/%2e%2E/outside.txt", "/..%2f..%2foutside.txt", "/./index.html",
                                     "/escape.txt", "/up/outside.txt", "/%00index.html",
                                     "/assets%5c..%5c..%5coutside.txt"}) {
        INFO(target);
        const std::string answer = raw_request(27301, "GET " + target + " HTTP/1.1");
        const int status = status_of(answer);
        CHECK((status == 400 || status == 404));
        CHECK(answer.find("SECRET-OUTSIDE") == std::string::npos);
        CHECK(answer.find("root:") == std::string::npos);
        CHECK(answer.find("\"error\"") != std::string::npos);
    }
    INFO("a link that stays inside the directory is followed");
    const auto inner = server.client->Get("/inner.js");
    REQUIRE(inner);
    CHECK(inner->status == 200);
    CHECK(inner->body == "console.log('dispatch');");
}

TEST_CASE("the console's files take GET only, and /api/ paths never fall through to files", "[console-api]") {
    ConsoleServer server(27302, true);
    std::filesystem::create_directories(server.console / "api");
    server.dir.write("console/api/health", "a file, not the API");
    server.dir.write("console/api/nothing", "a file, not the API");
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"POST", "/"}, {"PUT", "/index.html"}, {"DELETE", "/assets/app.js"}, {"PATCH", "/assets/app.js"}}) {
        INFO(method << " " << path);
        const std::string answer = raw_request(27302, method + " " + path + " HTTP/1.1\r\nContent-Length: 0");
        CHECK(status_of(answer) == 405);
        CHECK(answer.find("\"error\"") != std::string::npos);
    }
    const auto health = server.client->Get("/api/health");
    REQUIRE(health);
    CHECK(health->body == R"({"ok":true})");
    for (const char* path : {"/api/nothing", "/api/", "/api"}) {
        INFO(path);
        const auto r = server.client->Get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        const json body = json::parse(r->body);
        CHECK(body["status"] == 404);
        CHECK(body["error"].get<std::string>().find("no such endpoint") != std::string::npos);
    }
}

TEST_CASE("without a built console GET / says how to build it, and the API keeps serving", "[console-api]") {
    ConsoleServer server(27303, false);
    const auto page = server.client->Get("/");
    REQUIRE(page);
    CHECK(page->status == 404);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("console not built: run scripts/build") != std::string::npos);
    const auto script = server.client->Get("/assets/app.js");
    REQUIRE(script);
    CHECK(script->status == 404);
    CHECK(json::parse(script->body)["error"].get<std::string>().find("console not built") != std::string::npos);
    CHECK(server.client->Get("/api/health")->status == 200);
    INFO("the API's own errors carry their status: the dispatcher is not running here");
    const auto fleet = server.client->Get("/api/fleet");
    REQUIRE(fleet);
    CHECK(fleet->status == 503);
    CHECK(json::parse(fleet->body)["status"] == 503);
}

TEST_CASE("console file types come from the extension", "[console-api]") {
    CHECK(dispatch::content_type_for("a/index.HTML") == "text/html; charset=utf-8");
    CHECK(dispatch::content_type_for("app.mjs") == "text/javascript; charset=utf-8");
    CHECK(dispatch::content_type_for("icon.svg") == "image/svg+xml");
    CHECK(dispatch::content_type_for("font.woff2") == "font/woff2");
    CHECK(dispatch::content_type_for("data.bin") == "application/octet-stream");
    CHECK(dispatch::content_type_for("Makefile") == "application/octet-stream");
}
