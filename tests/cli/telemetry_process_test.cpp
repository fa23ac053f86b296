// The real programs, killed the hard way: `ems120 dispatcher` and `ems120-agent` as separate
// processes over CURVE on 127.0.0.1, kill -9 in the middle of a stream.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "dispatch/journal_history.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/wait_until.hpp"
#include "vehicle_agent/outbox.hpp"

using namespace ems120;
using namespace ems120::test;

namespace {

constexpr const char* kRoute = "route:42.5078,1.5211;42.5432,1.5967";  // La Vella to Encamp, Andorra

std::vector<protocol::Seq> journal_seqs(const std::filesystem::path& data);

// Keys for a center and one vehicle, made with `ems120 keygen`, and the allow-list.
struct Keys {
    explicit Keys(const TempDir& dir) : dir_(dir) {
        REQUIRE(run_ems120({"keygen", "--out", dir.file("center")}).exit_code == 0);
        REQUIRE(run_ems120({"keygen", "--out", dir.file("a12")}).exit_code == 0);
        std::ifstream pub(dir.file("a12.pub"));
        std::string key;
        pub >> key;
        dir.write("allow.txt", "# vehicles of the test county\nA12 " + key + "\n");
    }
    std::vector<std::string> dispatcher_args(const std::string& port) const {
        return {"dispatcher", "--listen", "tcp://127.0.0.1:" + port, "--data", dir_.file("data"), "--key", dir_.file("center"),
                "--allow", dir_.file("allow.txt"), "--heartbeat-ms", "200", "--stale-after", "2", "--http", "off"};
    }
    // The unit's connection options, then `extra` (its sources, limits).
    std::vector<std::string> agent_args(const std::string& port, const std::vector<std::string>& extra = {}) const {
        std::vector<std::string> args{"--vehicle", "A12", "--connect", "tcp://127.0.0.1:" + port, "--key", dir_.file("a12"),
                                      "--server-key", dir_.file("center.pub"), "--outbox", dir_.file("outbox"), "--heartbeat-ms", "200"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
    const TempDir& dir_;
};

// Waits for the journal to hold `count` sequenced records; on timeout fails with the logs.
void wait_for_journal(const std::filesystem::path& data, std::size_t count, const std::vector<const ChildProcess*>& processes) {
    if (wait_until([&] { return journal_seqs(data).size() >= count; }, 20'000)) return;
    std::string logs;
    for (const auto* p : processes) logs += "--- stderr:\n" + p->err();
    FAIL("the journal did not reach " << count << " records (has " << journal_seqs(data).size() << ")\n" << logs);
}

std::vector<protocol::Seq> journal_seqs(const std::filesystem::path& data) {
    std::vector<protocol::Seq> seqs;
    if (!std::filesystem::exists(data / "journal")) return seqs;
    for (const auto& vh : dispatch::read_journal_history(data / "journal").vehicles)
        for (const auto& r : vh.records)
            if (r.message.seq) seqs.push_back(r.message.seq);
    return seqs;
}

std::vector<protocol::Seq> one_to(protocol::Seq n) {
    std::vector<protocol::Seq> v;
    for (protocol::Seq s = 1; s <= n; ++s) v.push_back(s);
    return v;
}

std::uint64_t outbox_pending(const std::string& status_file) {
    std::ifstream in(status_file);
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("outbox")) return 0;
    return j["outbox"]["pending"].get<std::uint64_t>();
}

}  // namespace

TEST_CASE("a dispatcher killed with kill -9 mid-stream and restarted processes every message exactly once, in sequence order") {
    TempDir dir;
    const Keys keys(dir);
    const std::string port = "27131";
    auto dispatcher = std::make_unique<ChildProcess>(EMS120_BIN, keys.dispatcher_args(port), dir.file("dispatcher-1"));
    const auto agent_args = keys.agent_args(port, {"--gps", kRoute, "--fix-interval-ms", "20", "--vitals", "simulate:interval=100", "--count",
                                                   "600", "--exit-when-delivered", "--status-file", dir.file("status.json")});
    ChildProcess agent(agent_binary(), agent_args, dir.file("agent"));
    wait_for_journal(dir.path() / "data", 100, {dispatcher.get(), &agent});
    dispatcher->signal(SIGKILL);
    CHECK(dispatcher->wait(5000) == 128 + SIGKILL);
    // While the center is gone the vehicle keeps producing into its outbox.
    const bool grew = wait_until([&] { return outbox_pending(dir.file("status.json")) >= 30; }, 20'000);
    if (!grew) FAIL("the outbox did not grow\nagent log:\n" << agent.err() << "\nstatus: " << std::ifstream(dir.file("status.json")).rdbuf());
    dispatcher = std::make_unique<ChildProcess>(EMS120_BIN, keys.dispatcher_args(port), dir.file("dispatcher-2"));
    INFO("agent log:\n" << agent.err());
    REQUIRE(agent.wait(60'000) == 0);
    dispatcher->signal(SIGTERM);
    CHECK(dispatcher->wait(5000) == 0);
    CHECK(journal_seqs(dir.path() / "data") == one_to(600));
    CHECK_THAT(dispatcher->err(), Catch::Contains("journal: replayed"));
}

TEST_CASE("an agent killed with kill -9 mid-stream and restarted loses nothing it produced before the kill") {
    TempDir dir;
    const Keys keys(dir);
    const std::string port = "27132";
    ChildProcess dispatcher(EMS120_BIN, keys.dispatcher_args(port), dir.file("dispatcher"));
    const auto first_args = keys.agent_args(port, {"--gps", kRoute, "--fix-interval-ms", "10", "--vitals", "simulate:interval=100"});
    {
        ChildProcess agent(agent_binary(), first_args, dir.file("agent-1"));
        wait_for_journal(dir.path() / "data", 100, {&dispatcher, &agent});
        agent.signal(SIGKILL);
        CHECK(agent.wait(5000) == 128 + SIGKILL);
    }
    // Everything the killed agent produced is in its outbox directory or already at the center.
    protocol::Seq produced = 0;
    {
        agent::Outbox outbox(agent::OutboxConfig{dir.file("outbox")});
        produced = outbox.last_seq();
    }
    REQUIRE(produced >= 100);
    ChildProcess agent(agent_binary(), keys.agent_args(port, {"--exit-when-delivered"}), dir.file("agent-2"));
    INFO("agent log:\n" << agent.err());
    REQUIRE(agent.wait(30'000) == 0);
    dispatcher.signal(SIGTERM);
    CHECK(dispatcher.wait(5000) == 0);
    CHECK(journal_seqs(dir.path() / "data") == one_to(produced));
}

TEST_CASE("orders go from `ems120 order` through the dispatcher to the crew and `ems120 fleet` shows the vehicle") {
    TempDir dir;
    const Keys keys(dir);
    const std::string port = "27133";
    ChildProcess dispatcher(EMS120_BIN, keys.dispatcher_args(port), dir.file("dispatcher"));
    ChildProcess agent(agent_binary(),
                       keys.agent_args(port, {"--gps", kRoute, "--fix-interval-ms", "100", "--vitals", "simulate:interval=200", "--run-for", "20"}),
                       dir.file("agent"));
    wait_for_journal(dir.path() / "data", 5, {&dispatcher, &agent});
    const auto order = run_ems120({"order", "--data", dir.file("data"), "--vehicle", "A12", "--id", "O-7", "--incident", "INC-3",
                                   "--at", "42.5102,1.5385", "--address", "Carrer de la Unió 5", "--priority", "1"});
    INFO(order.err);
    REQUIRE(order.exit_code == 0);
    REQUIRE(wait_until([&] { return agent.out().find("DISPATCH ORDER O-7") != std::string::npos; }, 10'000));
    CHECK_THAT(agent.out(), Catch::Contains("Carrer de la Unió 5"));
    REQUIRE(wait_until([&] {
        const auto fleet = run_ems120({"fleet", "--data", dir.file("data"), "--json"});
        return fleet.exit_code == 0 && fleet.out.find("\"O-7\"") != std::string::npos;
    }, 10'000));
    const auto table = run_ems120({"fleet", "--data", dir.file("data")});
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Catch::Contains("A12") && Catch::Contains("up"));
    const auto unknown = run_ems120({"order", "--data", dir.file("data"), "--vehicle", "Z99", "--id", "O-8", "--incident", "INC-3", "--at", "42.5,1.5"});
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.err, Catch::Contains("no vehicle 'Z99'"));
}
