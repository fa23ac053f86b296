#pragma once
// printf-style formatting into a std::string, for the planners' fixed-width text reports.
#include <cstdio>
#include <string>

namespace ems120 {

// At most 511 characters: a report's line, not a document.
inline std::string format(const char* fmt, auto... args) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

}  // namespace ems120
