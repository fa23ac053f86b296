// `ems120 demo` end to end: the real binary, its dispatcher child and its simulated fleet on
// loopback, bounded in time. The kill -9 story freezes the demo (SIGSTOP: its units and callers
// stand still), kills its dispatcher, and checks that a dispatcher started on the same journal
// restores exactly what the killed one knew, before letting the demo recover by itself.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <zmq.hpp>

#include "dispatch/journal_history.hpp"
#include "tests/cli/cli_test_support.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/wait_until.hpp"

using namespace ems120;
using namespace ems120::test;
using nlohmann::json;

namespace {

// {"cmd": ...} on the dispatcher's control socket: the same answer GET /api/<cmd> relays.
std::optional<json> ask(const std::filesystem::path& data, const std::string& command) {
    zmq::context_t context(1);
    zmq::socket_t socket(context, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    socket.connect("ipc://" + (data / "control.sock").string());
    socket.send(zmq::buffer(json{{"cmd", command}}.dump()), zmq::send_flags::none);
    zmq::pollitem_t item{socket.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, std::chrono::milliseconds(1000)) == 0) return std::nullopt;
    zmq::message_t reply;
    if (!socket.recv(reply, zmq::recv_flags::none)) return std::nullopt;
    const json j = json::parse(reply.to_string(), nullptr, false);
    if (j.is_discarded() || j.contains("error")) return std::nullopt;
    return j;
}

std::size_t incident_count(const std::filesystem::path& data) {
    const auto state = ask(data, "state");
    return state ? (*state)["incidents"].size() : 0;
}

// "summary: 9 calls, 9 assigned, 2 completed, ..." -> {9, 9, 2}; empty when missing.
std::vector<int> summary_counts(const std::string& out) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex(R"(summary: (\d+) calls, (\d+) assigned, (\d+) completed)"))) return {};
    return {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
}

bool is_zombie_or_gone(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) return true;
    const auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z';
}

std::vector<std::string> lines_of_file(const std::filesystem::path& path) {
    std::vector<std::string> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

// The demo's dispatcher command line with other ports for vehicles and HTTP.
std::vector<std::string> with_other_ports(std::vector<std::string> args) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "--listen") args[i + 1] = "tcp://127.0.0.1:27191";
        if (args[i] == "--http") args[i + 1] = "127.0.0.1:27192";
    }
    return args;
}

// Each vehicle's sequenced journal records.
std::map<std::string, std::vector<protocol::Seq>> journal_seqs(const std::filesystem::path& data) {
    std::map<std::string, std::vector<protocol::Seq>> seqs;
    for (const auto& vh : dispatch::read_journal_history(data / "journal").vehicles)
        for (const auto& r : vh.records)
            if (r.message.seq) seqs[vh.vehicle.value].push_back(r.message.seq);
    return seqs;
}

}  // namespace

TEST_CASE("the demo runs on the bundled map with no setup: calls are assigned, patients reached, jobs completed, and a summary",
          "[demo]") {
    const auto r = run_ems120({"demo", "--duration", "40", "--speed", "100", "--calls-per-hour", "20", "--ack-timeout", "600",
                               "--http", "127.0.0.1:27181"},
                              120);
    INFO(describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("dispatcher up"));
    CHECK(std::regex_search(r.out, std::regex(R"(\d\d:\d\d:\d\d  I\d+ +assigned +.+ -> A\d\d, ETA [0-9.]+ min)")));
    CHECK(std::regex_search(r.out, std::regex(R"(\d\d:\d\d:\d\d  I\d+ +on scene +A\d\d at )")));
    CHECK(std::regex_search(r.out, std::regex(R"(\d\d:\d\d:\d\d  I\d+ +completed +)")));
    const auto counts = summary_counts(r.out);
    REQUIRE(counts.size() == 3);
    CHECK(counts[0] >= 3);
    CHECK(counts[1] >= 1);
    CHECK(counts[2] >= 1);
    CHECK(std::regex_search(r.out, std::regex(R"(response median [0-9.]+ min, p90 [0-9.]+ min, \d+% within 15 min)")));
    check_no_crash_text(r.err);
    // Without --data the demo cleans up after itself.
    std::smatch m;
    REQUIRE(std::regex_search(r.out, m, std::regex(R"(data in (\S+) \(removed at the end\))")));
    CHECK_FALSE(std::filesystem::exists(m[1].str()));
}

TEST_CASE("kill -9 of the demo's dispatcher loses nothing: a restart on its journal restores the same state, and the demo "
          "recovers by itself",
          "[demo]") {
    TempDir dir;
    const auto data = dir.path() / "data";
    // A long ack timeout: no timer may fire while the state is being compared.
    ChildProcess demo(EMS120_BIN,
                      {"demo", "--data", data.string(), "--duration", "75", "--speed", "60", "--calls-per-hour", "60",
                       "--ack-timeout", "3600", "--http", "127.0.0.1:27182"},
                      dir.file("demo"));
    const auto logs = [&] { return "--- demo stdout:\n" + demo.out() + "\n--- demo stderr:\n" + demo.err(); };
    if (!wait_until([&] { return incident_count(data) >= 4; }, 60'000)) FAIL("the demo never had 4 incidents\n" << logs());

    demo.signal(SIGSTOP);  // its units and its caller stand still; the dispatcher settles
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto before = ask(data, "state");
    REQUIRE(before);
    const pid_t first = std::stoi(lines_of_file(data / "dispatcher.pid").at(0));
    ::kill(first, SIGKILL);
    REQUIRE(wait_until([&] { return is_zombie_or_gone(first); }, 5000));

    {
        const auto args = with_other_ports(lines_of_file(data / "dispatcher.args"));
        ChildProcess second(EMS120_BIN, args, dir.file("second-dispatcher"));
        std::optional<json> after;
        REQUIRE(wait_until([&] { return (after = ask(data, "state")).has_value(); }, 60'000));
        second.signal(SIGTERM);
        CHECK(second.wait(10'000) == 0);
        INFO("second dispatcher:\n" << second.err());
        CHECK((*before)["incidents"] == (*after)["incidents"]);
        CHECK((*before)["units"] == (*after)["units"]);
        CHECK(before->dump() == after->dump());
    }

    demo.signal(SIGCONT);
    INFO(logs());
    REQUIRE(demo.wait(120'000) == 0);
    const std::string out = demo.out();
    CHECK_THAT(out, Catch::Contains("killed by signal 9") && Catch::Contains("dispatcher restarted"));
    const auto counts = summary_counts(out);
    REQUIRE(counts.size() == 3);
    CHECK(counts[2] >= 1);
    CHECK(std::stoi(lines_of_file(data / "dispatcher.pid").at(0)) != first);

    // Every unit's messages are in the journal once each, 1..N without a gap, and nothing the
    // killed dispatcher had acknowledged is missing.
    const auto seqs = journal_seqs(data);
    for (const auto& unit : (*before)["units"]) {
        const std::string id = unit["unit"].get<std::string>();
        INFO("unit " << id);
        REQUIRE(seqs.count(id));
        const auto& s = seqs.at(id);
        std::vector<protocol::Seq> one_to_n(s.size());
        for (std::size_t i = 0; i < s.size(); ++i) one_to_n[i] = i + 1;
        CHECK(s == one_to_n);
        CHECK(s.size() >= unit["acked_through"].get<std::size_t>());
    }
}

TEST_CASE("bad flags of the demo: one line, exit 2, nothing started", "[demo]") {
    expect_usage_error(run_ems120({"demo", "--no-such-flag"}), {"--no-such-flag"});
    expect_usage_error(run_ems120({"demo", "--duration", "soon"}), {"--duration", "soon"});
    expect_usage_error(run_ems120({"demo", "--speed", "0"}), {"--speed"});
    expect_usage_error(run_ems120({"demo", "--units", "0"}), {"--units"});
    expect_usage_error(run_ems120({"demo", "--calls-per-hour", "-3"}), {"--calls-per-hour"});
    expect_usage_error(run_ems120({"demo", "--http", "7180"}), {"--http"});
    const auto help = run_ems120({"demo", "--help"});
    CHECK(help.exit_code == 0);
    for (const char* flag : {"--map", "--duration", "--speed", "--units", "--calls-per-hour", "--seed", "--data", "--http", "--ack-timeout"})
        CHECK_THAT(help.out, Catch::Contains(flag));
}
