#include "vehicle_agent/vitals_json_line.hpp"

#include <catch2/catch.hpp>
#include <string>

using Catch::Contains;
using ems120::agent::parse_vitals_line;
using ems120::agent::VitalsLine;
using ems120::protocol::VitalSign;

namespace {

constexpr std::int64_t kNow = 1'714'552'260'000;  // 2024-05-01T08:31:00Z, the agent's clock

VitalsLine parse(const std::string& line) { return parse_vitals_line(line, kNow, "INC-DEFAULT"); }

}  // namespace

TEST_CASE("a monitor's JSON line with every vital sign becomes one reading") {
    const auto line = parse(R"({"time": 1714552200000, "incident": "INC-7", "hr": 88, "spo2": 97, "sys": 124,)"
                            R"( "dia": 79, "rr": 16, "temp": 36.9, "etco2": 37})");
    REQUIRE(line.vitals);
    CHECK(line.problem.empty());
    const auto& v = *line.vitals;
    CHECK(v.time == 1'714'552'200'000);
    CHECK(v.incident_id == "INC-7");
    CHECK(v[VitalSign::heart_rate]->value == 88);
    CHECK(v[VitalSign::spo2]->value == 97);
    CHECK(v[VitalSign::nibp_systolic]->value == 124);
    CHECK(v[VitalSign::nibp_diastolic]->value == 79);
    CHECK(v[VitalSign::respiratory_rate]->value == 16);
    CHECK(v[VitalSign::temperature]->value == 36.9);
    CHECK(v[VitalSign::etco2]->value == 37);
    for (const auto& m : v.values) CHECK(m->plausible);
    CHECK(line.ignored_keys.empty());
}

TEST_CASE("a line without time is stamped with the agent's clock and without incident gets the current one") {
    const auto line = parse(R"({"hr": 92, "spo2": 95})");
    REQUIRE(line.vitals);
    CHECK(line.vitals->time == kNow);
    CHECK(line.vitals->incident_id == "INC-DEFAULT");
    CHECK(line.vitals->values[static_cast<std::size_t>(VitalSign::heart_rate)]);
    CHECK_FALSE((*line.vitals)[VitalSign::nibp_systolic]);
    CHECK_FALSE((*line.vitals)[VitalSign::etco2]);
}

TEST_CASE("an ISO 8601 time string is read as UTC milliseconds") {
    const auto line = parse(R"({"time": "2024-05-01T16:30:00.500+08:00", "hr": 80})");
    REQUIRE(line.vitals);
    CHECK(line.vitals->time == 1'714'552'200'500);
}

TEST_CASE("a value outside the plausible bounds is kept and flagged, not dropped") {
    const auto line = parse(R"({"hr": 0, "spo2": 12, "temp": 36.6, "sys": 301})");
    REQUIRE(line.vitals);
    const auto& v = *line.vitals;
    CHECK(v[VitalSign::heart_rate]->value == 0);
    CHECK_FALSE(v[VitalSign::heart_rate]->plausible);
    CHECK(v[VitalSign::spo2]->value == 12);
    CHECK_FALSE(v[VitalSign::spo2]->plausible);
    CHECK_FALSE(v[VitalSign::nibp_systolic]->plausible);
    CHECK(v[VitalSign::temperature]->plausible);
}

TEST_CASE("keys that are not vital signs are ignored and reported, the reading is kept") {
    const auto line = parse(R"({"hr": 88, "SpO2": 97, "device": "X3", "map": 94})");
    REQUIRE(line.vitals);
    CHECK_FALSE((*line.vitals)[VitalSign::spo2]);
    CHECK(line.ignored_keys == std::vector<std::string>{"SpO2", "device", "map"});
}

TEST_CASE("each kind of malformed line is refused with a reason") {
    struct Case {
        const char* line;
        const char* reason;
    };
    const Case cases[] = {
        {R"({"hr": 88)", "not JSON"},
        {R"({"hr": NaN})", "not JSON"},
        {R"({"hr": Infinity})", "not JSON"},
        {"hr=88 spo2=97", "not JSON"},
        {R"([88, 97])", "not an object"},
        {R"(88)", "not an object"},
        {R"("hr")", "not an object"},
        {R"({"hr": "88"})", "\"hr\" is string, not a number"},
        {R"({"hr": null})", "\"hr\" is null, not a number"},
        {R"({"spo2": true})", "\"spo2\" is boolean, not a number"},
        {R"({"hr": [88]})", "\"hr\" is array, not a number"},
        {R"({"hr": 1e999})", "not JSON"},  // nlohmann::json refuses a number that overflows
        {R"({})", "no vital sign"},
        {R"({"time": 1714552200000, "incident": "INC-7", "note": "probe off"})", "no vital sign"},
        {R"({"time": 1714552200, "hr": 88})", "before 2000 (seconds instead of milliseconds?)"},
        {R"({"time": 1714552200000.5, "hr": 88})", "not whole milliseconds"},
        {R"({"time": 1e300, "hr": 88})", "after 2100"},
        {R"({"time": -5, "hr": 88})", "before 2000"},
        {R"({"time": "2024-05-01 08:30:00", "hr": 88})", "not an ISO 8601 UTC time"},
        {R"({"time": "2024-05-01T08:30:00", "hr": 88})", "not an ISO 8601 UTC time"},
        {R"({"time": null, "hr": 88})", "\"time\" is null"},
        {R"({"incident": 7, "hr": 88})", "\"incident\" is number, not a string"},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        const auto line = parse(c.line);
        CHECK_FALSE(line.vitals);
        CHECK_THAT(line.problem, Contains(c.reason));
    }
}
