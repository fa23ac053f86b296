#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "protocol/codec.hpp"
#include "protocol/vital_signs.hpp"
#include "tests/support/raw_message.hpp"

using namespace ems120::protocol;
using ems120::test::RawMessage;

namespace {

constexpr UnixMillis kNow = 1'790'000'000'000;  // 2026-09
const DecodeContext kContext{kNow, 5 * 60'000};

PositionFix fix_at(UnixMillis time, double speed = -1) {
    PositionFix f;
    f.gnss_time = time, f.lat = 42.5, f.lon = 1.5;
    if (speed >= 0) f.speed_mps = speed;
    return f;
}

Message decode_one(const std::string& bytes) {
    auto results = decode_frame(bytes, kContext);
    REQUIRE(results.size() == 1);
    INFO((results[0].error ? results[0].error->detail : std::string()));
    REQUIRE(results[0].message);
    return *results[0].message;
}

DecodeError reject_of(const std::string& bytes) {
    auto results = decode_frame(bytes, kContext);
    REQUIRE(!results.empty());
    REQUIRE(results.back().error);
    return *results.back().error;
}

}  // namespace

TEST_CASE("every message type survives encoding and decoding unchanged") {
    PositionFix fix{kNow - 1000, 29.5631, 106.5516, 13.9, 271.5, 0.9, 1, 14};
    Vitals vitals;
    vitals.time = kNow;
    vitals.incident_id = "INC-7";
    vitals[VitalSign::heart_rate] = Measurement{112, true};
    vitals[VitalSign::spo2] = Measurement{91, true};
    vitals[VitalSign::temperature] = Measurement{38.2, true};
    const std::vector<Body> bodies{
        Hello{"ems120-agent 0.1.0", {"fix", "vitals"}, 0xDEADBEEFCAFEull},
        fix,
        vitals,
        CrewStatusChange{kNow, CrewStatus::transporting, "O-3"},
        Heartbeat{kNow, 12, 3, 1},
        Ack{41, {{45, 47}, {50, 50}}},
        DispatchOrder{"O-3", "INC-7", kNow, 29.5, 106.5, "Shuangfeng village, No. 3", "1", "elderly man, chest pain", "", {}, {}, {}},
        OrderAck{"O-3", kNow},
        Reject{9, RejectCode::out_of_range, "field 'lat' out of range"},
        Gap{{{3, 3}, {5, 9}}, 6, 1},
        OrderCancel{"O-3", "reassigned to B07"},
        OrderCancel{"O-4", ""},
    };
    for (const auto& body : bodies) {
        const Message m{{"A12"}, is_sequenced(body) ? 17u : 0u, body};
        const Message back = decode_one(encode(m));
        INFO(type_name(body));
        CHECK(back.vehicle == m.vehicle);
        CHECK(back.seq == m.seq);
        CHECK(back.body.index() == body.index());
        CHECK(encode(back) == encode(m));
    }
}

TEST_CASE("a frame carries several messages back to back and each is decoded") {
    std::string frame;
    for (Seq s = 1; s <= 50; ++s) encode(Message{{"A12"}, s, fix_at(kNow)}, frame);
    const auto results = decode_frame(frame, kContext);
    REQUIRE(results.size() == 50);
    for (std::size_t i = 0; i < results.size(); ++i) {
        REQUIRE(results[i].message);
        CHECK(results[i].message->seq == i + 1);
        CHECK(frame.substr(results[i].begin, results[i].end - results[i].begin) == encode(*results[i].message));
    }
}

TEST_CASE("bytes that are not MessagePack are one malformed reject, after the good messages before them") {
    std::string frame = encode(Message{{"A12"}, 1, fix_at(kNow)});
    frame += "\xc1garbage";  // 0xc1 is never used in MessagePack
    const auto results = decode_frame(frame, kContext);
    REQUIRE(results.size() == 2);
    CHECK(results[0].message);
    REQUIRE(results[1].error);
    CHECK(results[1].error->code == RejectCode::malformed);
}

TEST_CASE("a message cut short is malformed, not a crash") {
    const std::string whole = encode(Message{{"A12"}, 1, fix_at(kNow, 10.0)});
    for (std::size_t cut = 1; cut < whole.size(); ++cut) CHECK(reject_of(whole.substr(0, cut)).code == RejectCode::malformed);
}

TEST_CASE("hostile length prefixes do not make the decoder allocate") {
    // An array claiming 4 billion elements, a string claiming 4 GiB.
    CHECK(reject_of(std::string("\xdd\xff\xff\xff\xff", 5)).code == RejectCode::malformed);
    CHECK(reject_of(std::string("\xdb\xff\xff\xff\xff", 5)).code == RejectCode::malformed);
    CHECK(reject_of(std::string("\xdf\xff\xff\xff\xff", 5)).code == RejectCode::malformed);
    // Deep nesting.
    CHECK(reject_of(std::string(100, '\x91')).code == RejectCode::malformed);
}

TEST_CASE("a frame over 64 KiB is rejected as too large without being parsed") {
    const std::string big(kMaxFrameBytes + 1, '\x00');
    CHECK(reject_of(big).code == RejectCode::too_large);
    CHECK(reject_of("").code == RejectCode::malformed);
}

TEST_CASE("each class of invalid field gets its own reject code and names the field") {
    const auto base = RawMessage::fix("A12", 5, kNow);
    struct Case {
        const char* what;
        RawMessage message;
        RejectCode code;
        const char* mentions;
    };
    const std::vector<Case> cases{
        {"an empty map", RawMessage(), RejectCode::missing_field, "'v'"},
        {"an unknown protocol version", RawMessage(base).set("v", std::uint64_t{2}), RejectCode::bad_version, "version 2"},
        {"an unknown type", RawMessage(base).set("t", std::string("teleport")), RejectCode::unknown_type, "teleport"},
        {"a missing latitude", RawMessage(base).erase("lat"), RejectCode::missing_field, "'lat'"},
        {"a missing seq", RawMessage(base).erase("seq"), RejectCode::missing_field, "'seq'"},
        {"seq 0", RawMessage(base).set("seq", std::uint64_t{0}), RejectCode::out_of_range, "'seq'"},
        {"a missing vehicle", RawMessage(base).erase("veh"), RejectCode::missing_field, "'veh'"},
        {"an empty vehicle", RawMessage(base).set("veh", std::string()), RejectCode::out_of_range, "'veh'"},
        {"a latitude as text", RawMessage(base).set("lat", std::string("42.5")), RejectCode::wrong_type, "'lat'"},
        {"a time with a fraction", RawMessage(base).set("time", 1.79e12 + 0.5), RejectCode::wrong_type, "'time'"},
        {"NaN latitude", RawMessage(base).set("lat", std::nan("")), RejectCode::not_finite, "'lat'"},
        {"infinite speed", RawMessage(base).set("spd", std::numeric_limits<double>::infinity()), RejectCode::not_finite, "'spd'"},
        {"latitude 91", RawMessage(base).set("lat", 91.0), RejectCode::out_of_range, "'lat'"},
        {"longitude -181", RawMessage(base).set("lon", -181.0), RejectCode::out_of_range, "'lon'"},
        {"heading 400", RawMessage(base).set("hdg", 400.0), RejectCode::out_of_range, "'hdg'"},
        {"negative speed", RawMessage(base).set("spd", -3.0), RejectCode::out_of_range, "'spd'"},
        {"a fix quality of 12", RawMessage(base).set("q", std::uint64_t{12}), RejectCode::out_of_range, "'q'"},
        {"a time an hour ahead", RawMessage(base).set("time", kNow + 3'600'000), RejectCode::future_time, "ahead"},
        {"a receiver clock at 1980", RawMessage(base).set("time", std::int64_t{315'964'800'000}), RejectCode::out_of_range, "2000"},
        {"a vehicle id of 100 bytes", RawMessage(base).set("veh", std::string(100, 'x')), RejectCode::out_of_range, "'veh'"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const auto error = reject_of(c.message.bytes());
        CHECK(to_string(error.code) == to_string(c.code));
        CHECK_THAT(error.detail, Catch::Contains(c.mentions));
    }
}

TEST_CASE("a message that is not a map is malformed") {
    CHECK(reject_of(std::string("\x93\x01\x02\x03", 4)).code == RejectCode::malformed);  // [1, 2, 3]
    CHECK(reject_of(std::string("\x2a", 1)).code == RejectCode::malformed);                 // 42
}

TEST_CASE("a reject still names the vehicle and seq it could read, so the vehicle can be told") {
    const auto error = reject_of(RawMessage::fix("B7", 99, kNow).set("lat", 123.0).bytes());
    CHECK(error.vehicle.value == "B7");
    CHECK(error.seq == 99);
}

TEST_CASE("vital signs outside physiological bounds are kept and marked implausible, not rejected") {
    RawMessage m;
    m.set("v", std::uint64_t{1}).set("t", std::string("vitals")).set("veh", std::string("A12")).set("seq", std::uint64_t{3})
        .set("time", kNow).set("hr", std::uint64_t{420}).set("spo2", 97.0).set("sys", std::int64_t{-5});
    const Message decoded = decode_one(m.bytes());
    const auto& vitals = std::get<Vitals>(decoded.body);
    REQUIRE(vitals[VitalSign::heart_rate]);
    CHECK(vitals[VitalSign::heart_rate]->value == 420);
    CHECK_FALSE(vitals[VitalSign::heart_rate]->plausible);
    CHECK(vitals[VitalSign::spo2]->plausible);
    CHECK_FALSE(vitals[VitalSign::nibp_systolic]->plausible);
    CHECK_FALSE(vitals[VitalSign::respiratory_rate]);
}

TEST_CASE("vitals without a single vital sign are rejected as missing a field") {
    RawMessage m;
    m.set("v", std::uint64_t{1}).set("t", std::string("vitals")).set("veh", std::string("A12")).set("seq", std::uint64_t{3}).set("time", kNow);
    CHECK(reject_of(m.bytes()).code == RejectCode::missing_field);
}

TEST_CASE("unknown extra fields are ignored, so a newer unit can add optional fields within a version") {
    const auto m = decode_one(RawMessage::fix("A12", 5, kNow).set("altitude_m", 512.0).bytes());
    CHECK(std::get<PositionFix>(m.body).lat == 42.5);
}

TEST_CASE("every vital sign names its LOINC code and UCUM unit") {
    for (const auto& sign : kVitalSigns) {
        CHECK_FALSE(sign.loinc.empty());
        CHECK_FALSE(sign.ucum.empty());
        CHECK(sign.min_plausible < sign.max_plausible);
        CHECK(vital_sign_by_key(sign.key) == sign.sign);
    }
}

TEST_CASE("the patient contact and handover statuses travel under their own names") {
    for (const auto status : {CrewStatus::patient_contact, CrewStatus::handover}) {
        const Message back = decode_one(encode(Message{{"A12"}, 5, CrewStatusChange{kNow, status, "O-3"}}));
        const auto& change = std::get<CrewStatusChange>(back.body);
        CHECK(change.status == status);
        CHECK(change.order_id == "O-3");
    }
    CHECK(to_string(CrewStatus::patient_contact) == "patient_contact");
    CHECK(to_string(CrewStatus::handover) == "handover");
    // Every status has a name, and every name leads back to its status.
    for (std::size_t i = 0; i < kCrewStatusCount; ++i) {
        const auto status = static_cast<CrewStatus>(i);
        INFO("status " << i);
        CHECK(crew_status_from_string(to_string(status)) == status);
    }
}

TEST_CASE("an order cancel names the order and may give the crew a reason") {
    const auto cancel = RawMessage{}.set("v", std::uint64_t{1}).set("t", std::string("order_cancel")).set("veh", std::string("A12"))
                            .set("order", std::string("O-17")).set("reason", std::string("reassigned to B07"));
    const Message m = decode_one(cancel.bytes());
    CHECK(m.seq == 0);
    CHECK_FALSE(is_sequenced(m.body));
    CHECK(type_name(m.body) == "order_cancel");
    const auto& c = std::get<OrderCancel>(m.body);
    CHECK(c.order_id == "O-17");
    CHECK(c.reason == "reassigned to B07");

    const Message without_reason = decode_one(RawMessage(cancel).erase("reason").bytes());
    CHECK(std::get<OrderCancel>(without_reason.body).reason.empty());
    CHECK(encode(without_reason).find("reason") == std::string::npos);  // an empty reason is not sent
}

TEST_CASE("an order cancel without a usable order id or with a bad reason is rejected, naming the field") {
    const auto cancel = RawMessage{}.set("v", std::uint64_t{1}).set("t", std::string("order_cancel")).set("veh", std::string("A12"))
                            .set("order", std::string("O-17")).set("reason", std::string("duplicate call"));
    struct Case {
        const char* what;
        RawMessage message;
        RejectCode code;
        const char* field;
    };
    const std::vector<Case> cases{
        {"no order id", RawMessage(cancel).erase("order"), RejectCode::missing_field, "'order'"},
        {"an empty order id", RawMessage(cancel).set("order", std::string()), RejectCode::out_of_range, "'order'"},
        {"a numeric order id", RawMessage(cancel).set("order", std::uint64_t{17}), RejectCode::wrong_type, "'order'"},
        {"an order id over 64 bytes", RawMessage(cancel).set("order", std::string(65, 'O')), RejectCode::out_of_range, "'order'"},
        {"a reason that is not text", RawMessage(cancel).set("reason", 3.5), RejectCode::wrong_type, "'reason'"},
        {"a reason over 1024 bytes", RawMessage(cancel).set("reason", std::string(1025, 'r')), RejectCode::out_of_range, "'reason'"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const auto error = reject_of(c.message.bytes());
        CHECK(error.code == c.code);
        CHECK(error.detail.find(c.field) != std::string::npos);
        CHECK(error.vehicle.value == "A12");
    }
}
