#pragma once
// Writing CSV cells (RFC 4180): the planning exports share these so every file quotes alike.
#include <sstream>
#include <string>

namespace ems120 {

// The text as one CSV field: quoted (with "" for a quote) when it holds a comma, quote or line break.
inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// A fixed-point number with `decimals` places, independent of the locale.
inline std::string fixed_number(double v, int decimals) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << v;
    return s.str();
}

}  // namespace ems120
