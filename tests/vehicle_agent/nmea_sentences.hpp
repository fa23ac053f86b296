#pragma once
// NMEA sentences for tests: real receiver output (with the checksums those receivers sent), and a
// helper that adds the right checksum to a sentence written by hand.
#include <cstdio>
#include <string>
#include <string_view>

namespace ems120::test {

// "GPGGA,..." -> "$GPGGA,...*hh"
inline std::string nmea(std::string_view body) {
    unsigned checksum = 0;
    for (const char c : body) checksum ^= static_cast<unsigned char>(c);
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02X", checksum);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "$" + std::string.
    std::string sentence;
    sentence.reserve(body.size() + 4);
    sentence += '$';
    sentence += body;
    sentence += '*';
    sentence += hex;
    return sentence;
}

// The textbook example (Munich, 23 March 1994, 12:35:19 UTC).
inline constexpr const char* kTextbookGga = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";
inline constexpr const char* kTextbookRmc = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";

// A u-blox receiver's epoch at 08:35:59 UTC on 9 December 2002 (RMC, VTG, GGA in that order).
inline constexpr const char* kUbloxRmc = "$GPRMC,083559.00,A,4717.11437,N,00833.91522,E,0.004,77.52,091202,,,A*57";
inline constexpr const char* kUbloxVtg = "$GPVTG,77.52,T,,M,0.004,N,0.008,K,A*06";
inline constexpr const char* kUbloxGga = "$GPGGA,092725.00,4717.11399,N,00833.91590,E,1,08,1.01,499.6,M,48.0,M,,*5B";

// A receiver with no fix yet: everything it does not know is empty.
inline constexpr const char* kNoFixRmc = "$GPRMC,,V,,,,,,,,,,N*53";
inline constexpr const char* kNoFixGga = "$GPGGA,,,,,,0,00,99.99,,,,,,*48";

// Sentences this agent does not use.
inline constexpr const char* kGsa = "$GNGSA,A,3,80,71,73,79,69,,,,,,,,1.83,1.09,1.47*17";
inline constexpr const char* kGsv = "$GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00*74";

}  // namespace ems120::test
