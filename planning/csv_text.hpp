#pragma once
// Fields of the planners' CSV outputs (coverage rows, simulated calls): RFC 4180 quoting only
// where a field needs it, and fixed-point numbers.
#include <sstream>
#include <string>

namespace ems120 {

inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

inline std::string fixed_number(double v, int decimals) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(decimals);
    s << v;
    return s.str();
}

}  // namespace ems120
