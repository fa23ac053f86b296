#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "protocol/codec.hpp"
#include "tests/support/temp_dir.hpp"
#include "vehicle_agent/outbox.hpp"

using namespace ems120;
using namespace ems120::protocol;
using ems120::agent::Outbox;
using ems120::agent::OutboxConfig;

namespace {

constexpr UnixMillis kStart = 1'800'000'000'000;

Seq add_fix(Outbox& outbox, UnixMillis time) {
    Message m{{"A12"}, 0, PositionFix{time, 42.5, 1.5, 12.0, 90.0, 0.8, 1, 12}};
    return outbox.append(m);
}

Seq add_vitals(Outbox& outbox, UnixMillis time) {
    Vitals v;
    v.time = time;
    v[VitalSign::heart_rate] = Measurement{90, true};
    v[VitalSign::spo2] = Measurement{96, true};
    Message m{{"A12"}, 0, v};
    return outbox.append(m);
}

Seq add_status(Outbox& outbox, UnixMillis time) {
    Message m{{"A12"}, 0, CrewStatusChange{time, CrewStatus::on_scene, "O-1"}};
    return outbox.append(m);
}

std::size_t count_kind(const Outbox& outbox, agent::RecordKind kind) {
    std::size_t n = 0;
    for (const auto& [seq, e] : outbox.pending()) n += e.kind == kind;
    return n;
}

}  // namespace

TEST_CASE("messages stay in the outbox across a restart until acknowledged, and seq continues") {
    test::TempDir dir;
    const OutboxConfig config{dir.path() / "outbox"};
    std::uint64_t stream = 0;
    {
        Outbox outbox(config);
        stream = outbox.stream_id();
        for (int i = 0; i < 10; ++i) CHECK(add_fix(outbox, kStart + i * 1000) == static_cast<Seq>(i + 1));
        outbox.acknowledge(Ack{4, {{7, 8}}});
        CHECK(outbox.pending().size() == 4);  // 5, 6, 9, 10
    }  // every append reached the kernel at once; a clean stop also saves the acknowledged floor
    Outbox reopened(config);
    CHECK(reopened.stream_id() == stream);
    std::vector<Seq> seqs;
    for (const auto& [seq, e] : reopened.pending()) seqs.push_back(seq);
    // Selective acks are not persisted: 7 and 8 may come back, and the center de-duplicates them.
    CHECK(seqs.front() == 5);
    CHECK(seqs.back() == 10);
    CHECK(add_fix(reopened, kStart + 11'000) == 11);
    const auto decoded = decode_frame(reopened.pending().at(5).bytes, {kStart + 60'000, 60'000});
    REQUIRE(decoded.size() == 1);
    CHECK(decoded[0].message->seq == 5);
}

TEST_CASE("after a kill -9 nothing unacknowledged is lost; some acknowledged messages may be sent again") {
    test::TempDir dir;
    const OutboxConfig config{dir.path() / "outbox"};
    const pid_t child = fork();
    if (child == 0) {
        Outbox outbox(config);
        for (int i = 0; i < 100; ++i) add_fix(outbox, kStart + i * 1000);
        outbox.acknowledge(Ack{30, {}});
        ::kill(::getpid(), SIGKILL);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    Outbox reopened(config);
    REQUIRE(!reopened.pending().empty());
    CHECK(reopened.pending().begin()->first <= 31);
    CHECK(reopened.pending().rbegin()->first == 100);
    CHECK(reopened.pending().size() >= 70);
}

TEST_CASE("a fully acknowledged outbox deletes its segments but remembers the last seq") {
    test::TempDir dir;
    OutboxConfig config{dir.path() / "outbox"};
    config.segment_bytes = 2000;
    {
        Outbox outbox(config);
        for (int i = 0; i < 200; ++i) add_fix(outbox, kStart + i * 1000);
        outbox.acknowledge(Ack{200, {}});
        CHECK(outbox.pending().empty());
    }
    std::size_t segments = 0;
    for (const auto& entry : std::filesystem::directory_iterator(config.directory)) segments += entry.path().extension() == ".log";
    CHECK(segments <= 2);
    Outbox reopened(config);
    CHECK(reopened.pending().empty());
    CHECK(add_fix(reopened, kStart + 300'000) == 201);
}

TEST_CASE("a full outbox thins positions before it drops any vitals, never drops status, keeps the newest fix") {
    test::TempDir dir;
    OutboxConfig config{dir.path() / "outbox"};
    config.max_bytes = 40'000;
    config.segment_bytes = 10'000;
    Outbox outbox(config);
    add_status(outbox, kStart);
    Seq newest = 0;
    // An hour-long dead zone at one fix per second and vitals every 10 s would need ~300 KB.
    for (int s = 0; s < 3600; ++s) {
        newest = add_fix(outbox, kStart + s * 1000);
        if (s % 10 == 0) add_vitals(outbox, kStart + s * 1000);
        CHECK(outbox.pending_bytes() <= config.max_bytes);
    }
    CHECK(outbox.newest_fix() == newest);
    CHECK(count_kind(outbox, agent::RecordKind::other) == 1);
    CHECK(outbox.dropped().fixes > 0);
    const auto gap = outbox.unannounced_gap();
    REQUIRE(gap);
    CHECK(gap->fixes + gap->vitals == outbox.dropped().fixes + outbox.dropped().vitals);
    // Vitals go only after positions are thinned to minutes apart.
    if (outbox.dropped().vitals > 0) {
        std::vector<UnixMillis> fix_times;
        for (const auto& [seq, e] : outbox.pending())
            if (e.kind == agent::RecordKind::fix) fix_times.push_back(e.device_time);
        REQUIRE(fix_times.size() >= 2);
        CHECK(fix_times[1] - fix_times[0] >= 60'000);
    } else {
        CHECK(count_kind(outbox, agent::RecordKind::vitals) == 360);
    }
}

TEST_CASE("dropped seqs survive a restart until the center acknowledges the gap") {
    test::TempDir dir;
    OutboxConfig config{dir.path() / "outbox"};
    config.max_bytes = 20'000;
    config.segment_bytes = 5'000;
    protocol::Gap gap;
    {
        Outbox outbox(config);
        for (int s = 0; s < 1000; ++s) add_fix(outbox, kStart + s * 1000);
        gap = *outbox.unannounced_gap();
    }
    Outbox reopened(config);
    const auto again = reopened.unannounced_gap();
    REQUIRE(again);
    CHECK(again->ranges == gap.ranges);
    for (const auto& [first, last] : gap.ranges)
        for (Seq s = first; s <= last; ++s) CHECK_FALSE(reopened.pending().count(s));
    // The center counted the gap: its cumulative ack passes the dropped seqs.
    reopened.acknowledge(Ack{gap.ranges.back().second, {}});
    CHECK_FALSE(reopened.unannounced_gap());
}

TEST_CASE("an outbox directory that cannot be created is one clear error") {
    test::TempDir dir;
    const auto file = dir.write("plainfile", "x");
    CHECK_THROWS_WITH(Outbox(OutboxConfig{std::filesystem::path(file) / "outbox"}), Catch::Contains("cannot create the outbox"));
}
