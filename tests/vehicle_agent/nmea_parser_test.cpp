#include "vehicle_agent/nmea_parser.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <variant>

#include "tests/vehicle_agent/nmea_sentences.hpp"

using namespace ems120::agent;
using ems120::test::nmea;

namespace {

template <class Sentence>
Sentence parsed_as(std::string_view text) {
    const ParsedNmea parsed = parse_nmea_sentence(text);
    INFO("sentence: " << text);
    if (const auto* rejection = std::get_if<NmeaRejection>(&parsed))
        FAIL("rejected as " << (*rejection == NmeaRejection::bad_checksum ? "bad checksum"
                                : *rejection == NmeaRejection::malformed  ? "malformed"
                                                                          : "unsupported"));
    REQUIRE(std::holds_alternative<Sentence>(parsed));
    return std::get<Sentence>(parsed);
}

std::optional<NmeaRejection> rejection_of(std::string_view text) {
    const ParsedNmea parsed = parse_nmea_sentence(text);
    if (const auto* rejection = std::get_if<NmeaRejection>(&parsed)) return *rejection;
    return std::nullopt;
}

}  // namespace

TEST_CASE("the textbook GGA sentence gives time, position, quality, satellites and HDOP") {
    const auto gga = parsed_as<GgaSentence>(ems120::test::kTextbookGga);
    CHECK(gga.time_of_day_ms == (12 * 3600 + 35 * 60 + 19) * 1000);
    REQUIRE(gga.position);
    CHECK(gga.position->lat == Approx(48.0 + 7.038 / 60).epsilon(1e-12));
    CHECK(gga.position->lon == Approx(11.0 + 31.0 / 60).epsilon(1e-12));
    CHECK(gga.quality == 1);
    CHECK(gga.satellites == 8);
    CHECK(gga.hdop == 0.9);
}

TEST_CASE("the textbook RMC sentence gives status, speed in knots, course and the date") {
    const auto rmc = parsed_as<RmcSentence>(ems120::test::kTextbookRmc);
    CHECK(rmc.time_of_day_ms == (12 * 3600 + 35 * 60 + 19) * 1000);
    CHECK(rmc.status == 'A');
    CHECK(rmc.speed_knots == 22.4);
    CHECK(rmc.course_deg == 84.4);
    CHECK(rmc.date == NmeaDate{1994, 3, 23});
    CHECK_FALSE(rmc.mode);  // NMEA 2.0 has no mode field
}

TEST_CASE("a u-blox epoch parses with fractional seconds, an empty magnetic course and mode A") {
    const auto rmc = parsed_as<RmcSentence>(ems120::test::kUbloxRmc);
    CHECK(rmc.time_of_day_ms == (8 * 3600 + 35 * 60 + 59) * 1000);
    CHECK(rmc.date == NmeaDate{2002, 12, 9});
    CHECK(rmc.mode == 'A');
    const auto vtg = parsed_as<VtgSentence>(ems120::test::kUbloxVtg);
    CHECK(vtg.course_true_deg == 77.52);
    CHECK(vtg.speed_knots == 0.004);
    CHECK(vtg.speed_kmh == 0.008);
    CHECK(vtg.mode == 'A');
    const auto gga = parsed_as<GgaSentence>(ems120::test::kUbloxGga);
    CHECK(gga.time_of_day_ms == (9 * 3600 + 27 * 60 + 25) * 1000);
    CHECK(gga.hdop == 1.01);
}

TEST_CASE("a BeiDou receiver's sentences over Shenzhen are read like GPS ones, whatever the talker") {
    for (const char* talker : {"BD", "GB", "GN", "GP", "GL", "GA"}) {
        INFO("talker " << talker);
        const auto gga = parsed_as<GgaSentence>(
            nmea(std::string(talker) + "GGA,020615.50,2232.5860,N,11403.4740,E,1,14,0.8,35.2,M,-2.9,M,,"));
        CHECK(gga.time_of_day_ms == (2 * 3600 + 6 * 60 + 15) * 1000 + 500);
        REQUIRE(gga.position);
        CHECK(gga.position->lat == Approx(22 + 32.586 / 60));
        CHECK(gga.position->lon == Approx(114 + 3.474 / 60));
        CHECK(gga.satellites == 14);
    }
    // NMEA 4.1 RMC with a navigational status field after the mode.
    const auto rmc = parsed_as<RmcSentence>(nmea("GNRMC,020615.50,A,2232.5860,N,11403.4740,E,12.5,87.3,150324,,,D,V"));
    CHECK(rmc.mode == 'D');
    CHECK(rmc.date == NmeaDate{2024, 3, 15});
}

TEST_CASE("south and west hemispheres give negative coordinates") {
    const auto gga = parsed_as<GgaSentence>(nmea("GPGGA,120000,3351.3600,S,15112.6000,W,1,09,1.0,10,M,20,M,,"));
    REQUIRE(gga.position);
    CHECK(gga.position->lat == Approx(-(33 + 51.36 / 60)));
    CHECK(gga.position->lon == Approx(-(151 + 12.6 / 60)));
}

TEST_CASE("a receiver without a fix sends empty fields, which become absent values rather than zeros") {
    const auto rmc = parsed_as<RmcSentence>(ems120::test::kNoFixRmc);
    CHECK_FALSE(rmc.time_of_day_ms);
    CHECK(rmc.status == 'V');
    CHECK_FALSE(rmc.position);
    CHECK_FALSE(rmc.speed_knots);
    CHECK_FALSE(rmc.course_deg);
    CHECK_FALSE(rmc.date);
    CHECK(rmc.mode == 'N');

    const auto gga = parsed_as<GgaSentence>(ems120::test::kNoFixGga);
    CHECK_FALSE(gga.time_of_day_ms);
    CHECK_FALSE(gga.position);
    CHECK(gga.quality == 0);
    CHECK(gga.satellites == 0);
    CHECK(gga.hdop == 99.99);

    const auto vtg = parsed_as<VtgSentence>(nmea("GPVTG,,T,,M,,N,,K,N"));
    CHECK_FALSE(vtg.course_true_deg);
    CHECK_FALSE(vtg.speed_knots);
    CHECK_FALSE(vtg.speed_kmh);
}

TEST_CASE("a GGA sentence with a wrong checksum is counted as damaged, not parsed") {
    std::string damaged = ems120::test::kTextbookGga;
    damaged[20] = '9';  // one digit of the latitude flipped on the wire
    CHECK(rejection_of(damaged) == NmeaRejection::bad_checksum);
    CHECK(rejection_of("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*48") ==
          NmeaRejection::bad_checksum);
}

TEST_CASE("line endings are optional and the checksum may be written in lower case") {
    const std::string gga = ems120::test::kUbloxGga;
    parsed_as<GgaSentence>(gga + "\r\n");
    parsed_as<GgaSentence>(gga + "\n");
    parsed_as<GgaSentence>(gga + "\r");
    parsed_as<RmcSentence>("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6a");
}

TEST_CASE("sentences without a checksum, truncated on the wire or without '$' are malformed") {
    const std::string gga = ems120::test::kTextbookGga;
    CHECK(rejection_of("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,") == NmeaRejection::malformed);
    CHECK(rejection_of(gga.substr(0, 30)) == NmeaRejection::malformed);
    CHECK(rejection_of(gga.substr(0, gga.size() - 1)) == NmeaRejection::malformed);  // "*4"
    CHECK(rejection_of(gga.substr(1)) == NmeaRejection::malformed);
    CHECK(rejection_of("") == NmeaRejection::malformed);
    CHECK(rejection_of("$") == NmeaRejection::malformed);
    CHECK(rejection_of("$*00") == NmeaRejection::malformed);
    CHECK(rejection_of(gga + " trailing") == NmeaRejection::malformed);
    CHECK(rejection_of(gga + "\n\n") == NmeaRejection::malformed);
    CHECK(rejection_of("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*G7") ==
          NmeaRejection::malformed);
}

TEST_CASE("a sentence with too few fields is malformed even when its checksum is right") {
    CHECK(rejection_of(nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M")) ==
          NmeaRejection::malformed);
    CHECK(rejection_of(nmea("GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1")) ==
          NmeaRejection::malformed);
    CHECK(rejection_of(nmea("GPVTG,77.52,T,,M,0.004,N,0.008")) == NmeaRejection::malformed);
    CHECK(rejection_of(nmea("GPGGA")) == NmeaRejection::malformed);
}

TEST_CASE("fields a newer NMEA version appends are ignored") {
    parsed_as<GgaSentence>(nmea("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,,EXTRA,1"));
    parsed_as<VtgSentence>(nmea("GPVTG,77.52,T,,M,0.004,N,0.008,K,A,X"));
}

TEST_CASE("numbers that are not numbers, and positions off the globe, make a sentence malformed") {
    const char* bad[] = {
        "GPGGA,123519,48O7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",        // letter O for zero
        "GPGGA,123519,-4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",       // signs are not NMEA
        "GPGGA,123519,9100.000,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",        // latitude 91
        "GPGGA,123519,4860.000,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",        // 60 minutes
        "GPGGA,123519,4807.038,N,18100.000,E,1,08,0.9,545.4,M,46.9,M,,",        // longitude 181
        "GPGGA,123519,4807.038,X,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",        // hemisphere X
        "GPGGA,123519,4807.038,,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",         // latitude without hemisphere
        "GPGGA,123519,4807.038,N,,,1,08,0.9,545.4,M,46.9,M,,",                  // half a position
        "GPGGA,123519,4807.038,N,01131.000,E,1,08,1e1,545.4,M,46.9,M,,",        // exponent
        "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9.1,545.4,M,46.9,M,,",      // two dots
        "GPGGA,123519,4807.038,N,01131.000,E,12,08,0.9,545.4,M,46.9,M,,",       // quality 12
        "GPGGA,123519,4807.038,N,01131.000,E,1,8a,0.9,545.4,M,46.9,M,,",        // satellites
        "GPGGA,250000,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",        // hour 25
        "GPGGA,12351,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",         // short time
        "GPGGA,123519.,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",       // dot without fraction
        "GPRMC,123519,X,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W",     // status X
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,384.4,230394,003.1,W",     // course 384
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,310294,003.1,W",     // 31 February
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,23039,003.1,W",      // short date
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W,AB",  // two-letter mode
        "GPVTG,77.52,X,,M,0.004,N,0.008,K,A",                                   // wrong unit letter
        "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,\x01",    // control character
        "gpgga,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",        // lower-case address
        "GPGGAX,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",       // six-letter address
    };
    for (const char* body : bad) {
        INFO(body);
        CHECK(rejection_of(nmea(body)) == NmeaRejection::malformed);
    }
}

TEST_CASE("GSV, GSA, ZDA and proprietary sentences are recognised as unsupported, not as errors") {
    CHECK(rejection_of(ems120::test::kGsv) == NmeaRejection::unsupported);
    CHECK(rejection_of(ems120::test::kGsa) == NmeaRejection::unsupported);
    CHECK(rejection_of(nmea("GNZDA,020615.00,15,03,2024,00,00")) == NmeaRejection::unsupported);
    CHECK(rejection_of(nmea("PUBX,00,081350.00,4717.113210,N,00833.915187,E,546.589,G3,2.1,2.0,0.007,77.52,0.007,,0.92,"
                            "1.19,0.77,9,0,0")) == NmeaRejection::unsupported);
    CHECK(rejection_of(nmea("PMTK001,314,3")) == NmeaRejection::unsupported);
    // Damage still counts as damage, whatever the type.
    CHECK(rejection_of("$GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00*75") ==
          NmeaRejection::bad_checksum);
}

TEST_CASE("two-digit years before 80 are in this century, from 80 in the last one") {
    CHECK(parsed_as<RmcSentence>(nmea("GPRMC,000000,A,0000.000,N,00000.000,E,0,0,010179,,")).date ==
          NmeaDate{2079, 1, 1});
    CHECK(parsed_as<RmcSentence>(nmea("GPRMC,000000,A,0000.000,N,00000.000,E,0,0,291280,,")).date ==
          NmeaDate{1980, 12, 29});
    CHECK(parsed_as<RmcSentence>(nmea("GPRMC,000000,A,0000.000,N,00000.000,E,0,0,290224,,")).date ==
          NmeaDate{2024, 2, 29});
}

TEST_CASE("a leap second and millisecond fractions are read exactly") {
    CHECK(
        parsed_as<GgaSentence>(nmea("GPGGA,235960,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")).time_of_day_ms ==
        86'400'000);
    CHECK(parsed_as<GgaSentence>(nmea("GPGGA,000000.1,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"))
              .time_of_day_ms == 100);
    CHECK(parsed_as<GgaSentence>(nmea("GPGGA,000000.1239,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"))
              .time_of_day_ms == 123);
}
