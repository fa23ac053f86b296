#include "vehicle_agent/vitals_source.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "maps/input_error.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/vehicle_agent/vitals_test_support.hpp"
#include "vehicle_agent/patient_simulator.hpp"

using Catch::Contains;
using ems120::InputError;
using ems120::agent::open_vitals_source;
using ems120::agent::PatientSimulator;
using ems120::agent::PatientSimulatorConfig;
using ems120::agent::VitalsSourceOptions;
using ems120::protocol::VitalSign;
using ems120::protocol::Vitals;
using namespace ems120::test;

TEST_CASE("'none' means the vehicle has no vitals to offer") {
    CHECK(open_vitals_source("none", {}) == nullptr);
}

TEST_CASE("'simulate' is a stable patient on the crew's incident with the monitor's defaults") {
    auto source = open_vitals_source("simulate", VitalsSourceOptions{"INC-9", 0});
    REQUIRE(source);
    const auto readings = run_for(*source, 5 * kMinute);
    REQUIRE(readings.size() == 151);  // every 2 s
    CHECK(readings[0].incident_id == "INC-9");
    CHECK(readings[0][VitalSign::nibp_systolic]);
    CHECK_FALSE(readings[0][VitalSign::etco2]);  // no capnograph by default
    CHECK_THAT(source->describe(), Contains("deterioration 0") && Contains("seed 1"));
}

TEST_CASE("simulator settings in the spec reach the simulated patient") {
    auto source = open_vitals_source(
        "simulate:deterioration=0.5,interval=1000,nibp_interval=60000,seed=7,capnography=1,incident=INC-1",
        VitalsSourceOptions{"INC-IGNORED", 0});
    REQUIRE(source);
    const auto readings = run_for(*source, 2 * kMinute);

    PatientSimulatorConfig same;
    same.deterioration = 0.5;
    same.interval_ms = 1000;
    same.nibp_interval_ms = 60'000;
    same.seed = 7;
    same.capnography = true;
    PatientSimulator direct(same);
    const auto expected = run_for(direct, 2 * kMinute);

    REQUIRE(readings.size() == 121);
    REQUIRE(readings.size() == expected.size());
    for (std::size_t i = 0; i < readings.size(); ++i) {
        INFO("reading " << i);
        CHECK(readings[i].incident_id == "INC-1");
        for (std::size_t s = 0; s < readings[i].values.size(); ++s) {
            REQUIRE(readings[i].values[s].has_value() == expected[i].values[s].has_value());
            if (readings[i].values[s]) CHECK(readings[i].values[s]->value == expected[i].values[s]->value);
        }
    }
    CHECK(readings[60][VitalSign::nibp_systolic]);
    CHECK(readings[0][VitalSign::etco2]);
}

TEST_CASE("'jsonl:-' reads the bridge on standard input and 'jsonl:PATH' a file") {
    Pipe bridge;
    auto from_stdin = open_vitals_source("jsonl:-", VitalsSourceOptions{"INC-4", bridge.read_fd()});
    REQUIRE(from_stdin);
    CHECK(from_stdin->wait_fd() == bridge.read_fd());
    bridge.write("{\"hr\": 99}\n");
    std::vector<Vitals> out;
    from_stdin->poll(at(0), out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].incident_id == "INC-4");

    const TempDir dir;
    const auto path = dir.write("vitals.jsonl", "{\"incident\": \"INC-5\", \"spo2\": 94}\n");
    auto from_file = open_vitals_source("jsonl:" + path, {});
    REQUIRE(from_file);
    out.clear();
    from_file->poll(at(0), out);
    from_file->poll(at(0), out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].incident_id == "INC-5");
    CHECK(from_file->finished());
}

TEST_CASE("a bad vitals spec is one clear line naming the spec and what is wrong") {
    struct Case {
        const char* spec;
        const char* says;
    };
    const Case cases[] = {
        {"", "expected none, simulate"},
        {"simulated", "expected none, simulate"},
        {"Simulate", "expected none, simulate"},
        {"gps:/dev/ttyUSB0", "expected none, simulate"},
        {"simulate:", "expected KEY=VALUE, not ''"},
        {"simulate:deterioration", "expected KEY=VALUE"},
        {"simulate:deterioration=0.5,", "expected KEY=VALUE"},
        {"simulate:incident=", "expected KEY=VALUE"},
        {"simulate:speed=3", "unknown setting 'speed' (known: deterioration, interval"},
        {"simulate:deterioration=-1", "deterioration must be a number from 0 (stable) to 10, not '-1'"},
        {"simulate:deterioration=fast", "deterioration must be a number"},
        {"simulate:deterioration=1e1", "deterioration must be a number"},
        {"simulate:interval=0", "interval must be whole milliseconds from 100 to 3600000, not '0'"},
        {"simulate:interval=2s", "interval must be whole milliseconds"},
        {"simulate:nibp_interval=1000", "nibp_interval must be whole milliseconds from 30000"},
        {"simulate:seed=-3", "seed must be a whole number >= 0, not '-3'"},
        {"simulate:capnography=maybe", "capnography must be 1 or 0 (on/off), not 'maybe'"},
        {"simulate:seed=1,seed=2", "seed is given twice"},
        {"jsonl:", "jsonl: needs a file, or - for standard input"},
        {"jsonl:/nonexistent/vitals.jsonl", "/nonexistent/vitals.jsonl: cannot open vital-signs input"},
    };
    for (const auto& c : cases) {
        INFO("spec '" << c.spec << "'");
        try {
            open_vitals_source(c.spec, {});
            FAIL("accepted");
        } catch (const InputError& e) {
            const std::string message = e.what();
            CHECK_THAT(message, Contains(c.says));
            CHECK(message.find('\n') == std::string::npos);
            if (std::string(c.spec).rfind("jsonl:/", 0) != 0) CHECK_THAT(message, Contains("'" + std::string(c.spec) + "'"));
        }
    }
}
