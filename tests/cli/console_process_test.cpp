// The browser console's side of the real `ems120 dispatcher` process: its files, its map and its
// event stream with a real `ems120-agent` (processes on 127.0.0.1, ports 27330-27339).
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/child_process.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait_until.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

std::string body_of(const std::string& answer) {
    const auto at = answer.find("\r\n\r\n");
    return at == std::string::npos ? "" : answer.substr(at + 4);
}

}  // namespace

TEST_CASE("the dispatcher process serves the built console, its map, and an event stream with vitals, sent_ms and a unit "
          "turning stale when its agent is killed",
          "[console-api]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "console");
    dir.write("console/index.html", "<!doctype html><title>ems120 console</title>");
    ChildProcess dispatcher(EMS120_BIN,
                            {"dispatcher", "--insecure", "--listen", "tcp://127.0.0.1:27330", "--http", "127.0.0.1:27331", "--data",
                             dir.file("data"), "--console", dir.file("console"), "--stale-after", "2", "--heartbeat-ms", "200"},
                            dir.file("dispatcher"));
    INFO(dispatcher.err());
    std::string info;
    REQUIRE(wait_until([&] {
        const auto a = raw_http(27331, "GET /api/map/info HTTP/1.1");
        if (!a || raw_http_status(*a) != 200) return false;
        info = body_of(*a);
        return true;
    }, 120'000));
    CHECK(nlohmann::json::parse(info)["map"] == "andorra.osm.pbf");
    const auto page = raw_http(27331, "GET / HTTP/1.1");
    REQUIRE(page);
    CHECK(raw_http_status(*page) == 200);
    CHECK(body_of(*page).find("ems120 console") != std::string::npos);

    // A console listening: the stream is read on its own thread until the dispatcher stops.
    std::string events;
    std::thread console([&] { events = raw_http(27331, "GET /api/events HTTP/1.1", 1 << 20, 40).value_or(""); });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    {
        ChildProcess agent(agent_binary(),
                           {"--vehicle", "A12", "--connect", "tcp://127.0.0.1:27330", "--insecure", "--outbox", dir.file("outbox"),
                            "--heartbeat-ms", "200", "--gps", "route:42.5078,1.5211;42.5432,1.5967", "--fix-interval-ms", "200",
                            "--vitals", "simulate:interval=200"},
                           dir.file("agent"));
        std::this_thread::sleep_for(std::chrono::seconds(4));
        agent.signal(SIGKILL);
        agent.wait(5000);
    }
    std::this_thread::sleep_for(std::chrono::seconds(4));  // --stale-after 2, then the next timer
    dispatcher.signal(SIGTERM);
    const int exit_code = dispatcher.wait(15'000);
    console.join();
    INFO(events.substr(0, 2000));
    CHECK(raw_http_status(events) == 200);
    CHECK(events.find("text/event-stream") != std::string::npos);
    CHECK(events.find("event: vitals\ndata: {") != std::string::npos);
    CHECK(events.find("\"sent_ms\":") != std::string::npos);
    CHECK(events.find("\"stale\":false") != std::string::npos);
    INFO("the killed agent's unit turns stale within --stale-after, after it was fresh");
    const auto fresh = events.find("\"stale\":false");
    REQUIRE(fresh != std::string::npos);
    CHECK(events.find("\"stale\":true", fresh) != std::string::npos);
    CHECK(exit_code == 0);
}
