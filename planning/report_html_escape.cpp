#include "planning/report_html_escape.hpp"

namespace ems120 {

std::string html_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: {
                const auto byte = static_cast<unsigned char>(c);
                if ((byte < 0x20 && c != '\t' && c != '\n') || byte == 0x7f)
                    out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
                else
                    out += c;
            }
        }
    }
    return out;
}

}  // namespace ems120
