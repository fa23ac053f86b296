// Bad flags, files and requests at the edges of the vehicle link: one clear line, a non-zero
// exit, nothing started half-way.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/support/child_process.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120::test;

namespace {

CommandResult run_agent(const std::vector<std::string>& args) { return run_command(agent_binary(), args, 30); }

void expect_one_line_error(const CommandResult& r, int code, const std::string& mentions) {
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == code);
    CHECK_THAT(r.err, Catch::Contains(mentions));
    // One line of error (the --insecure warning, when asked for, comes before it).
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') <= 4);
    CHECK(r.err.find("internal error") == std::string::npos);
}

}  // namespace

TEST_CASE("ems120-agent refuses bad flags, specs, keys and config files with one line") {
    TempDir dir;
    const std::vector<std::string> base{"--vehicle", "A12", "--connect", "tcp://127.0.0.1:27140", "--insecure", "--outbox", dir.file("ob")};
    auto with = [&](std::vector<std::string> extra) {
        auto args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    expect_one_line_error(run_agent({"--connect", "tcp://127.0.0.1:27140", "--insecure"}), 2, "--vehicle ID is required");
    expect_one_line_error(run_agent({"--vehicle", "A12", "--insecure"}), 2, "--connect");
    expect_one_line_error(run_agent({"--vehicle", "A12", "--connect", "tcp://127.0.0.1:27140"}), 2, "CURVE needs --key");
    expect_one_line_error(run_agent(with({"--key", "x"})), 2, "cannot be combined");
    expect_one_line_error(run_agent(with({"--gps", "gps:/dev/null"})), 1, "position source 'gps:/dev/null'");
    expect_one_line_error(run_agent(with({"--gps", "nmea:" + dir.file("missing.nmea")})), 1, "missing.nmea");
    expect_one_line_error(run_agent(with({"--vitals", "simulate:deterioration=-1"})), 1, "vitals source");
    expect_one_line_error(run_agent(with({"--gps", "nmea:-", "--crew", "stdin"})), 2, "standard input");
    expect_one_line_error(run_agent(with({"--outbox-max-mb", "0"})), 2, "--outbox-max-mb");
    expect_one_line_error(run_agent(with({"--count", "ten"})), 2, "--count");
    expect_one_line_error(run_agent(with({"--bogus"})), 2, "unknown option '--bogus'");
    expect_one_line_error(run_agent(with({"--gps-pace", "1"})), 2, "--gps-pace needs a --gps source");
    expect_one_line_error(run_agent(with({"--gps", "route:42.5,1.5;42.6,1.6", "--gps-pace", "fast"})), 2, "--gps-pace 'fast'");
    expect_one_line_error(run_agent({"--vehicle", "A12", "--connect", "bogus://x", "--insecure", "--outbox", dir.file("ob2"), "--run-for", "1"}), 1, "cannot connect to bogus://x");
    expect_one_line_error(run_agent({"--vehicle", "A12", "--connect", "tcp://127.0.0.1:27140", "--key", dir.file("nokey"),
                                     "--server-key", dir.file("nokey.pub")}), 1, "cannot read key file");
    const auto config = dir.write("agent.conf", "vehicle = A12\nconnect = tcp://127.0.0.1:27140\nspeed = 80\n");
    expect_one_line_error(run_agent({"--config", config}), 2, "agent.conf:3: unknown option 'speed'");
    expect_one_line_error(run_agent({"--vehicle", "A12", "--connect", "tcp://127.0.0.1:27140", "--insecure", "--outbox",
                                     dir.write("plain", "x") + "/sub"}), 1, "cannot create the outbox");
}

TEST_CASE("ems120-agent reads its options from a config file, the command line winning") {
    TempDir dir;
    const auto config = dir.write("agent.conf", "# unit A12\nvehicle = A12\nconnect = tcp://127.0.0.1:27141\ninsecure = true\n"
                                                "outbox = " + dir.file("ob") + "\nrun-for = 60\n");
    const auto r = run_agent({"--config", config, "--run-for", "1"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("vehicle A12 -> tcp://127.0.0.1:27141 (INSECURE)"));
    CHECK_THAT(r.err, Catch::Contains("WARNING: --insecure"));
}

TEST_CASE("ems120 dispatcher, fleet, order, journal and keygen refuse bad input with one line") {
    TempDir dir;
    REQUIRE(run_ems120({"keygen", "--out", dir.file("center")}).exit_code == 0);
    expect_one_line_error(run_ems120({"keygen", "--out", dir.file("center")}), 1, "center.key");  // never overwritten
    expect_one_line_error(run_ems120({"dispatcher", "--data", dir.file("d")}), 2, "CURVE needs --key");
    expect_one_line_error(run_ems120({"dispatcher", "--data", dir.file("d"), "--key", dir.file("center"), "--allow", dir.file("none.txt")}), 1,
                          "cannot read the allow-list");
    expect_one_line_error(run_ems120({"dispatcher", "--data", dir.file("d"), "--key", dir.file("center"),
                                      "--allow", dir.write("allow.txt", "A12 not-a-key\n")}), 1, "allow.txt:1");
    expect_one_line_error(run_ems120({"dispatcher", "--data", dir.file("d"), "--insecure", "--listen", "tcp://127.0.0.1:notaport"}), 1,
                          "cannot listen on tcp://127.0.0.1:notaport");
    expect_one_line_error(run_ems120({"dispatcher", "--data", dir.file("d"), "--insecure", "--journal-sync", "maybe"}), 2, "--journal-sync");
    expect_one_line_error(run_ems120({"dispatcher", "--data", dir.write("file", "x"), "--insecure"}), 1, "is not a directory");
    {
        // A port in use: the second dispatcher says so and exits; the first keeps serving.
        ChildProcess first(EMS120_BIN, {"dispatcher", "--insecure", "--listen", "tcp://127.0.0.1:27142", "--http", "127.0.0.1:27143", "--data", dir.file("d1")}, dir.file("first"));
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (first.err().find("listening") == std::string::npos && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        expect_one_line_error(run_ems120({"dispatcher", "--insecure", "--listen", "tcp://127.0.0.1:27142", "--data", dir.file("d2")}), 1,
                              "Address already in use");
        expect_one_line_error(run_ems120({"dispatcher", "--insecure", "--listen", "tcp://127.0.0.1:27144", "--http", "127.0.0.1:27143",
                                          "--data", dir.file("d3")}), 1, "cannot serve HTTP on 127.0.0.1:27143");
        expect_one_line_error(run_ems120({"dispatcher", "--insecure", "--http", "7180", "--data", dir.file("d3")}), 2, "--http takes HOST:PORT");
        CHECK(run_ems120({"fleet", "--data", dir.file("d1")}).exit_code == 0);
        expect_one_line_error(run_ems120({"order", "--data", dir.file("d1"), "--vehicle", "A12", "--id", "O", "--incident", "I", "--at", "95,1"}), 2, "--at");
        expect_one_line_error(run_ems120({"order", "--data", dir.file("d1"), "--vehicle", "A12"}), 2, "--id is required");
    }
    expect_one_line_error(run_ems120({"fleet", "--data", dir.file("nowhere")}), 1, "is not a directory");
    std::filesystem::create_directories(dir.path() / "idle");
    expect_one_line_error(run_ems120({"fleet", "--data", dir.file("idle"), "--timeout-ms", "300"}), 1, "no dispatcher answers");
    expect_one_line_error(run_ems120({"journal", "--data", dir.file("idle")}), 1, "no journal");
}
