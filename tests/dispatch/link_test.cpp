#include <catch2/catch.hpp>

#include <zmq_addon.hpp>

#include "dispatch/journal_history.hpp"
#include "protocol/codec.hpp"
#include "tests/dispatch/link_harness.hpp"
#include "tests/support/raw_message.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;
using namespace ems120::test;
using protocol::Seq;

namespace {

const dispatch::VehicleState* vehicle(const Center& c, const std::string& id) { return c.server.fleet().find({id}); }

std::uint64_t accepted(const Center& c, const std::string& id) {
    const auto* v = vehicle(c, id);
    return v ? v->counts.accepted : 0;
}

// The sequenced seqs of one vehicle in the journal, in the order `ems120 journal` gives them.
std::vector<Seq> journal_seqs(const std::filesystem::path& journal, const std::string& id) {
    std::vector<Seq> seqs;
    for (const auto& vh : dispatch::read_journal_history(journal).vehicles)
        if (vh.vehicle.value == id)
            for (const auto& r : vh.records)
                if (r.message.seq) seqs.push_back(r.message.seq);
    return seqs;
}

std::vector<Seq> one_to(Seq n) {
    std::vector<Seq> v;
    for (Seq s = 1; s <= n; ++s) v.push_back(s);
    return v;
}

}  // namespace

TEST_CASE("a vehicle's fixes reach the fleet state exactly once over CURVE on tcp://127.0.0.1 and are journaled") {
    TempDir dir;
    KeyRing keys;
    auto config = center_config("tcp://127.0.0.1:0", dir.path() / "journal");
    config.listen = "tcp://127.0.0.1:27120";
    config.security.keys = keys.center;
    config.allow_list = keys.allow();
    Center center(config);
    Vehicle a("A12", config.listen, dir.path() / "outbox", link::ClientSecurity{keys.vehicle_a, keys.center.public_key});
    const auto start = now_ms();
    for (int i = 0; i < 200; ++i) a.uplink.submit(fix(start - 200'000 + i * 1000, 42.5 + i * 1e-4));
    REQUIRE(pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }));
    CHECK(accepted(center, "A12") == 200);
    CHECK(vehicle(center, "A12")->position->lat == Approx(42.5 + 199e-4));
    CHECK(center.server.counters().refused_connections == 0);
    CHECK(journal_seqs(dir.path() / "journal", "A12") == one_to(200));
}

TEST_CASE("a vehicle whose key is not in the allow-list is refused and logged; a plaintext client is refused") {
    TempDir dir;
    KeyRing keys;
    std::vector<std::string> log;
    auto config = center_config("tcp://127.0.0.1:27121", dir.path() / "journal", &log);
    config.security.keys = keys.center;
    config.allow_list = keys.allow();
    Center center(config);
    const auto stranger = link::generate_key_pair();
    Vehicle intruder("A12", config.listen, dir.path() / "outbox-x", link::ClientSecurity{stranger, keys.center.public_key});
    intruder.uplink.submit(fix(now_ms()));
    Vehicle plaintext("A12", config.listen, dir.path() / "outbox-p");
    plaintext.uplink.submit(fix(now_ms()));
    // Both keep trying (and being refused) meanwhile; wait until the refusal was logged.
    const auto logged_refusal = [&] {
        for (const auto& line : log)
            if (line.find("refused") != std::string::npos && line.find(stranger.public_key) != std::string::npos) return true;
        return false;
    };
    CHECK(pump(&center, {&intruder, &plaintext}, logged_refusal, 10'000));
    pump(&center, {&intruder, &plaintext}, [] { return false; }, 300);
    CHECK(accepted(center, "A12") == 0);
    CHECK(center.server.counters().refused_connections >= 1);
    CHECK(intruder.outbox.pending().size() == 1);  // kept: nothing is lost by being refused
}

TEST_CASE("an admitted vehicle cannot send data in another vehicle's name") {
    TempDir dir;
    KeyRing keys;
    auto config = center_config("tcp://127.0.0.1:27122", dir.path() / "journal");
    config.security.keys = keys.center;
    config.allow_list = keys.allow();
    Center center(config);
    // B7's key, claiming to be A12.
    Vehicle liar("A12", config.listen, dir.path() / "outbox", link::ClientSecurity{keys.vehicle_b, keys.center.public_key});
    liar.uplink.submit(fix(now_ms()));
    CHECK(pump(&center, {&liar}, [&] { return liar.uplink.counters().rejects >= 1; }, 10'000));
    CHECK(accepted(center, "A12") == 0);
    CHECK(accepted(center, "B7") == 0);
}

TEST_CASE("every class of malformed message over a real socket is rejected and answered while other vehicles are served") {
    TempDir dir;
    const std::string endpoint = "ipc://" + (dir.path() / "link.sock").string();
    Center center(center_config(endpoint, dir.path() / "journal"));
    Vehicle good("B7", endpoint, dir.path() / "outbox");

    zmq::context_t context(1);
    zmq::socket_t raw(context, zmq::socket_type::dealer);
    raw.set(zmq::sockopt::linger, 0);
    raw.connect(endpoint);
    const auto now = now_ms();
    using test::RawMessage;
    const auto base = RawMessage::fix("X1", 1, now);
    // A valid fix first, so X1 is known and the rejects that follow are counted against it.
    raw.send(zmq::buffer(base.bytes()), zmq::send_flags::none);
    const std::vector<std::pair<std::string, protocol::RejectCode>> attacks{
        {std::string("\xc1\xc1\xc1", 3), protocol::RejectCode::malformed},
        {std::string(protocol::kMaxFrameBytes + 10, 'x'), protocol::RejectCode::too_large},
        {RawMessage(base).set("v", std::uint64_t{9}).bytes(), protocol::RejectCode::bad_version},
        {RawMessage(base).set("t", std::string("launch")).bytes(), protocol::RejectCode::unknown_type},
        {RawMessage(base).erase("lon").bytes(), protocol::RejectCode::missing_field},
        {RawMessage(base).set("lat", std::string("north")).bytes(), protocol::RejectCode::wrong_type},
        {RawMessage(base).set("lat", std::nan("")).bytes(), protocol::RejectCode::not_finite},
        {RawMessage(base).set("lon", 200.0).bytes(), protocol::RejectCode::out_of_range},
        {RawMessage(base).set("time", now + 86'400'000).bytes(), protocol::RejectCode::future_time},
    };
    for (const auto& [frame, code] : attacks) raw.send(zmq::buffer(frame), zmq::send_flags::none);
    for (int i = 0; i < 100; ++i) good.uplink.submit(fix(now - 100'000 + i * 1000));

    std::vector<protocol::RejectCode> answered;
    auto collect = [&] {
        zmq::message_t reply;
        while (raw.recv(reply, zmq::recv_flags::dontwait)) {
            for (const auto& r : protocol::decode_frame(reply.to_string_view(), {now_ms(), 0}))
                if (r.message)
                    if (const auto* reject = std::get_if<protocol::Reject>(&r.message->body)) answered.push_back(reject->code);
        }
        return answered.size() >= attacks.size() && good.outbox.pending().empty();
    };
    REQUIRE(pump(&center, {&good}, collect));
    CHECK(accepted(center, "B7") == 100);
    CHECK(accepted(center, "X1") == 1);
    for (std::size_t i = 0; i < attacks.size(); ++i) {
        INFO("attack " << i << ": " << protocol::to_string(attacks[i].second));
        CHECK(std::count(answered.begin(), answered.end(), attacks[i].second) >= 1);
    }
    const auto* x1 = vehicle(center, "X1");
    REQUIRE(x1);
    std::uint64_t counted = 0;
    for (const auto n : x1->counts.rejects) counted += n;
    CHECK(counted + center.server.counters().unidentified_rejects == attacks.size());
}

TEST_CASE("a link cut for a while: the outbox grows, then drains, every fix processed exactly once, newest fix first") {
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:27123";
    const auto journal = dir.path() / "journal";
    Vehicle a("A12", endpoint, dir.path() / "outbox");
    const auto start = now_ms();
    Seq produced = 0;
    {
        Center center(center_config(endpoint, journal));
        for (; produced < 50; ++produced) a.uplink.submit(fix(start + static_cast<protocol::UnixMillis>(produced) * 100));
        REQUIRE(pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }));
    }  // the center goes away: a dead zone
    for (; produced < 300; ++produced) {
        a.uplink.submit(fix(start + static_cast<protocol::UnixMillis>(produced) * 100));
        pump(nullptr, {&a}, [] { return false; }, 2);
    }
    pump(nullptr, {&a}, [&] { return a.uplink.state() == agent::LinkState::waiting_to_reconnect; }, 2000);
    CHECK(a.uplink.state() != agent::LinkState::up);
    CHECK(a.outbox.pending().size() == 250);

    auto config = center_config(endpoint, journal);
    std::vector<Seq> applied;
    config.on_applied = [&](const dispatch::VehicleState&, const protocol::Message& m) { applied.push_back(m.seq); };
    Center center(config);
    REQUIRE(pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }, 10'000));
    REQUIRE(!applied.empty());
    CHECK(applied.front() == produced);  // the newest fix went first
    CHECK(accepted(center, "A12") == 300);
    CHECK(vehicle(center, "A12")->position->gnss_time == start + 299 * 100);
    CHECK(journal_seqs(journal, "A12") == one_to(300));
}

TEST_CASE("a restarted center knows from its journal what it already has and does not process it twice") {
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:27124";
    const auto journal = dir.path() / "journal";
    const auto start = now_ms();
    {
        Center center(center_config(endpoint, journal));
        Vehicle a("A12", endpoint, dir.path() / "outbox");
        for (int i = 0; i < 20; ++i) a.uplink.submit(fix(start + i));
        REQUIRE(pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }));
    }
    // The unit lost its acks (say, restored from an old image) and sends 11..20 again.
    Center center(center_config(endpoint, journal));
    CHECK(accepted(center, "A12") == 20);
    zmq::context_t context(1);
    zmq::socket_t raw(context, zmq::socket_type::dealer);
    raw.set(zmq::sockopt::linger, 0);
    raw.connect(endpoint);
    std::string frame;
    for (Seq s = 11; s <= 20; ++s) protocol::encode(protocol::Message{{"A12"}, s, fix(start + static_cast<protocol::UnixMillis>(s))}, frame);
    raw.send(zmq::buffer(frame), zmq::send_flags::none);
    pump(&center, {}, [&] { return center.server.counters().duplicates == 10; });
    CHECK(center.server.counters().duplicates == 10);
    CHECK(accepted(center, "A12") == 20);
    CHECK(journal_seqs(journal, "A12") == one_to(20));
}

TEST_CASE("the center marks a silent vehicle stale, and live again when it returns") {
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:27125";
    std::vector<std::string> log;
    Center center(center_config(endpoint, dir.path() / "journal", &log));
    {
        Vehicle a("A12", endpoint, dir.path() / "outbox");
        a.uplink.submit(fix(now_ms()));
        REQUIRE(pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }));
        CHECK(vehicle(center, "A12")->link.connected);
    }
    REQUIRE(pump(&center, {}, [&] { return !vehicle(center, "A12")->link.connected; }, 3000));
    bool logged = false;
    for (const auto& line : log) logged |= line.find("A12: stale") != std::string::npos;
    CHECK(logged);
}

TEST_CASE("a dispatch order reaches the crew once, is acknowledged, and the center stops resending it") {
    TempDir dir;
    const std::string endpoint = "tcp://127.0.0.1:27126";
    Center center(center_config(endpoint, dir.path() / "journal"));
    std::vector<std::string> shown;
    Vehicle a("A12", endpoint, dir.path() / "outbox", {}, [&](const protocol::DispatchOrder& o) { shown.push_back(o.order_id); });
    a.uplink.submit(fix(now_ms()));
    REQUIRE(pump(&center, {&a}, [&] { return accepted(center, "A12") == 1; }));
    protocol::DispatchOrder order{"O-1", "INC-9", now_ms(), 42.51, 1.53, "Carrer Major 3", "1", "chest pain", "", {}, {}, {}};
    center.server.send_order({"A12"}, order);
    REQUIRE(pump(&center, {&a}, [&] { return vehicle(center, "A12")->orders_shown.count("O-1") == 1; }));
    pump(&center, {&a}, [] { return false; }, 500);
    CHECK(shown == std::vector<std::string>{"O-1"});
}

TEST_CASE("the control socket answers bad requests with an error and keeps serving") {
    TempDir dir;
    const std::string control = "ipc://" + (dir.path() / "control.sock").string();
    auto config = center_config("tcp://127.0.0.1:27127", dir.path() / "journal");
    config.control = control;
    Center center(config);
    zmq::context_t context(1);
    auto ask = [&](const std::string& request) {
        zmq::socket_t req(context, zmq::socket_type::req);
        req.set(zmq::sockopt::linger, 0);
        req.connect(control);
        req.send(zmq::buffer(request), zmq::send_flags::none);
        zmq::message_t reply;
        pump(&center, {}, [&] { return req.recv(reply, zmq::recv_flags::dontwait).has_value(); }, 3000);
        return reply.to_string();
    };
    CHECK_THAT(ask("not json"), Catch::Contains("not JSON"));
    CHECK_THAT(ask(R"({"cmd":"launch"})"), Catch::Contains("unknown command"));
    CHECK_THAT(ask(R"({"cmd":"order","vehicle":"A12"})"), Catch::Contains("bad request"));
    CHECK_THAT(ask(R"({"cmd":"order","vehicle":"A12","order":{"id":"O","incident":"I","lat":"x","lon":1}})"), Catch::Contains("'lat' must be a number"));
    CHECK_THAT(ask(R"({"cmd":"order","vehicle":"A12","order":{"id":"O","incident":"I","lat":1,"lon":1}})"), Catch::Contains("no vehicle 'A12'"));
    CHECK_THAT(ask(std::string(100'000, '[')), Catch::Contains("error"));
    CHECK_THAT(ask(R"({"cmd":"fleet"})"), Catch::Contains("\"vehicles\""));
}
