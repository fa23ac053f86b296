#pragma once
// The report's colours, shared by the map, the charts and the legend (and by the browser test,
// which looks for them in the screenshot): colour-blind-safer green / amber / red with grey, and
// a map background no symbol uses, so the map can be found in a picture.
#include <cstdint>

#include "planning/report_drive_times.hpp"

namespace ems120::palette {

struct Rgb {
    std::uint8_t r, g, b;
};

inline constexpr Rgb kWithin{0x1a, 0x98, 0x50};
inline constexpr Rgb kAmber{0xf3, 0x9c, 0x12};
inline constexpr Rgb kBeyond{0xd7, 0x30, 0x27};
inline constexpr Rgb kUnreachable{0x8c, 0x8c, 0x8c};
inline constexpr Rgb kStation{0x1f, 0x4e, 0x9c};
inline constexpr Rgb kProposed{0x8e, 0x44, 0xad};
inline constexpr Rgb kMapBackground{0xe6, 0xef, 0xf5};  // pale blue-grey
inline constexpr Rgb kRoad{0xbf, 0xc7, 0xcf};

inline constexpr Rgb of(DriveTimeBand band) {
    switch (band) {
        case DriveTimeBand::within: return kWithin;
        case DriveTimeBand::amber: return kAmber;
        case DriveTimeBand::beyond: return kBeyond;
        case DriveTimeBand::unreachable: break;
    }
    return kUnreachable;
}

}  // namespace ems120::palette
