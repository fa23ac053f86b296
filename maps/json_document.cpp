#include "maps/json_document.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "maps/input_error.hpp"

namespace ems120 {

nlohmann::json parse_json_document(const std::string& text, const std::string& path) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError(path + ": empty file");
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        std::string_view what = e.what();
        if (const auto bracket = what.find("] "); bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
        throw InputError(path + ": invalid JSON: " + std::string(what));
    }
}

}  // namespace ems120
