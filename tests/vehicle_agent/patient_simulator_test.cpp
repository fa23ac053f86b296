#include "vehicle_agent/patient_simulator.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "tests/vehicle_agent/vitals_test_support.hpp"

using ems120::agent::PatientSimulator;
using ems120::agent::PatientSimulatorConfig;
using ems120::protocol::VitalSign;
using ems120::protocol::Vitals;
using namespace ems120::test;

namespace {

PatientSimulatorConfig patient(double deterioration, std::uint64_t seed = 1) {
    PatientSimulatorConfig config;
    config.deterioration = deterioration;
    config.seed = seed;
    config.capnography = true;
    return config;
}

std::vector<Vitals> simulate(const PatientSimulatorConfig& config, std::int64_t duration_ms, std::int64_t late_ms = 0) {
    PatientSimulator simulator(config);
    return run_for(simulator, duration_ms, late_ms);
}

bool same_values(const Vitals& a, const Vitals& b) {
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        if (a.values[i].has_value() != b.values[i].has_value()) return false;
        if (a.values[i] && a.values[i]->value != b.values[i]->value) return false;
    }
    return true;
}

struct NormalRange {
    VitalSign sign;
    double low, high;
};

}  // namespace

TEST_CASE("the same seed gives the same patient reading for reading, another seed a different one") {
    const auto first = simulate(patient(0.5, 7), 10 * kMinute);
    const auto again = simulate(patient(0.5, 7), 10 * kMinute);
    const auto other = simulate(patient(0.5, 8), 10 * kMinute);
    REQUIRE(first.size() == again.size());
    REQUIRE(first.size() == other.size());
    bool all_same = true, any_differs = false;
    for (std::size_t i = 0; i < first.size(); ++i) {
        all_same = all_same && same_values(first[i], again[i]);
        any_differs = any_differs || !same_values(first[i], other[i]);
    }
    CHECK(all_same);
    CHECK(any_differs);
}

TEST_CASE("a loop that wakes up to half a second late sees the same patient as a punctual one") {
    const auto punctual = simulate(patient(1.0, 3), 20 * kMinute);
    const auto sluggish = simulate(patient(1.0, 3), 20 * kMinute + 499, 499);
    REQUIRE(punctual.size() == sluggish.size());
    for (std::size_t i = 0; i < punctual.size(); ++i) {
        INFO("reading " << i);
        REQUIRE(same_values(punctual[i], sluggish[i]));
    }
}

TEST_CASE("a stable patient stays in adult normal ranges for an hour") {
    const NormalRange normal[] = {
        {VitalSign::heart_rate, 60, 100},      {VitalSign::spo2, 94, 100},
        {VitalSign::nibp_systolic, 100, 140},  {VitalSign::nibp_diastolic, 60, 90},
        {VitalSign::respiratory_rate, 12, 20}, {VitalSign::temperature, 36.1, 37.5},
        {VitalSign::etco2, 35, 45},
    };
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const auto readings = simulate(patient(0, seed), 60 * kMinute);
        for (const auto& v : readings) {
            for (const auto& range : normal) {
                const auto value = value_of(v, range.sign);
                if (!value) continue;
                INFO("seed " << seed << ", " << (v.time - kStartUnixMs) / 1000 << " s: vital sign "
                             << static_cast<int>(range.sign) << " = " << *value);
                REQUIRE(*value >= range.low);
                REQUIRE(*value <= range.high);
                REQUIRE(v[range.sign]->plausible);
            }
        }
    }
}

TEST_CASE("a deteriorating patient's heart rate rises and saturation falls within 15 minutes") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        INFO("seed " << seed);
        const auto readings = simulate(patient(1.0, seed), 16 * kMinute);
        const auto first_minute = [&](VitalSign s) { return mean_of(readings, s, 0, kMinute); };
        const auto fifteenth_minute = [&](VitalSign s) { return mean_of(readings, s, 14 * kMinute, 15 * kMinute + 1); };
        CHECK(first_minute(VitalSign::heart_rate) < 95);
        CHECK(fifteenth_minute(VitalSign::heart_rate) > 120);
        CHECK(first_minute(VitalSign::spo2) > 95);
        CHECK(fifteenth_minute(VitalSign::spo2) < 91);
        CHECK(fifteenth_minute(VitalSign::respiratory_rate) > 25);
        CHECK(first_minute(VitalSign::etco2) > 35);
        CHECK(fifteenth_minute(VitalSign::etco2) < 32);
        // The cuff measures at 0, 5, 10 and 15 minutes; one measurement carries its noise.
        CHECK(*value_of(readings[0], VitalSign::nibp_systolic) > 110);
        CHECK(*value_of(readings[15 * 30], VitalSign::nibp_systolic) < 100);
        CHECK(*value_of(readings[15 * 30], VitalSign::nibp_diastolic) < 70);
        for (const auto& v : readings)
            for (const auto& m : v.values) REQUIRE((!m || m->plausible));
    }
}

TEST_CASE("half the deterioration rate is halfway to shock after 15 minutes and in shock after 30") {
    const auto readings = simulate(patient(0.5, 2), 31 * kMinute);
    const double hr_at_15 = mean_of(readings, VitalSign::heart_rate, 14 * kMinute, 15 * kMinute);
    const double hr_at_30 = mean_of(readings, VitalSign::heart_rate, 29 * kMinute, 30 * kMinute);
    CHECK(hr_at_15 > 95);
    CHECK(hr_at_15 < 120);
    CHECK(hr_at_30 > 125);
    CHECK(hr_at_30 < 155);
    CHECK(mean_of(readings, VitalSign::spo2, 29 * kMinute, 30 * kMinute) < 91);
}

TEST_CASE("the blood pressure comes with the cuff cycle every five minutes, the other readings without it") {
    const auto readings = simulate(PatientSimulatorConfig{}, 16 * kMinute);
    REQUIRE(readings.size() == 16 * 30 + 1);  // every 2 s, both ends included
    for (const auto& v : readings) {
        const std::int64_t t = v.time - kStartUnixMs;
        const bool cuff_cycle = t % (5 * kMinute) == 0;
        INFO("reading at " << t / 1000 << " s");
        CHECK(v[VitalSign::nibp_systolic].has_value() == cuff_cycle);
        CHECK(v[VitalSign::nibp_diastolic].has_value() == cuff_cycle);
        CHECK(v[VitalSign::heart_rate].has_value());
        CHECK(v[VitalSign::spo2].has_value());
        CHECK(v[VitalSign::respiratory_rate].has_value());
        CHECK(v[VitalSign::temperature].has_value());
    }
}

TEST_CASE("EtCO2 is reported only when a capnograph is on the airway") {
    PatientSimulatorConfig without;
    PatientSimulatorConfig with;
    with.capnography = true;
    for (const auto& v : simulate(without, kMinute)) CHECK_FALSE(v[VitalSign::etco2].has_value());
    for (const auto& v : simulate(with, kMinute)) CHECK(v[VitalSign::etco2].has_value());
}

TEST_CASE("readings carry the wall-clock time and the incident and are rounded as a monitor shows them") {
    PatientSimulatorConfig config = patient(0.3, 11);
    config.incident_id = "INC-2024-0501-17";
    const auto readings = simulate(config, 10 * kMinute);
    REQUIRE(readings.size() == 301);
    for (std::size_t i = 0; i < readings.size(); ++i) {
        const auto& v = readings[i];
        CHECK(v.time == kStartUnixMs + static_cast<std::int64_t>(i) * 2000);
        CHECK(v.incident_id == "INC-2024-0501-17");
        for (std::size_t s = 0; s < v.values.size(); ++s) {
            if (!v.values[s]) continue;
            const double value = v.values[s]->value;
            if (static_cast<VitalSign>(s) == VitalSign::temperature)
                CHECK(std::abs(value * 10 - std::round(value * 10)) < 1e-9);
            else
                CHECK(value == std::round(value));
        }
    }
}

TEST_CASE("the simulator sends its first reading on the first poll, then wakes the loop once per interval") {
    PatientSimulator simulator(PatientSimulatorConfig{});
    CHECK(simulator.wait_fd() == -1);
    CHECK(simulator.next_due() == 0);
    std::vector<Vitals> out;
    simulator.poll(at(0), out);
    CHECK(out.size() == 1);
    CHECK(simulator.next_due() == kStartSteadyMs + 2000);

    simulator.poll(at(700), out);  // woken early because another source was readable
    CHECK(out.size() == 1);
    CHECK(simulator.next_due() == kStartSteadyMs + 2000);

    simulator.poll(at(2000), out);
    CHECK(out.size() == 2);
    CHECK(simulator.stats().readings == 2);
    CHECK_FALSE(simulator.finished());
}

TEST_CASE("after a stalled loop the simulator sends one current reading, not a burst of made-up ones") {
    PatientSimulator simulator(PatientSimulatorConfig{});
    std::vector<Vitals> out;
    simulator.poll(at(0), out);
    simulator.poll(at(10'500), out);
    REQUIRE(out.size() == 2);
    CHECK(out[1].time == kStartUnixMs + 10'500);
    CHECK(simulator.next_due() == kStartSteadyMs + 12'500);
}

TEST_CASE("a simulator configured with a zero interval or a negative deterioration is a programming error") {
    PatientSimulatorConfig no_interval;
    no_interval.interval_ms = 0;
    CHECK_THROWS_AS(PatientSimulator(no_interval), std::invalid_argument);
    CHECK_THROWS_AS(PatientSimulator(patient(-0.1)), std::invalid_argument);
    CHECK_THROWS_AS(PatientSimulator(patient(std::nan(""))), std::invalid_argument);
}
