#include "vehicle_agent/nmea_serial_source.hpp"

#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "maps/input_error.hpp"
#include "tests/vehicle_agent/drive_log.hpp"
#include "tests/vehicle_agent/source_driver.hpp"
#include "vehicle_agent/nmea_source.hpp"

using namespace ems120::agent;
using ems120::protocol::PositionFix;
using ems120::test::drive_log;
using ems120::test::step_until;

namespace {

// A pseudo-terminal stands in for the USB receiver: the test writes to the master side, the
// source reads the slave device like /dev/ttyUSB0.
struct FakeReceiver {
    UniqueFd master, slave;
    std::string device;
    FakeReceiver() {
        int m = -1, s = -1;
        char name[256] = {};
        REQUIRE(::openpty(&m, &s, name, nullptr, nullptr) == 0);
        master.reset(m);
        slave.reset(s);
        device = name;
    }
    void send(const std::string& bytes) const {
        REQUIRE(::write(master.get(), bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    }
};

}  // namespace

TEST_CASE("a serial receiver is set to raw 8N1 at the baud rate in the spec and read as NMEA arrives") {
    FakeReceiver receiver;
    const auto source = open_position_source("nmea:" + receiver.device + "@4800", {});
    CHECK(source->describe() == "NMEA from " + receiver.device + " at 4800 baud");
    CHECK(source->wait_fd() >= 0);
    CHECK_FALSE(source->next_due());

    termios tty{};
    REQUIRE(::tcgetattr(receiver.slave.get(), &tty) == 0);  // the device's settings, whoever asks
    CHECK(::cfgetispeed(&tty) == B4800);
    CHECK((tty.c_cflag & CSIZE) == CS8);
    CHECK_FALSE(tty.c_cflag & PARENB);
    CHECK_FALSE(tty.c_cflag & CSTOPB);
    CHECK_FALSE(tty.c_lflag & ICANON);  // raw: bytes as they come, no line editing
    CHECK_FALSE(tty.c_lflag & ECHO);
    CHECK_FALSE(tty.c_iflag & ICRNL);  // CR LF stays CR LF

    std::vector<PositionFix> fixes;
    const std::string log = drive_log(3);
    receiver.send(log.substr(0, 150));
    receiver.send(log.substr(150));
    REQUIRE(step_until(*source, fixes, [&] { return fixes.size() == 3; }));
    CHECK(source->stats().lines == 12);
    CHECK(source->stats().malformed == 0);
}

TEST_CASE("a serial device without a baud rate is opened at 9600") {
    FakeReceiver receiver;
    const auto source = open_position_source("nmea:" + receiver.device, {});
    CHECK(source->describe() == "NMEA from " + receiver.device + " at 9600 baud");
}

TEST_CASE("an unplugged receiver is not fatal: the source keeps trying to reopen the device") {
    FakeReceiver receiver;
    LinkRetryOptions retry;
    retry.first_retry_ms = 20;
    NmeaSerialSource source(receiver.device, 9600, retry);
    std::vector<PositionFix> fixes;
    receiver.send(drive_log(2));
    REQUIRE(step_until(source, fixes, [&] { return fixes.size() >= 1; }));

    receiver.master.reset();  // the cable is pulled
    receiver.slave.reset();
    REQUIRE(step_until(source, fixes, [&] { return !source.connected(); }));
    CHECK_THAT(source.last_error(), Catch::Contains(receiver.device));
    CHECK(fixes.size() == 2);  // the epoch in flight is delivered with the hang-up
    CHECK(source.wait_fd() == -1);
    REQUIRE(source.next_due());
    CHECK_FALSE(source.finished());
    // Reopening fails while the device is gone, quietly and without blocking.
    CHECK_FALSE(step_until(
        source, fixes, [&] { return source.connected(); }, 200));
    CHECK_THAT(source.last_error(), Catch::Contains("cannot open"));
}
