#include "vehicle_agent/nmea_file_source.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"
#include "tests/vehicle_agent/drive_log.hpp"
#include "tests/vehicle_agent/source_driver.hpp"
#include "vehicle_agent/nmea_source.hpp"

using namespace ems120::agent;
using ems120::protocol::PositionFix;
using ems120::test::drive_log;
using ems120::test::kDriveStartUnixMs;

namespace {

std::unique_ptr<InputSource<PositionFix>> open_log(const ems120::test::TempDir& dir, const std::string& content,
                                                   double pace) {
    PositionSourceOptions options;
    options.pace = pace;
    return open_position_source("nmea:" + dir.write("drive.nmea", content), options);
}

struct Pipe {
    UniqueFd read, write;
    Pipe() {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        read.reset(fds[0]);
        write.reset(fds[1]);
    }
    void send(const std::string& bytes) const {
        REQUIRE(::write(write.get(), bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    }
};

}  // namespace

TEST_CASE("a recorded NMEA file is read to its end as fast as it can be, with every fix and every count") {
    const ems120::test::TempDir dir;
    const auto source = open_log(dir, drive_log(5) + "junk that is not NMEA\r\n" + drive_log(2, 5), 0);
    CHECK(source->describe() == "NMEA from " + dir.file("drive.nmea") + " (as fast as read)");
    CHECK(source->wait_fd() == -1);  // a regular file is always readable: driven by next_due
    std::vector<PositionFix> fixes;
    Now now{1000, 0};
    for (int i = 0; i < 100 && !source->finished(); ++i) {
        REQUIRE(source->next_due());
        CHECK(*source->next_due() <= now.steady_ms);  // never waits on itself
        source->poll(now, fixes);
        ++now.steady_ms;
    }
    REQUIRE(source->finished());
    CHECK_FALSE(source->next_due());
    REQUIRE(fixes.size() == 7);
    for (std::size_t i = 0; i < fixes.size(); ++i)
        CHECK(fixes[i].gnss_time == kDriveStartUnixMs + 1000 * static_cast<std::int64_t>(i));
    CHECK(fixes[3].speed_mps == Approx(19.4 * 1852 / 3600));
    const SourceStats stats = source->stats();
    CHECK(stats.lines == 28);
    CHECK(stats.malformed == 1);
    CHECK(stats.bad_checksum == 0);
    CHECK(stats.readings == 7);
}

TEST_CASE("a recorded drive replayed in real time hands out each fix when its second has come") {
    const ems120::test::TempDir dir;
    const auto source = open_log(dir, drive_log(5), 1.0);
    CHECK(source->describe().ends_with("(real time)"));
    std::vector<PositionFix> fixes;
    source->poll({10'000, 0}, fixes);
    REQUIRE(fixes.size() == 1);
    CHECK(source->next_due() == 11'000);
    source->poll({10'999, 0}, fixes);
    CHECK(fixes.size() == 1);
    source->poll({11'000, 0}, fixes);
    CHECK(fixes.size() == 2);
    source->poll({13'500, 0}, fixes);  // the loop was busy: what is overdue comes at once
    CHECK(fixes.size() == 4);
    CHECK(source->next_due() == 14'000);
    CHECK(source->stats().readings == 4);  // the fifth is read but not yet handed out
    CHECK_FALSE(source->finished());
    source->poll({14'000, 0}, fixes);
    CHECK(fixes.size() == 5);
    for (int i = 0; i < 3 && !source->finished(); ++i) source->poll({14'000, 0}, fixes);
    CHECK(source->finished());
    CHECK(fixes.back().gnss_time == kDriveStartUnixMs + 4000);  // the fixes keep their GNSS times
}

TEST_CASE("replayed at twice the speed, a minute of driving takes thirty seconds") {
    const ems120::test::TempDir dir;
    const auto source = open_log(dir, drive_log(61), 2.0);
    CHECK(source->describe().ends_with("(2x real time)"));
    std::vector<PositionFix> fixes;
    Now now{0, 0};
    for (int i = 0; i < 1000 && !source->finished(); ++i) {
        source->poll(now, fixes);
        if (const auto due = source->next_due()) now.steady_ms = std::max(now.steady_ms, *due);
    }
    REQUIRE(source->finished());
    CHECK(fixes.size() == 61);
    CHECK(now.steady_ms == 30'000);
}

TEST_CASE("NMEA from a pipe is read as it arrives, split sentences wait, and it ends when the writer closes") {
    Pipe pipe;
    const int read_end = pipe.read.get();
    NmeaFileSource source(std::move(pipe.read), "a pipe", 0);
    CHECK(source.wait_fd() == read_end);
    CHECK_FALSE(source.next_due());  // waits for the pipe, not a timer
    std::vector<PositionFix> fixes;

    source.poll(ems120::test::real_now(), fixes);  // nothing written: returns at once, a blocking pipe or not
    CHECK(fixes.empty());

    const std::string log = drive_log(3);
    pipe.send(log.substr(0, 100));
    CHECK(ems120::test::step_until(source, fixes, [&] { return source.stats().lines >= 1; }));
    pipe.send(log.substr(100));
    // Each epoch is complete with its GGA once the receiver's pattern is known: no waiting for more.
    CHECK(ems120::test::step_until(source, fixes, [&] { return fixes.size() == 3; }));
    CHECK_FALSE(source.finished());
    pipe.write.reset();
    CHECK(ems120::test::step_until(source, fixes, [&] { return source.finished(); }));
    CHECK(fixes.size() == 3);
    CHECK(source.wait_fd() == -1);
}

TEST_CASE("nmea:- reads standard input without taking it away from the agent") {
    Pipe pipe;
    const int saved_stdin = ::dup(STDIN_FILENO);
    REQUIRE(::dup2(pipe.read.get(), STDIN_FILENO) == STDIN_FILENO);
    auto source = open_position_source("nmea:-", {});
    REQUIRE(::dup2(saved_stdin, STDIN_FILENO) == STDIN_FILENO);
    ::close(saved_stdin);
    pipe.read.reset();
    CHECK(source->describe() == "NMEA from standard input (as fast as read)");

    std::vector<PositionFix> fixes;
    pipe.send(drive_log(2));
    pipe.write.reset();
    CHECK(ems120::test::step_until(*source, fixes, [&] { return source->finished(); }));
    CHECK(fixes.size() == 2);
    source.reset();
    CHECK(::fcntl(STDIN_FILENO, F_GETFD) != -1);  // closing the source left fd 0 open
}

TEST_CASE("a file whose last sentence lacks its line ending still gives that epoch's fix") {
    const ems120::test::TempDir dir;
    std::string log = drive_log(2);
    log.resize(log.size() - 2 - std::string(ems120::test::kGsa).size() - 2);  // ends with GGA, no CR LF
    const auto source = open_log(dir, log, 0);
    std::vector<PositionFix> fixes;
    for (int i = 0; i < 10 && !source->finished(); ++i) source->poll({i, 0}, fixes);
    CHECK(fixes.size() == 2);
    CHECK(source->stats().malformed == 0);
}

TEST_CASE("a replay pacer shortens an overnight gap in a log and does not wait when time goes back") {
    ReplayPacer pacer(1.0);
    PositionFix fix;
    fix.gnss_time = 1'000'000;
    pacer.push(fix, 0);
    fix.gnss_time += 8 * 3600 * 1000;  // the receiver was off overnight
    pacer.push(fix, 0);
    fix.gnss_time -= 3600 * 1000;  // two logs joined out of order
    pacer.push(fix, 0);
    std::vector<PositionFix> out;
    CHECK(pacer.release_due(0, out) == 1);
    CHECK(pacer.next_due() == kLongestReplayPauseMs);
    CHECK(pacer.release_due(kLongestReplayPauseMs, out) == 2);
    CHECK(pacer.empty());
}
