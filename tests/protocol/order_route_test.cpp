// The route, ETA, distance and complaint an order carries (docs/protocol.md, "Orders"), and the
// polyline6 text the route travels as.
#include <catch2/catch.hpp>

#include <cmath>

#include "protocol/codec.hpp"
#include "protocol/route_polyline.hpp"
#include "tests/support/raw_message.hpp"

using namespace ems120::protocol;
using ems120::LatLon;
using ems120::test::RawMessage;

namespace {

constexpr UnixMillis kNow = 1'790'000'000'000;
const DecodeContext kContext{kNow, 5 * 60'000};

DispatchOrder order_with_route() {
    DispatchOrder o;
    o.order_id = "I000007-1";
    o.incident_id = "I000007";
    o.issued = kNow;
    o.lat = 42.50811;
    o.lon = 1.52151;
    o.address = "Avinguda Meritxell 20";
    o.priority.push_back('1');  // not = "1": g++ 12 -Wrestrict false positive on a one-character assignment
    o.note = "hospital: Hospital Nostra Senyora de Meritxell";
    o.complaint = "chest pain, sweating";
    o.eta_ms = 412'000;
    o.distance_m = 5'230;
    o.route = {{42.462001, 1.491234}, {42.470512, 1.502001}, {42.508110, 1.521510}};
    return o;
}

RawMessage raw_order() {
    return RawMessage{}
        .set("v", std::uint64_t{1})
        .set("t", std::string("order"))
        .set("veh", std::string("A12"))
        .set("order", std::string("O-1"))
        .set("inc", std::string("I1"))
        .set("issued", std::int64_t{kNow})
        .set("lat", 42.5)
        .set("lon", 1.5);
}

std::vector<DecodeResult> decode(const std::string& bytes) { return decode_frame(bytes, kContext); }

}  // namespace

TEST_CASE("polyline6 round-trips points on the micro-degree grid, including signs and large jumps", "[order-route]") {
    const std::vector<LatLon> points{{38.5, -120.2}, {40.7, -120.95}, {43.252, -126.453}, {-89.999999, 179.999999},
                                     {89.999999, -179.999999}, {0, 0}};
    std::string error;
    const auto back = decode_polyline6(encode_polyline6(points), 100, error);
    REQUIRE(back);
    REQUIRE(back->size() == points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        CHECK(back->at(i).lat == to_micro_degrees(points[i]).lat);
        CHECK(back->at(i).lon == to_micro_degrees(points[i]).lon);
    }
    // Google's published example, at 1e5, is "_p~iF~ps|U_ulLnnqC_mqNvxq`@"; at 1e6 the same points
    // give OSRM's polyline6 of them.
    CHECK(encode_polyline6(std::vector<LatLon>{{38.5, -120.2}, {40.7, -120.95}, {43.252, -126.453}}) ==
          "_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI");
}

TEST_CASE("bad polyline text is refused with a reason, never a crash", "[order-route]") {
    struct Case {
        std::string text;
        const char* mentions;
    };
    const std::vector<Case> cases{
        {"_izlhA~rlgdF_{geC~ywl@_kwzCn`{n", "cut short"},          // last number unfinished
        {"_izlhA", "without its longitude"},                        // a latitude alone
        {std::string("_izl\x01hA~rlgdF", 11), "not a polyline character"},
        {" izlhA~rlgdF", "not a polyline character"},
        {"~~~~~~~~~~~~~~", "longer than"},                          // a number that never ends
        {"_keqlD?", "not a coordinate"},  // latitude 91
    };
    for (const auto& c : cases) {
        INFO(c.text);
        std::string error;
        CHECK_FALSE(decode_polyline6(c.text, 100, error));
        CHECK_THAT(error, Catch::Contains(c.mentions));
    }
    std::string error;
    const std::vector<LatLon> many(50, LatLon{42.5, 1.5});
    CHECK_FALSE(decode_polyline6(encode_polyline6(many), 49, error));
    CHECK_THAT(error, Catch::Contains("more than 49 points"));
    CHECK(decode_polyline6(encode_polyline6(many), 50, error));
}

TEST_CASE("an order carries its complaint, ETA, distance and route, and decodes to the same order", "[order-route]") {
    const DispatchOrder o = order_with_route();
    const std::string bytes = encode(Message{{"A12"}, 0, o});
    const auto results = decode(bytes);
    REQUIRE(results.size() == 1);
    REQUIRE(results[0].message);
    const auto& back = std::get<DispatchOrder>(results[0].message->body);
    CHECK(back.complaint == o.complaint);
    CHECK(back.eta_ms == o.eta_ms);
    CHECK(back.distance_m == o.distance_m);
    REQUIRE(back.route.size() == 3);
    CHECK(back.route[1].lat == 42.470512);
    CHECK(back.route[1].lon == 1.502001);
    CHECK(encode(Message{{"A12"}, 0, back}) == bytes);
}

TEST_CASE("an order from an older center, without the new fields, still decodes", "[order-route]") {
    const auto results = decode(raw_order().bytes());
    REQUIRE(results.size() == 1);
    REQUIRE(results[0].message);
    const auto& o = std::get<DispatchOrder>(results[0].message->body);
    CHECK(o.complaint.empty());
    CHECK_FALSE(o.eta_ms);
    CHECK_FALSE(o.distance_m);
    CHECK(o.route.empty());
    // And an order without them is encoded without them, as before.
    DispatchOrder plain = o;
    const std::string bytes = encode(Message{{"A12"}, 0, plain});
    for (const char* key : {"cmpl", "eta", "dist", "route"}) CHECK(bytes.find(key) == std::string::npos);
}

TEST_CASE("a bad route, ETA or distance in an order is rejected naming the field", "[order-route]") {
    struct Case {
        const char* what;
        RawMessage message;
        RejectCode code;
        const char* mentions;
    };
    const std::string huge(kMaxRouteBytes + 1, '?');
    const std::vector<Case> cases{
        {"a route that is not a string", raw_order().set("route", 3.5), RejectCode::wrong_type, "'route'"},
        {"a route cut short", raw_order().set("route", std::string("_izlhA~rlgdF_{ge")), RejectCode::out_of_range, "'route'"},
        {"a route of one point", raw_order().set("route", std::string("_izlhA~rlgdF")), RejectCode::out_of_range, "two points"},
        {"a route over 16 KiB", raw_order().set("route", huge), RejectCode::out_of_range, "'route'"},
        {"a route off the globe", raw_order().set("route", std::string("_izlhA~rlgdF_keqlD?")),
         RejectCode::out_of_range, "not a coordinate"},
        {"a negative ETA", raw_order().set("eta", std::int64_t{-5}), RejectCode::wrong_type, "'eta'"},
        {"an ETA of two days", raw_order().set("eta", std::uint64_t{2 * 86'400'000ull}), RejectCode::out_of_range, "'eta'"},
        {"a distance of 5000 km", raw_order().set("dist", std::uint64_t{5'000'000}), RejectCode::out_of_range, "'dist'"},
        {"a complaint as a number", raw_order().set("cmpl", std::uint64_t{7}), RejectCode::wrong_type, "'cmpl'"},
        {"a complaint over 1 KiB", raw_order().set("cmpl", std::string(2000, 'x')), RejectCode::out_of_range, "'cmpl'"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const auto results = decode(c.message.bytes());
        REQUIRE(results.size() == 1);
        REQUIRE(results[0].error);
        CHECK(to_string(results[0].error->code) == to_string(c.code));
        CHECK_THAT(results[0].error->detail, Catch::Contains(c.mentions));
    }
}

TEST_CASE("a 30 km route of 1000 points fits an order in a few KB", "[order-route]") {
    // A winding road: 1000 points about 30 m apart, each turning a little.
    std::vector<LatLon> route;
    double lat = 42.45, lon = 1.45, course = 0;
    for (int i = 0; i < 1000; ++i) {
        route.push_back({lat, lon});
        course += std::sin(i / 7.0) * 0.3;
        lat += 0.00027 * std::cos(course);
        lon += 0.00036 * std::sin(course);
    }
    DispatchOrder o = order_with_route();
    o.route = route;
    const std::string bytes = encode(Message{{"A12"}, 0, o});
    CHECK(bytes.size() < 8 * 1024);
    CHECK(bytes.size() < kMaxFrameBytes);
    const auto results = decode(bytes);
    REQUIRE(results[0].message);
    CHECK(std::get<DispatchOrder>(results[0].message->body).route.size() == 1000);
}
