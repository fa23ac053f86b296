#pragma once
// A recorded drive as a receiver would log it: one RMC, VTG, GGA, GSA epoch per second from
// 02:06:00 UTC on 15 March 2024, heading east along Shennan Avenue at 36 km/h.
#include <cstdint>
#include <cstdio>
#include <string>

#include "tests/vehicle_agent/nmea_sentences.hpp"

namespace ems120::test {

inline constexpr std::int64_t kDriveStartUnixMs = 1710468360000;  // 2024-03-15T02:06:00Z

inline std::string drive_log(int seconds, int first_second = 0) {
    std::string log;
    for (int s = first_second; s < first_second + seconds; ++s) {
        char time[32], lon[32];
        std::snprintf(time, sizeof time, "02%02d%02d.00", 6 + s / 60, s % 60);
        std::snprintf(lon, sizeof lon, "%010.5f", 11403.4740 + s * 0.0058);  // ~10 m a second
        log += nmea(std::string("GNRMC,") + time + ",A,2232.5860,N," + lon + ",E,19.4,90.0,150324,,,A") + "\r\n";
        log += nmea("GNVTG,90.0,T,,M,19.4,N,36.0,K,A") + "\r\n";
        log += nmea(std::string("GNGGA,") + time + ",2232.5860,N," + lon + ",E,1,14,0.8,35.2,M,-2.9,M,,") + "\r\n";
        log += std::string(kGsa) + "\r\n";
    }
    return log;
}

}  // namespace ems120::test
