#include "vehicle_agent/nmea_source.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "maps/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120::agent;
using Catch::Contains;

namespace {

// The one line a user sees for `spec`; fails the test if the spec is accepted.
std::string error_for(const std::string& spec, const PositionSourceOptions& options = {}) {
    try {
        open_position_source(spec, options);
    } catch (const ems120::InputError& e) {
        const std::string message = e.what();
        INFO(message);
        CHECK(message.find('\n') == std::string::npos);
        CHECK(message.starts_with("position source '" + spec + "': "));
        return message;
    }
    FAIL("'" << spec << "' was accepted");
    return {};
}

}  // namespace

TEST_CASE("a source spec of an unknown kind names the kinds there are") {
    CHECK_THAT(error_for("gps:/dev/ttyUSB0"), Contains("unknown kind") && Contains("nmea-tcp:HOST:PORT"));
    CHECK_THAT(error_for(""), Contains("unknown kind"));
    CHECK_THAT(error_for("NMEA:-"), Contains("unknown kind"));
}

TEST_CASE("an NMEA file that is missing, a directory or given a baud rate is refused in one line") {
    const ems120::test::TempDir dir;
    CHECK_THAT(error_for("nmea:"), Contains("no file or device"));
    CHECK_THAT(error_for("nmea:" + dir.file("missing.nmea")), Contains("missing.nmea: No such file or directory"));
    CHECK_THAT(error_for("nmea:" + dir.path().string()), Contains("is a directory"));
    const auto log = dir.write("drive.nmea", "");
    CHECK_THAT(error_for("nmea:" + log + "@9600"), Contains("is not a serial device"));
    CHECK_THAT(error_for("nmea:/dev/null@9600"), Contains("not a serial device"));
    CHECK_THAT(error_for("nmea:/dev/ttyUSB0@9601"), Contains("unsupported baud rate 9601"));
    CHECK_THAT(error_for("nmea:/dev/ttyUSB0@0"), Contains("unsupported baud rate 0"));
    CHECK_THAT(error_for("nmea:/dev/ttyUSB0@99999999999"), Contains("unsupported baud rate"));
    PositionSourceOptions backwards;
    backwards.pace = -1;
    CHECK_THAT(error_for("nmea:" + log, backwards), Contains("pace"));
}

TEST_CASE("a device that is not a terminal, like Linux's /dev/gnss0, is read without line settings") {
    const auto source = open_position_source("nmea:/dev/null", {});
    CHECK(source->describe() == "NMEA from /dev/null (as fast as read)");
    std::vector<ems120::protocol::PositionFix> fixes;
    source->poll({0, 0}, fixes);
    CHECK(source->finished());
    CHECK(fixes.empty());
}

TEST_CASE("a file name with an '@' in it is still a file") {
    const ems120::test::TempDir dir;
    const auto log = dir.write("drive@home.nmea", "");
    CHECK(open_position_source("nmea:" + log, {})->describe() == "NMEA from " + log + " (as fast as read)");
}

TEST_CASE("a TCP spec needs a host and a port from 1 to 65535, IPv6 in brackets") {
    CHECK_THAT(error_for("nmea-tcp:gnss.local"), Contains("expected nmea-tcp:HOST:PORT"));
    CHECK_THAT(error_for("nmea-tcp::10110"), Contains("no host"));
    CHECK_THAT(error_for("nmea-tcp:gnss.local:0"), Contains("port '0'"));
    CHECK_THAT(error_for("nmea-tcp:gnss.local:65536"), Contains("port '65536'"));
    CHECK_THAT(error_for("nmea-tcp:gnss.local:nmea"), Contains("port 'nmea'"));
    CHECK_THAT(error_for("nmea-tcp:::1:10110"), Contains("in brackets"));
    CHECK_THAT(error_for("nmea-tcp:[::1:10110"), Contains("[IPV6]:PORT"));
    CHECK(open_position_source("nmea-tcp:[::1]:10110", {})->describe() == "NMEA over TCP from [::1]:10110");
    CHECK(open_position_source("nmea-tcp:192.168.8.1:10110", {})->describe() == "NMEA over TCP from 192.168.8.1:10110");
}

TEST_CASE("a route spec with a bad point, too few points or a file without a LineString is refused in one line") {
    const ems120::test::TempDir dir;
    CHECK_THAT(error_for("route:"), Contains("no points"));
    CHECK_THAT(error_for("route:22.72,114.24"), Contains("at least two distinct points, found 1"));
    CHECK_THAT(error_for("route:22.72,114.24;22.72,114.24"), Contains("at least two distinct points, found 1"));
    CHECK_THAT(error_for("route:22.72,114.24;abc"), Contains("route point 2 'abc' is not lat,lon"));
    CHECK_THAT(error_for("route:22.72;22.73,114.24"), Contains("route point 1 '22.72'"));
    CHECK_THAT(error_for("route:91,114.24;22.73,114.24"), Contains("route point 1 '91,114.24' is off the globe"));
    CHECK_THAT(error_for("route:22.72,181;22.73,114.24"), Contains("off the globe"));
    CHECK_THAT(error_for("route:nan,1;22.73,114.24"), Contains("off the globe"));
    CHECK_THAT(error_for("route:" + dir.file("none.geojson")), Contains("none.geojson: cannot read route"));
    CHECK_THAT(error_for("route:hospital-run"), Contains("no such GeoJSON file"));
    CHECK_THAT(error_for("route:" + dir.write("p.geojson", R"({"type": "Point", "coordinates": [114, 22]})")),
               Contains("no LineString"));
    CHECK_THAT(error_for("route:" + dir.write("bad.geojson", "{\"type\": ")), Contains("invalid JSON"));
    CHECK_THAT(
        error_for("route:" + dir.write("lat_first.geojson",
                                       R"({"type": "LineString", "coordinates": [[22.7, 114.2], [22.8, 114.3]]})")),
        Contains("coordinate 0 [22.7,114.2] is off the globe"));
    CHECK_THAT(error_for("route:" + dir.write("short.geojson",
                                              R"({"type": "LineString", "coordinates": [[114.2, 22.7], [114.2]]})")),
               Contains("coordinate 1 [114.2] is not [lon, lat]"));
    PositionSourceOptions standing;
    standing.route.cruise_kmh = 0;
    CHECK_THAT(error_for("route:22.72,114.24;22.73,114.24", standing), Contains("cruise speed"));
}
