// The crew screen for real: `ems120 dispatcher` and `ems120-agent --screen tui` running in an
// 80x24 tmux pane, a call posted to the dispatcher's HTTP API, the order with its distance, ETA
// and next turn read off the pane, and the crew's [A] acknowledging it at the center.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/child_process.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait_until.hpp"

using namespace ems120::test;
using nlohmann::json;

namespace {

constexpr int kVehiclePort = 27201;
constexpr int kHttpPort = 27202;

// tmux from PATH (the test support starts programs by path); empty when it is not installed.
std::string tmux_binary() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string candidate = dirs.substr(start, end - start) + "/tmux";
        if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return {};
}

std::string shell_quoted(const std::string& word) {
    std::string q = "'";
    for (const char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// A tmux server of the test's own (its own socket, no user configuration), killed with
// everything in it when the test ends, however it ends.
class TmuxServer {
public:
    TmuxServer() : socket_("ems120-crew-test-" + std::to_string(::getpid())) {}
    ~TmuxServer() { tmux({"kill-server"}); }
    TmuxServer(const TmuxServer&) = delete;
    TmuxServer& operator=(const TmuxServer&) = delete;

    CommandResult tmux(std::vector<std::string> args) const {
        args.insert(args.begin(), {"-L", socket_, "-f", "/dev/null"});
        return run_command(tmux_binary(), args, 10);
    }
    // The pane's text as the crew sees it.
    std::string screen() const { return tmux({"capture-pane", "-p", "-t", "crew"}).out; }
    bool running() const { return tmux({"has-session", "-t", "crew"}).exit_code == 0; }

private:
    std::string socket_;
};

std::optional<json> get_json(httplib::Client& http, const std::string& path) {
    const auto r = http.Get(path);
    if (!r || r->status != 200) return std::nullopt;
    const json j = json::parse(r->body, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

bool has_position(httplib::Client& http, const std::string& vehicle) {
    const auto fleet = get_json(http, "/api/fleet");
    if (!fleet) return false;
    for (const auto& v : (*fleet)["vehicles"])
        if (v.value("vehicle", "") == vehicle && !v["position"].is_null()) return true;
    return false;
}

}  // namespace

TEST_CASE("crew_screen: in an 80x24 tmux pane the crew sees the order, distance, ETA and next turn, and [A] acknowledges it "
          "at the center",
          "[crew-screen]") {
    if (tmux_binary().empty()) FAIL("tmux is not installed (scripts/install-deps installs it)");
    TempDir dir;
    ChildProcess dispatcher(EMS120_BIN,
                            {"dispatcher", "--insecure", "--listen", "tcp://127.0.0.1:" + std::to_string(kVehiclePort), "--data",
                             dir.file("data"), "--http", "127.0.0.1:" + std::to_string(kHttpPort), "--heartbeat-ms", "200",
                             "--ack-timeout", "600"},
                            dir.file("dispatcher"));
    httplib::Client http("127.0.0.1", kHttpPort);
    http.set_connection_timeout(1);
    http.set_read_timeout(5);
    if (!wait_until([&] { return get_json(http, "/api/health").has_value(); }, 60'000))
        FAIL("the dispatcher's HTTP API never answered\n" << dispatcher.err());
    // Another process on the test's ports would answer in its place.
    if (!dispatcher.running()) FAIL("the dispatcher stopped (ports " << kVehiclePort << ", " << kHttpPort << " taken?)\n" << dispatcher.err());

    // The unit drives slowly through Escaldes, east of the call in Andorra la Vella.
    const std::vector<std::string> agent{EMS120_AGENT_BIN, "--vehicle", "A12", "--connect",
                                         "tcp://127.0.0.1:" + std::to_string(kVehiclePort), "--insecure", "--outbox", dir.file("outbox"),
                                         "--heartbeat-ms", "200", "--screen", "tui", "--gps", "route:42.5096,1.5390;42.5101,1.5432",
                                         "--speed-kmh", "5"};
    std::string command = "exec";
    for (const auto& word : agent) command.append(" ").append(shell_quoted(word));
    TmuxServer tmux;
    const auto started = tmux.tmux({"new-session", "-d", "-s", "crew", "-x", "80", "-y", "24", command});
    REQUIRE(started.exit_code == 0);
    const auto logs = [&] {
        std::ifstream log(dir.file("outbox") + "/agent.log");
        std::string agent_log((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
        return "--- pane:\n" + tmux.screen() + "\n--- agent log:\n" + agent_log + "\n--- dispatcher:\n" + dispatcher.err();
    };
    if (!wait_until([&] { return has_position(http, "A12"); }, 30'000)) FAIL("the center never placed A12\n" << logs());
    CHECK_THAT(tmux.screen(), Catch::Contains("NO CURRENT ORDER") && Catch::Contains("LINK UP"));

    const auto posted = http.Post("/api/incidents",
                                  json{{"lat", 42.5078}, {"lon", 1.5211}, {"address", "Avinguda Meritxell 20"}, {"priority", "emergency"},
                                       {"complaint", "chest pain, sweating"}}
                                      .dump(),
                                  "application/json");
    REQUIRE(posted);
    INFO(posted->body);
    REQUIRE(posted->status == 201);
    const json call = json::parse(posted->body);
    const std::string incident = call["incident"]["id"];
    REQUIRE(call["incident"]["unit"] == "A12");
    const std::string order = call["incident"]["offers"][0]["order"];

    const auto shows_order = [&] {
        const std::string s = tmux.screen();
        return s.find("ORDER " + order) != std::string::npos && s.find("TO PATIENT") != std::string::npos &&
               s.find("by road") != std::string::npos && s.find("ETA ") != std::string::npos && s.find("NEXT: ") != std::string::npos;
    };
    if (!wait_until(shows_order, 20'000)) FAIL("the order never showed with distance, ETA and next turn\n" << logs());
    const std::string screen = tmux.screen();
    INFO(screen);
    CHECK_THAT(screen, Catch::Contains("chest pain, sweating"));
    CHECK_THAT(screen, Catch::Contains("NOT ACKNOWLEDGED: press [A]"));
    CHECK_THAT(screen, Catch::Contains("PRIORITY 2"));
    CHECK_THAT(screen, Catch::Matches(R"([\s\S]*NEXT: (in [0-9.]+ k?m )?(turn|keep|make a U-turn|arrive)[\s\S]*)"));
    for (const auto& line : [&] {
             std::vector<std::string> lines;
             std::string l;
             for (const char c : screen) (c == '\n') ? (lines.push_back(l), l.clear()) : l.push_back(c);
             return lines;
         }())
        CHECK(line.size() <= 80);

    // Shown is not acknowledged: the center waits for the crew.
    const auto before = get_json(http, "/api/incidents/" + incident);
    REQUIRE(before);
    CHECK((*before)["times"]["acknowledged"].is_null());
    CHECK((*before)["state"] == "offered");

    // A key that is no button, then the acknowledgement.
    REQUIRE(tmux.tmux({"send-keys", "-t", "crew", "z"}).exit_code == 0);
    if (!wait_until([&] { return tmux.screen().find("key 'z' does nothing") != std::string::npos; }, 10'000))
        FAIL("no message for a bad key\n" << logs());
    REQUIRE(tmux.tmux({"send-keys", "-t", "crew", "a"}).exit_code == 0);
    const auto acknowledged = [&] {
        const auto j = get_json(http, "/api/incidents/" + incident);
        return j && !(*j)["times"]["acknowledged"].is_null() && (*j)["state"] == "assigned";
    };
    if (!wait_until(acknowledged, 15'000)) FAIL("the center never recorded the acknowledgement\n" << logs());
    CHECK_THAT(tmux.screen(), Catch::Contains("acknowledged (sent to the center)"));

    // A bigger terminal (SIGWINCH) gets the big buttons at once.
    REQUIRE(tmux.tmux({"resize-window", "-t", "crew", "-x", "120", "-y", "40"}).exit_code == 0);
    if (!wait_until([&] { return tmux.screen().find("| [E] EN ROUTE") != std::string::npos; }, 10'000))
        FAIL("the screen did not follow the resize\n" << logs());

    // [Q] asks, [Y] quits: the agent ends and with it the pane.
    REQUIRE(tmux.tmux({"send-keys", "-t", "crew", "q"}).exit_code == 0);
    if (!wait_until([&] { return tmux.screen().find("quit the crew screen?") != std::string::npos; }, 10'000))
        FAIL("[Q] did not ask\n" << logs());
    REQUIRE(tmux.tmux({"send-keys", "-t", "crew", "y"}).exit_code == 0);
    if (!wait_until([&] { return !tmux.running(); }, 10'000)) FAIL("[Q] [Y] did not end the agent\n" << logs());
    std::ifstream log(dir.file("outbox") + "/agent.log");
    const std::string agent_log((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    CHECK_THAT(agent_log, Catch::Contains("stopping:"));
    dispatcher.signal(SIGTERM);
    CHECK(dispatcher.wait(10'000) == 0);
}

TEST_CASE("crew_screen: bad --screen and --log options get one clear error, and no terminal is no screen", "[crew-screen]") {
    TempDir dir;
    const std::vector<std::string> base{"--vehicle", "A12", "--connect", "tcp://127.0.0.1:27203", "--insecure", "--outbox", dir.file("ob")};
    const auto run = [&](std::vector<std::string> extra) {
        auto args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return run_command(agent_binary(), args, 30);
    };
    const auto expect = [](const CommandResult& r, int code, const std::string& mentions) {
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == code);
        CHECK_THAT(r.err, Catch::Contains(mentions));
        CHECK(r.err.find("internal error") == std::string::npos);
    };
    expect(run({"--screen", "gui"}), 2, "--screen takes text or tui, not 'gui'");
    expect(run({"--screen", "tui", "--crew", "stdin"}), 2, "--screen tui reads the keyboard");
    expect(run({"--screen", "tui", "--gps", "nmea:-"}), 2, "--screen tui reads the keyboard");
    expect(run({"--log", dir.write("plain", "x") + "/sub/agent.log", "--run-for", "1"}), 1, "cannot open the log file");
    // A test's standard input is no terminal: said on standard error, nothing drawn.
    expect(run({"--screen", "tui", "--run-for", "1"}), 2, "--screen tui needs a terminal");
}
