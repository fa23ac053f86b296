#include "vehicle_agent/vitals_jsonl_source.hpp"
#include "vehicle_agent/vitals_json_line.hpp"

#include <catch2/catch.hpp>
#include <string>

#include <fcntl.h>

#include "maps/input_error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/vehicle_agent/vitals_test_support.hpp"

using Catch::Contains;
using ems120::agent::kMaxVitalsLineBytes;
using ems120::agent::VitalsJsonlConfig;
using ems120::agent::VitalsJsonlSource;
using ems120::protocol::VitalSign;
using ems120::protocol::Vitals;
using namespace ems120::test;

namespace {

// A good line padded with an ignored key to exactly `bytes` bytes.
std::string line_of_length(std::size_t bytes) {
    const std::string head = R"({"hr": 77, "pad": ")";
    const std::string tail = R"("})";
    return head + std::string(bytes - head.size() - tail.size(), 'x') + tail;
}

// Polls until the source has read everything the pipe holds (it never blocks).
std::vector<Vitals> poll_once(VitalsJsonlSource& source, std::int64_t t = 0) {
    std::vector<Vitals> out;
    source.poll(at(t), out);
    return out;
}

}  // namespace

TEST_CASE("lines from a monitor bridge on standard input become vitals as they arrive") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", VitalsJsonlConfig{"INC-3"});
    CHECK(source.wait_fd() == bridge.read_fd());
    CHECK_FALSE(source.next_due());
    CHECK(poll_once(source).empty());  // nothing written yet: no blocking, no reading

    bridge.write("{\"hr\": 88, \"spo2\": 97}\n{\"time\": 1714552200000, \"hr\": 90}\n");
    const auto readings = poll_once(source, 1500);
    REQUIRE(readings.size() == 2);
    CHECK(readings[0].time == kStartUnixMs + 1500);
    CHECK(readings[0].incident_id == "INC-3");
    CHECK(readings[0][VitalSign::spo2]->value == 97);
    CHECK(readings[1].time == 1'714'552'200'000);
    CHECK(source.stats().lines == 2);
    CHECK(source.stats().readings == 2);
    CHECK(source.stats().malformed == 0);
    CHECK(source.last_problem().empty());
    CHECK_FALSE(source.finished());
    CHECK_THAT(source.describe(), Contains("stdin"));
}

TEST_CASE("a line split across two writes waits for its end") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
    bridge.write(R"({"hr": 101, "sp)");
    CHECK(poll_once(source).empty());
    CHECK(source.stats().malformed == 0);
    bridge.write("o2\": 93}\n");
    const auto readings = poll_once(source);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0][VitalSign::heart_rate]->value == 101);
    CHECK(readings[0][VitalSign::spo2]->value == 93);
}

TEST_CASE("each kind of malformed line is counted and skipped, and reading goes on") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
    bridge.write("{\"hr\": 80}\n"
                 "{\"hr\": 80\n"                         // not JSON
                 "[80]\n"                                // not an object
                 "{\"hr\": \"80\"}\n"                    // not a number
                 "{\"hr\": NaN}\n"                       // NaN is not JSON
                 "{\"time\": 1714552200000}\n"           // no vital sign
                 + line_of_length(kMaxVitalsLineBytes + 1) + "\n"  // too long
                 + "{\"hr\": 81, \"spo2\": 15}\n");      // implausible, but a reading
    const auto readings = poll_once(source);
    REQUIRE(readings.size() == 2);
    CHECK(readings[0][VitalSign::heart_rate]->value == 80);
    CHECK(readings[1][VitalSign::heart_rate]->value == 81);
    CHECK_FALSE(readings[1][VitalSign::spo2]->plausible);
    CHECK(source.stats().lines == 8);
    CHECK(source.stats().malformed == 6);
    CHECK(source.stats().readings == 2);
    CHECK_THAT(source.last_problem(), Contains("stdin line 7: longer than 4096 bytes"));
}

TEST_CASE("the reason of the last malformed line names its line number") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "bridge", {});
    bridge.write("{\"hr\": 80}\n\n{\"spo2\": \"97%\"}\n");
    poll_once(source);
    CHECK(source.last_problem() == "bridge line 3: \"spo2\" is string, not a number");
}

TEST_CASE("a line of exactly 4 KiB is read and one byte more is refused") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
    bridge.write(line_of_length(kMaxVitalsLineBytes) + "\r\n" + line_of_length(kMaxVitalsLineBytes + 1) + "\n");
    const auto readings = poll_once(source);
    CHECK(readings.size() == 1);
    CHECK(source.stats().malformed == 1);
}

TEST_CASE("an endless line is dropped as soon as it is too long, without being buffered whole") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
    bridge.write("{\"hr\": 80, \"junk\": \"" + std::string(3 * kMaxVitalsLineBytes, 'x'));
    CHECK(poll_once(source).empty());
    CHECK(source.stats().malformed == 1);  // counted before its end arrives
    bridge.write(std::string(20'000, 'y'));
    CHECK(poll_once(source).empty());
    CHECK(source.stats().malformed == 1);  // still the same line
    bridge.write("\"}\n{\"hr\": 82}\n");
    const auto readings = poll_once(source);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0][VitalSign::heart_rate]->value == 82);
    CHECK(source.stats().malformed == 1);
    CHECK(source.stats().lines == 2);
}

TEST_CASE("CRLF endings and blank lines are fine, unknown keys are counted with their names") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
    bridge.write("\r\n{\"hr\": 80, \"SpO2\": 97}\r\n   \n{\"hr\": 81, \"SpO2\": 96, \"map\": 90}\r\n");
    const auto readings = poll_once(source);
    CHECK(readings.size() == 2);
    CHECK(source.stats().lines == 2);
    CHECK(source.stats().malformed == 0);
    CHECK(source.ignored_keys() == 3);
    CHECK(source.ignored_key_names() == std::set<std::string>{"SpO2", "map"});
}

TEST_CASE("the end of input finishes the source, and a last line without a newline still counts") {
    Pipe bridge;
    VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
    bridge.write("{\"hr\": 80}\n{\"hr\": 79}");
    CHECK(poll_once(source).size() == 1);
    bridge.close_write();
    const auto readings = poll_once(source);
    REQUIRE(readings.size() == 1);
    CHECK(readings[0][VitalSign::heart_rate]->value == 79);
    CHECK(source.finished());
    CHECK(source.wait_fd() == -1);
    CHECK(poll_once(source).empty());
}

TEST_CASE("standard input gets its blocking mode back when the source is done with it") {
    Pipe bridge;
    const int before = ::fcntl(bridge.read_fd(), F_GETFL);
    REQUIRE((before & O_NONBLOCK) == 0);
    {
        VitalsJsonlSource source(bridge.read_fd(), "stdin", {});
        CHECK((::fcntl(bridge.read_fd(), F_GETFL) & O_NONBLOCK) != 0);
    }
    CHECK(::fcntl(bridge.read_fd(), F_GETFL) == before);
}

TEST_CASE("a recorded file is read to its end over several polls") {
    const TempDir dir;
    std::string content;
    const std::int64_t lines = 3000;  // ~100 KB, more than one poll takes
    for (std::int64_t i = 0; i < lines; ++i)
        content += "{\"time\": " + std::to_string(kStartUnixMs + i * 2000) + ", \"hr\": " + std::to_string(60 + i % 50) +
                   ", \"spo2\": 98}\n";
    const auto path = dir.write("ride.jsonl", content);
    auto source = VitalsJsonlSource::open_file(path, {});
    std::vector<Vitals> readings;
    int polls = 0;
    while (!source->finished() && polls < 100) {
        source->poll(at(0), readings);
        ++polls;
    }
    CHECK(source->finished());
    CHECK(polls > 1);
    REQUIRE(readings.size() == static_cast<std::size_t>(lines));
    CHECK(readings.back().time == kStartUnixMs + (lines - 1) * 2000);
    CHECK(source->stats().malformed == 0);
    CHECK_THAT(source->describe(), Contains(path));
}

TEST_CASE("a missing file or a directory is an input error naming the path") {
    const TempDir dir;
    CHECK_THROWS_WITH(VitalsJsonlSource::open_file(dir.file("absent.jsonl"), {}),
                      Contains("absent.jsonl") && Contains("No such file"));
    CHECK_THROWS_AS(VitalsJsonlSource::open_file(dir.path().string(), {}), ems120::InputError);
}
