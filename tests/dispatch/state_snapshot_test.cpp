// Snapshots: a big fleet and its incidents read back as written; a damaged snapshot is passed
// over for an older one; and a dispatcher restarted from a snapshot has the state a full replay
// of the journal gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "dispatch/incident_book.hpp"
#include "dispatch/state_snapshot.hpp"
#include "tests/dispatch/link_harness.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;
using namespace ems120::dispatch;
using ems120::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr protocol::UnixMillis kT0 = 1'800'000'000'000;

FleetState busy_fleet(std::size_t vehicles, std::size_t fixes_each) {
    FleetState fleet;
    for (std::size_t i = 0; i < vehicles; ++i) {
        const protocol::VehicleId id{"U" + std::to_string(i)};
        VehicleState& v = fleet.vehicle(id);
        v.stream_id = 1000 + i;
        v.software = "ems120-agent 0.1";
        v.capabilities = {"fix", "vitals", "status", "orders"};
        protocol::Seq seq = 0;
        for (std::size_t f = 0; f < fixes_each; ++f) {
            protocol::PositionFix fix;
            fix.gnss_time = kT0 + static_cast<protocol::UnixMillis>(f) * 1000;
            fix.lat = 42.5 + 0.0001 * static_cast<double>(f);
            fix.lon = 1.5 + 0.001 * static_cast<double>(i % 100);
            fix.speed_mps = 10.0;
            if (f % 2) fix.heading_deg = 90.0;
            fix.satellites = 9;
            v.sequence.mark(++seq);
            fleet.apply(v, {id, seq, fix});
        }
        v.sequence.mark(seq + 5);  // a range above the cumulative mark
        protocol::Vitals vitals;
        vitals.time = kT0;
        vitals.incident_id = "I000001";
        vitals[protocol::VitalSign::heart_rate] = protocol::Measurement{118, true};
        vitals[protocol::VitalSign::spo2] = protocol::Measurement{300, false};
        fleet.apply(v, {id, ++seq, vitals});
        fleet.apply(v, {id, ++seq, protocol::CrewStatusChange{kT0 + 5, protocol::CrewStatus::en_route, "I000001-1"}});
        v.orders_shown["I000001-1"] = kT0 + 3;
        v.counts.duplicates = i;
    }
    return fleet;
}

std::vector<Incident> some_incidents() {
    IncidentBook book;
    std::vector<IncidentChange> changes;
    CallDetails call;
    call.location = {42.5, 1.52};
    call.priority = CallPriority::critical;
    call.complaint = "not breathing";
    call.idempotency_key = "k-1";
    book.apply(CallReceived{{"I000001"}, kT0, call}, changes);
    book.apply(DestinationChosen{{"I000001"}, kT0, {"n1", "Hospital", {42.51, 1.53}, 540'000}}, changes);
    book.apply(UnitOffered{{"I000001"}, kT0 + 1, {"U1"}, "I000001-1", 300'000, false, false, "", {{42.5, 1.5}, {42.51, 1.52}}, 2500u}, changes);
    book.on_telemetry({{"U1"}, 1, protocol::OrderAck{"I000001-1", kT0 + 9}}, changes);
    call.idempotency_key.clear();
    book.apply(CallReceived{{"I000002"}, kT0 + 50, call}, changes);
    book.apply(IncidentCancelled{{"I000002"}, kT0 + 60, "duplicate call"}, changes);
    std::vector<Incident> out;
    for (const auto& [id, incident] : book.incidents()) out.push_back(incident);
    return out;
}

std::vector<const Incident*> pointers(const std::vector<Incident>& incidents) {
    std::vector<const Incident*> out;
    for (const auto& i : incidents) out.push_back(&i);
    return out;
}

void flip_a_byte(const fs::path& file, std::size_t offset) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 0x5a));
}

}  // namespace

TEST_CASE("a snapshot of a thousand vehicles and their incidents reads back as it was written", "[snapshot]") {
    TempDir dir;
    const FleetState fleet = busy_fleet(1000, 100);
    const std::vector<Incident> incidents = some_incidents();
    const std::string text = encode_snapshot(fleet, pointers(incidents), 7);
    CHECK(text.size() > 1'048'576);  // bigger than one storage record may be
    write_snapshot(dir.path(), 7, text);
    std::vector<std::string> problems;
    const auto read = read_latest_snapshot(dir.path(), problems);
    REQUIRE(read);
    CHECK(problems.empty());
    CHECK(read->first_segment == 7);
    CHECK(read->fleet.vehicles().size() == 1000);
    const auto& u1 = read->fleet.vehicles().at({"U1"});
    CHECK(u1.track.size() == kSnapshotTrackFixes);
    CHECK(u1.sequence.seen(105));
    CHECK_FALSE(u1.sequence.seen(101));
    CHECK(encode_snapshot(read->fleet, pointers(read->incidents), 7) == text);

    IncidentBook restored;
    restored.restore(read->incidents);
    CHECK(restored.held_by({"U1"})->id.value == "I000001");
    CHECK(restored.find_by_key("k-1") == IncidentId{"I000001"});
    CHECK(restored.next_id().value == "I000003");
}

TEST_CASE("a damaged snapshot is passed over for the one before it, and with none left the journal replays whole", "[snapshot]") {
    TempDir dir;
    const FleetState small = busy_fleet(3, 5);
    write_snapshot(dir.path(), 2, encode_snapshot(small, {}, 2));
    write_snapshot(dir.path(), 5, encode_snapshot(busy_fleet(4, 5), {}, 5));
    write_snapshot(dir.path(), 9, encode_snapshot(busy_fleet(5, 5), {}, 9));
    CHECK_FALSE(fs::exists(dir.path() / "snapshot-00000002.snap"));  // two are kept
    flip_a_byte(dir.path() / "snapshot-00000009.snap", 40);
    std::vector<std::string> problems;
    auto read = read_latest_snapshot(dir.path(), problems);
    REQUIRE(read);
    CHECK(read->first_segment == 5);
    CHECK(read->fleet.vehicles().size() == 4);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("snapshot-00000009.snap"));

    fs::resize_file(dir.path() / "snapshot-00000005.snap", 30);  // torn
    problems.clear();
    CHECK_FALSE(read_latest_snapshot(dir.path(), problems));
    CHECK(problems.size() == 2);
    CHECK_THROWS_AS(decode_snapshot("{\"format\":99}"), std::invalid_argument);
    CHECK_THROWS_AS(decode_snapshot("not json"), std::invalid_argument);
}

TEST_CASE("a dispatcher restarted from its snapshot has the state a full replay of the journal gives", "[snapshot]") {
    TempDir dir;
    const auto journal = dir.path() / "journal";
    const std::string endpoint = "ipc://" + (dir.path() / "link.sock").string();
    {
        test::Center center(test::center_config(endpoint, journal));
        test::Vehicle a("A1", endpoint, dir.path() / "outbox-a");
        for (int i = 0; i < 120; ++i) a.uplink.submit(test::fix(test::now_ms() + i, 42.5 + i * 1e-4, 1.52));
        a.uplink.submit(protocol::CrewStatusChange{test::now_ms(), protocol::CrewStatus::on_scene, ""});
        REQUIRE(test::pump(&center, {&a}, [&] { return a.outbox.pending().empty(); }));
    }  // a clean stop writes the snapshot
    REQUIRE(!fs::is_empty(journal));
    bool has_snapshot = false;
    for (const auto& entry : fs::directory_iterator(journal)) has_snapshot = has_snapshot || entry.path().extension() == ".snap";
    REQUIRE(has_snapshot);

    // The same journal without its snapshots: replayed from the first record.
    const auto whole = dir.path() / "journal-whole";
    fs::create_directories(whole);
    for (const auto& entry : fs::directory_iterator(journal))
        if (entry.path().extension() == ".journal") fs::copy_file(entry.path(), whole / entry.path().filename());

    std::string from_snapshot, from_journal;
    {
        auto config = test::center_config("ipc://" + (dir.path() / "b.sock").string(), journal);
        config.journal.snapshot_every = 0;
        test::Center restarted(config);
        from_snapshot = encode_snapshot(restarted.server.fleet(), {}, 0);
        bool said = false;
        for (const auto& note : restarted.server.startup_notes()) said = said || note.find("snapshot") != std::string::npos;
        CHECK(said);
    }
    {
        auto config = test::center_config("ipc://" + (dir.path() / "c.sock").string(), whole);
        config.journal.snapshot_every = 0;
        test::Center replayed(config);
        from_journal = encode_snapshot(replayed.server.fleet(), {}, 0);
    }
    CHECK(from_snapshot == from_journal);
    CHECK(from_snapshot.find("\"A1\"") != std::string::npos);
}
