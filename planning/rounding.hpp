#pragma once
#include <cmath>

namespace ems120 {

// Rounded to `decimals` places so JSON shows 4.6, not 4.6000000000000005 (dividing by a power of
// ten gives the nearest double to the decimal; multiplying by 0.1 would not).
inline double rounded(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

}  // namespace ems120
