#include "planning/report_number_text.hpp"

#include <cmath>
#include <cstdio>

namespace ems120 {

std::string fixed_text(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    // "-0.0" says a sign the number does not have.
    if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    return text;
}

std::string percent_text(double part, double whole) {
    if (whole <= 0.0) return "\xE2\x80\x93";  // en dash
    return fixed_text(100.0 * part / whole, 1) + "%";
}

std::string thousands_text(std::int64_t n) {
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace ems120
