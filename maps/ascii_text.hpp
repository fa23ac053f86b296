#pragma once
// The two text helpers every small file reader here needs: blanks around a field, and ASCII
// case folding for keywords (UTF-8 bytes pass through untouched, so names are never mangled).
#include <string>
#include <string_view>

namespace ems120 {

// Without leading and trailing spaces, tabs and line ends.
inline std::string_view trim_blanks(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// A-Z lowered; every other byte as it is.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace ems120
