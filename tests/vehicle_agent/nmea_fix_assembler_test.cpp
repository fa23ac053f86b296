#include "vehicle_agent/nmea_fix_assembler.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/vehicle_agent/nmea_sentences.hpp"
#include "vehicle_agent/nmea_decoder.hpp"

using namespace ems120::agent;
using ems120::protocol::PositionFix;
using ems120::test::nmea;

namespace {

// An ambulance on Shennan Avenue, Shenzhen, on 15 March 2024 unless told otherwise.
std::string rmc(const std::string& time, const std::string& date = "150324", const std::string& status = "A",
                const std::string& knots = "10.0", const std::string& course = "90.0", const std::string& mode = "A",
                const std::string& talker = "GN") {
    return nmea(talker + "RMC," + time + "," + status + ",2232.5860,N,11403.4740,E," + knots + "," + course + "," +
                date + ",,," + mode);
}

std::string gga(const std::string& time, const std::string& quality = "1", const std::string& satellites = "12",
                const std::string& hdop = "0.8") {
    return nmea("GNGGA," + time + ",2232.5860,N,11403.4740,E," + quality + "," + satellites + "," + hdop +
                ",35.2,M,-2.9,M,,");
}

std::string vtg(const std::string& course = "90.0", const std::string& knots = "10.0",
                const std::string& kmh = "18.5") {
    return nmea("GNVTG," + course + ",T,,M," + knots + ",N," + kmh + ",K,A");
}

struct Decoded {
    std::vector<PositionFix> fixes;
    NmeaCounts counts;
};

Decoded decode(const std::vector<std::string>& sentences, bool end_of_stream = true) {
    NmeaDecoder decoder;
    Decoded d;
    for (const auto& s : sentences) decoder.feed(s + "\r\n", d.fixes);
    if (end_of_stream) decoder.end_of_stream(d.fixes);
    d.counts = decoder.counts();
    return d;
}

constexpr std::int64_t kMarch15th2024 = 1710460800000;  // 00:00:00 UTC
constexpr double kKnot = 1852.0 / 3600.0;

}  // namespace

TEST_CASE("an RMC, VTG, GGA epoch becomes one fix with date, speed in m/s, course, quality, satellites and HDOP") {
    const auto d = decode({rmc("020615.00"), vtg(), gga("020615.00")});
    REQUIRE(d.fixes.size() == 1);
    const PositionFix& fix = d.fixes[0];
    CHECK(fix.gnss_time == kMarch15th2024 + (2 * 3600 + 6 * 60 + 15) * 1000);
    CHECK(fix.lat == Approx(22 + 32.586 / 60));
    CHECK(fix.lon == Approx(114 + 3.474 / 60));
    CHECK(fix.speed_mps == Approx(10.0 * kKnot));
    CHECK(fix.heading_deg == 90.0);
    CHECK(fix.fix_quality == 1);
    CHECK(fix.satellites == 12);
    CHECK(fix.hdop == 0.8);
    CHECK(d.counts.epochs.epochs == 1);
    CHECK(d.counts.epochs.fixes == 1);
}

TEST_CASE("the textbook GGA and RMC give a fix at 1994-03-23 12:35:19 UTC") {
    const auto d = decode({ems120::test::kTextbookGga, ems120::test::kTextbookRmc});
    REQUIRE(d.fixes.size() == 1);
    CHECK(d.fixes[0].gnss_time == 764426119000);
    CHECK(d.fixes[0].speed_mps == Approx(22.4 * kKnot));
    CHECK(d.fixes[0].heading_deg == 84.4);
}

TEST_CASE("once the receiver's pattern is known, each fix leaves with its epoch's last sentence, not a second later") {
    NmeaDecoder decoder;
    std::vector<PositionFix> fixes;
    auto feed = [&](const std::string& s) { decoder.feed(s + "\r\n", fixes); };
    for (const auto& s : {rmc("100000"), vtg(), gga("100000"), std::string(ems120::test::kGsa)}) feed(s);
    CHECK(fixes.empty());  // the first epoch can only end with the next one's time
    feed(rmc("100001"));
    CHECK(fixes.size() == 1);
    feed(vtg());
    CHECK(fixes.size() == 1);
    feed(gga("100001"));
    CHECK(fixes.size() == 2);  // complete: RMC, VTG and GGA are all there
    for (const auto& s : {rmc("100002"), vtg(), gga("100002")}) feed(s);
    CHECK(fixes.size() == 3);
    CHECK(fixes[2].gnss_time - fixes[1].gnss_time == 1000);
}

TEST_CASE("a receiver that sends only RMC gives fixes, with the fix quality read from its mode letter") {
    const auto d = decode({rmc("080000", "150324", "A", "0.0", "", "D"), rmc("080001", "150324", "A", "0.5", "", "D")});
    REQUIRE(d.fixes.size() == 2);
    CHECK(d.fixes[1].gnss_time == kMarch15th2024 + 8 * 3600 * 1000 + 1000);
    CHECK(d.fixes[0].fix_quality == 2);
    CHECK_FALSE(d.fixes[0].heading_deg);  // empty course while standing: unknown, not north
    CHECK_FALSE(d.fixes[0].hdop);
    CHECK_FALSE(d.fixes[0].satellites);
}

TEST_CASE("GGA-only epochs after one RMC take that RMC's date") {
    const auto d = decode({rmc("120000"), gga("120000"), gga("120001"), gga("120002.5")});
    REQUIRE(d.fixes.size() == 3);
    CHECK(d.fixes[0].gnss_time == kMarch15th2024 + 12 * 3600 * 1000);
    CHECK(d.fixes[1].gnss_time == kMarch15th2024 + 12 * 3600 * 1000 + 1000);
    CHECK(d.fixes[2].gnss_time == kMarch15th2024 + 12 * 3600 * 1000 + 2500);
    CHECK_FALSE(d.fixes[2].speed_mps);  // GGA knows no speed
}

TEST_CASE("GGA times after UTC midnight go on the next day, also over New Year") {
    const auto d = decode({rmc("235959", "311224"), gga("235959"), gga("000000"), gga("000001"), gga("235959.5")});
    REQUIRE(d.fixes.size() == 4);
    CHECK(d.fixes[0].gnss_time == 1735689599000);  // 2024-12-31 23:59:59
    CHECK(d.fixes[1].gnss_time == 1735689600000);  // 2025-01-01 00:00:00
    CHECK(d.fixes[2].gnss_time == 1735689601000);
    // A receiver that jumps back a second across midnight (a resent epoch) stays on the old day.
    CHECK(d.fixes[3].gnss_time == 1735689599500);
}

TEST_CASE("RMC's own date wins across midnight") {
    const auto d = decode({rmc("235959", "150324"), gga("235959"), rmc("000000", "160324"), gga("000000")});
    REQUIRE(d.fixes.size() == 2);
    CHECK(d.fixes[1].gnss_time - d.fixes[0].gnss_time == 1000);
    CHECK(d.fixes[1].gnss_time == kMarch15th2024 + 86'400'000);
}

TEST_CASE("GGA before any RMC has given a date produces no fix but is counted") {
    const auto d = decode({gga("120000"), gga("120001")});
    CHECK(d.fixes.empty());
    CHECK(d.counts.epochs.epochs == 2);
    CHECK(d.counts.epochs.without_date == 2);
}

TEST_CASE("a receiver searching for satellites produces no fixes and each silent second is counted once") {
    using namespace ems120::test;
    const auto d = decode({kNoFixRmc, kNoFixGga, kGsa, kNoFixRmc, kNoFixGga, kGsa, kNoFixRmc, kNoFixGga, kGsa});
    CHECK(d.fixes.empty());
    CHECK(d.counts.epochs.epochs == 3);
    CHECK(d.counts.epochs.without_fix == 3);
    CHECK(d.counts.unsupported == 3);
}

TEST_CASE("GGA quality 0, RMC status V and RMC mode N each mean no fix, even with a position") {
    CHECK(decode({rmc("120000"), gga("120000", "0")}).fixes.empty());
    CHECK(decode({rmc("120000", "150324", "V"), gga("120000")}).fixes.empty());
    CHECK(decode({rmc("120000", "150324", "A", "0", "0", "N")}).fixes.empty());
    CHECK(decode({rmc("120000", "150324", "A", "0", "0", "N")}).counts.epochs.without_fix == 1);
    CHECK(decode({rmc("120000", "150324", "")}).fixes.empty());  // no status at all
    // Dead reckoning in a tunnel is still a position: it comes with its quality, 6.
    const auto tunnel = decode({rmc("120000", "150324", "A", "20", "45", "E"), gga("120000", "6")});
    REQUIRE(tunnel.fixes.size() == 1);
    CHECK(tunnel.fixes[0].fix_quality == 6);
}

TEST_CASE("VTG gives speed and course when RMC leaves them empty, and when there is no RMC at all") {
    const auto d = decode({rmc("120000", "150324", "A", "", ""), vtg("181.5", "20.0", "37.0"), gga("120000")});
    REQUIRE(d.fixes.size() == 1);
    CHECK(d.fixes[0].speed_mps == Approx(20.0 * kKnot));
    CHECK(d.fixes[0].heading_deg == 181.5);

    const auto no_rmc = decode({rmc("115959"), gga("115959"), gga("120000"), vtg("360", "", "36.0")});
    REQUIRE(no_rmc.fixes.size() == 2);
    CHECK(no_rmc.fixes[1].speed_mps == Approx(10.0));
    CHECK(no_rmc.fixes[1].heading_deg == 0.0);  // 360 is north, kept in [0, 360)
}

TEST_CASE("RMC's speed and course win over VTG's") {
    const auto d = decode({rmc("120000", "150324", "A", "10.0", "90.0"), vtg("180.0", "30.0", "55.6"), gga("120000")});
    REQUIRE(d.fixes.size() == 1);
    CHECK(d.fixes[0].speed_mps == Approx(10.0 * kKnot));
    CHECK(d.fixes[0].heading_deg == 90.0);
}

TEST_CASE("the same epoch reported by two talkers gives one fix") {
    const auto d = decode({rmc("120000", "150324", "A", "10.0", "90.0", "A", "GP"),
                           rmc("120000", "150324", "A", "10.0", "90.0", "A", "GN"), gga("120000"),
                           rmc("120001", "150324", "A", "10.0", "90.0", "A", "GP"),
                           rmc("120001", "150324", "A", "10.0", "90.0", "A", "GN"), gga("120001")});
    CHECK(d.fixes.size() == 2);
}

TEST_CASE("a receiver that loses a sentence now and then loses no fix and never repeats one") {
    std::vector<std::string> stream;
    for (int second = 0; second < 10; ++second) {
        const std::string time = "1200" + std::string(second < 10 ? "0" : "") + std::to_string(second);
        if (second != 8) stream.push_back(rmc(time));
        if (second != 7) stream.push_back(vtg());
        if (second != 4) stream.push_back(gga(time));
    }
    const auto d = decode(stream);
    REQUIRE(d.fixes.size() == 10);
    std::set<std::int64_t> times;
    for (const auto& fix : d.fixes) times.insert(fix.gnss_time);
    CHECK(times.size() == 10);
    CHECK(*times.begin() == kMarch15th2024 + 12 * 3600 * 1000);
    CHECK(*times.rbegin() == kMarch15th2024 + 12 * 3600 * 1000 + 9000);
}

TEST_CASE("the decoder counts lines, damaged, malformed and unsupported sentences separately") {
    std::string damaged = gga("120001");
    damaged[damaged.size() - 1] = damaged[damaged.size() - 1] == '0' ? '1' : '0';
    const auto d = decode({rmc("120000"), gga("120000"), ems120::test::kGsv, ems120::test::kGsa, damaged,
                           gga("120002").substr(0, 40), "\x01\x02garbage", rmc("120003"), gga("120003")});
    CHECK(d.counts.lines == 8);  // the garbage never started a sentence
    CHECK(d.counts.bad_checksum == 1);
    CHECK(d.counts.malformed == 2);  // the truncated GGA and the garbage
    CHECK(d.counts.unsupported == 2);
    CHECK(d.fixes.size() == 2);
    CHECK(d.counts.source_stats().readings == 2);
}
