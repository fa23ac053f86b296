#pragma once
// Numbers as a report shows them: fixed decimals for SVG coordinates and minutes, percentages,
// thousands separators for populations.
#include <cstddef>
#include <cstdint>
#include <string>

namespace ems120 {

// 12.3456, 1 -> "12.3"; never "-0.0".
std::string fixed_text(double value, int decimals);

// 52 of 59 -> "88.1%"; "–" when `whole` is 0.
std::string percent_text(double part, double whole);

// 1234567 -> "1,234,567".
std::string thousands_text(std::int64_t n);

}  // namespace ems120
